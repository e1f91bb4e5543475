"""The two requests every family makes most, in as few statements as possible.

An autosave is one statement and the final submit one short transaction, of plain SQL that
both checks and writes: it only matches a response that is still open and whose invitation is
neither completed, withdrawn nor expired. When it matches nothing (no response yet, or the
questionnaire closed) the caller takes the ordinary path in ``actions``, which creates the
response or finds out why and says so. The SQL is the same on SQLite and PostgreSQL but for a
row lock; the tests run on both. Short write transactions matter doubly on SQLite: one writer
at a time, and a waiting writer sleeps at least a millisecond. See docs/vragenlijst.md
("Snelheid").
"""

from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from krachtbron.audit.actors import Actor
from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind
from krachtbron.lib.tokens import new_receipt
from krachtbron.questionnaires.drops import mark_drop
from krachtbron.questionnaires.models import Answer, Invitation, Response, fillable

# Plain SQL with the tables' fixed names; every value is a query parameter. Which invitations
# may still be filled in is not written here: `_fillable_invitation` compiles `models.fillable`
# (the rule of Invitation.state) into a subquery "{fillable}" with the ORM.
# One statement that checks and writes: it inserts (or changes) the answer only for a response
# that is still open, of an invitation that may still be filled in. On PostgreSQL the response
# row is locked (FOR UPDATE), so an answer that arrives during a submit waits for it and then
# finds the response completed; SQLite writes one statement at a time anyway.
_GUARDED_UPSERT = (
    "INSERT INTO questionnaires_answer (response_id, item_id, value, answered_at) "
    "SELECT r.id, %s, CAST(%s AS smallint), %s FROM questionnaires_response r "
    "WHERE r.invitation_id = %s AND r.completed_at IS NULL "
    "AND r.invitation_id IN ({fillable})"
    "{lock} ON CONFLICT (response_id, item_id) DO UPDATE "
    "SET value = excluded.value, answered_at = excluded.answered_at"
)
_COMPLETE = (
    "UPDATE questionnaires_response SET completed_at = %s, updated_at = %s, receipt = %s, "
    "team_id = (SELECT f.team_id FROM families_family f "
    "WHERE f.id = questionnaires_response.family_id) "
    "WHERE invitation_id = %s AND completed_at IS NULL "
    "AND invitation_id IN ({fillable}) "
    "RETURNING id, family_id, member_id, instrument_id, instrument_version, "
    "(SELECT f.reference FROM families_family f WHERE f.id = questionnaires_response.family_id)"
)
_CLOSE_INVITATION = "UPDATE questionnaires_invitation SET completed_at = %s WHERE id = %s"

# Stand-ins for the two values of the compiled subquery, found again among its parameters.
_SOME_PK = -7_654_321
_SOME_MOMENT = datetime(2000, 1, 2, 3, 4, 5, 678_901, tzinfo=UTC)


@cache
def _fillable_sql(vendor: str) -> tuple[str, tuple[str, ...]]:
    """`SELECT id FROM questionnaires_invitation WHERE <fillable> AND id = ...` as SQL, and
    for each parameter whether it is the moment ("now") or the invitation ("pk"). Compiled once
    per database kind: compiling on every request would cost more than the query."""
    query = Invitation.objects.filter(fillable(_SOME_MOMENT), pk=_SOME_PK).order_by().values("pk")
    sql, params = query.query.sql_with_params()
    moment = connection.ops.adapt_datetimefield_value(_SOME_MOMENT)
    roles = tuple("pk" if p == _SOME_PK else "now" if p == moment else "?" for p in params)
    if "?" in roles:  # a rule with a value of its own: this module must learn to pass it
        raise RuntimeError(f"fillable() has a parameter fastpath cannot fill: {params}")
    return sql, roles


def _fillable_invitation(invitation_id: int, now: Any) -> tuple[str, list[Any]]:
    sql, roles = _fillable_sql(connection.vendor)
    return sql, [invitation_id if role == "pk" else now for role in roles]


def save_answer(invitation_id: int, item_id: str, value: int | None) -> bool:
    """Save a validated answer to an open response; False when the ordinary path must decide."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fillable_sql, fillable_params = _fillable_invitation(invitation_id, now)
    lock = " FOR UPDATE OF r" if connection.vendor == "postgresql" else ""
    sql = _GUARDED_UPSERT.format(fillable=fillable_sql, lock=lock)
    with connection.cursor() as cursor:
        cursor.execute(sql, [item_id, value, now, invitation_id, *fillable_params])
        return bool(cursor.rowcount == 1)


def submit(invitation_id: int) -> str | None:
    """Complete an open response once: the receipt, or None when the ordinary path must decide
    (no response yet, already completed — then the same receipt is shown —, or closed)."""
    moment = timezone.now()
    now = connection.ops.adapt_datetimefield_value(moment)
    receipt = new_receipt()
    fillable_sql, fillable_params = _fillable_invitation(invitation_id, now)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            _COMPLETE.format(fillable=fillable_sql),
            [now, now, receipt, invitation_id, *fillable_params],
        )
        row = cursor.fetchone()
        if row is None:
            return None
        response_id, family_id, member_id, instrument_id, version, reference = row
        cursor.execute(_CLOSE_INVITATION, [now, invitation_id])
        mark_drop(response_id, instrument_id, version)
        log_access(
            Actor.family_member(member_id),
            FamilyRef(family_id, reference),
            AccessKind.CHANGE,
            object_type="questionnaire_response",
            object_id=response_id,
            extra={"action": "submit"},
        )
    return receipt


def _check_table_names() -> None:
    """The SQL above names the tables; fail loudly if a model's table is ever renamed."""
    assert Response._meta.db_table == "questionnaires_response"
    assert Answer._meta.db_table == "questionnaires_answer"
    assert Invitation._meta.db_table == "questionnaires_invitation"


_check_table_names()
