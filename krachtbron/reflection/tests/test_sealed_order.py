"""With ANSWER_SEAL_KEY and ONE copy of the database taken while a round is open, nothing
orders the sealed answer sets like the participations (break-11, finding 6).

Before: each answer wrote its participation and its sealed row in one transaction, so the
sealed rows lay in the order of the participations (SQLite's rowid, PostgreSQL's ctid, a dump)
and on PostgreSQL each sealed row carried the transaction id (``xmin``) of its participation:
whoever held the key and one copy opened every set and matched it to its person. Now every
answer writes all sealed sets of the round again, shuffled, re-sealed, under new keys
(``actions._reseal_shuffled``): the physical order is that of the last shuffle and every live
sealed row has the ``xmin`` of the latest answer.

What stays possible is documented in docs/anonimiteit.md ("Wat overblijft"): with the key, two
states of the database (two copies, or the old row versions, WAL or freed pages that a raw copy
of the database files holds) show by difference what came in between.

The bounds are those of ``test_ordering_attack.py`` (20 rounds of 12, a fresh shuffle each).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from krachtbron.accounts.models import Role
from krachtbron.reflection import actions
from krachtbron.reflection.models import RoundParticipation, SealedAnswerSet
from krachtbron.reflection.seal import unseal
from krachtbron.reflection.tests.factories import open_round, staff
from krachtbron.reflection.tests.test_ordering_attack import (
    PEOPLE,
    ROUNDS,
    _decode,
    _encode,
    _norm,
    _recovered,
    _rows,
    pg_dump_participations,
    pg_dump_rows,
)
from krachtbron.testing.factories import TeamFactory, UserFactory


def _pg_dump_sealed_order() -> tuple[list[tuple], list[object]]:
    """Participations and sealed rows in the order of `pg_dump --data-only` (COPY blocks)."""
    rows = pg_dump_rows("reflection_roundparticipation", "reflection_sealedanswerset")
    sealed: list[object] = [row["id"] for row in rows["reflection_sealedanswerset"]]
    return pg_dump_participations(rows), sealed


def _sqlite_dump_sealed_order() -> list[object]:
    ids = []
    for statement in connection.connection.iterdump():
        if statement.startswith('INSERT INTO "reflection_sealedanswerset"'):
            raw = statement.split("VALUES(", 1)[1].split(",")
            ids.append(raw[0].strip("'"))
    return ids


def _backup_sealed_order(tmp_path: Path) -> tuple[list[tuple], list[object]]:
    path = tmp_path / "backup.json.gz"
    call_command("backup", path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        objects = json.load(handle)
    participations = [
        (o["fields"]["round"], o["fields"]["user"][0])
        for o in objects
        if o["model"] == "reflection.roundparticipation"
    ]
    sealed = [o["pk"] for o in objects if o["model"] == "reflection.sealedanswerset"]
    return participations, sealed


class KeyHolder:
    """The attacker with the key: opens every sealed set; ground truth for the matches."""

    def __init__(self, people: list, round_ids: set[int]) -> None:
        self.index_of_user = {p.pk: i for i, p in enumerate(people)}
        self.index_of_user.update({p.username: i for i, p in enumerate(people)})
        self.round_ids = round_ids
        self.truth: dict[str, tuple[int, int]] = {}  # sealed id -> (round, person index)
        for pk, round_id, blob in SealedAnswerSet.objects.values_list("pk", "round_id", "sealed"):
            self.truth[_norm(pk)] = (round_id, _decode(unseal(round_id, blob)["answers"]))

    def matches(self, participations: list[tuple], sealed: list[object]) -> list[int]:
        people: dict[int, list[int]] = {}
        for round_id, user in participations:
            if round_id in self.round_ids:
                people.setdefault(round_id, []).append(self.index_of_user[user])
        answers: dict[int, list[int]] = {}
        for pk in sealed:
            round_id, index = self.truth[_norm(pk)]
            answers.setdefault(round_id, []).append(index)
        return [
            sum(1 for a, b in zip(order, answers.get(round_id, []), strict=False) if a == b)
            for round_id, order in people.items()
        ]


@pytest.mark.django_db(transaction=True)
def test_with_the_key_one_copy_of_an_open_round_links_nothing_by_order(tmp_path):
    team = TeamFactory()
    leader = UserFactory(team=team, role=Role.TEAMLEIDER)
    people = staff(team, PEOPLE)
    rounds = [open_round(leader, [team]) for _ in range(ROUNDS)]
    for round_ in rounds:
        for index, person in enumerate(people):
            actions.answer_round(person, round_, _encode(index))
    holder = KeyHolder(people, {r.pk for r in rounds})
    assert len(holder.truth) == ROUNDS * PEOPLE  # the key opens every set: the attack's premise

    by_key = list(RoundParticipation.objects.order_by("pk").values_list("round_id", "user_id"))
    orders: dict[str, Callable[[], tuple[list[tuple], list[object]]]] = {
        "keys": lambda: (
            by_key,
            list(SealedAnswerSet.objects.order_by("pk").values_list("pk", flat=True)),
        ),
        "backup": lambda: _backup_sealed_order(tmp_path),
    }
    if connection.vendor == "sqlite":
        by_rowid = _rows(
            "SELECT round_id, user_id FROM reflection_roundparticipation ORDER BY rowid"
        )
        orders["rowid"] = lambda: (
            by_rowid,
            [r[0] for r in _rows("SELECT id FROM reflection_sealedanswerset ORDER BY rowid")],
        )
        orders["sqlite dump"] = lambda: (by_rowid, _sqlite_dump_sealed_order())
    else:
        orders["ctid"] = lambda: (
            _rows("SELECT round_id, user_id FROM reflection_roundparticipation ORDER BY ctid"),
            [r[0] for r in _rows("SELECT id FROM reflection_sealedanswerset ORDER BY ctid")],
        )
        orders["pg_dump"] = _pg_dump_sealed_order
    recovered = {}
    for name, order in orders.items():
        participations, sealed = order()
        recovered[name] = _recovered(holder.matches(participations, sealed))
    assert recovered == dict.fromkeys(orders)


@pytest.mark.database("postgresql")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_no_sealed_row_shares_its_transaction_id_with_its_own_participation():
    """The tester's join on xmin: every live sealed row of the round carries the xmin of the
    latest answer, so the join pairs the latest participant with all six sets, and nobody
    with one set."""
    team = TeamFactory(name="Oost")
    leader = UserFactory(role=Role.TEAMLEIDER, team=team)
    round_ = open_round(leader, [team])
    people = staff(team, 6)
    for index, user in enumerate(people):
        actions.answer_round(user, round_, {"o01": index % 5, "o02": index // 5})
    pairs = _rows(
        "SELECT p.user_id, s.id FROM reflection_roundparticipation p "  # noqa: S608 - an int
        "JOIN reflection_sealedanswerset s ON s.xmin = p.xmin AND s.round_id = p.round_id "
        f"WHERE p.round_id = {int(round_.pk)}"
    )
    linked: dict[int, int] = {}
    for user_id, _sealed in pairs:
        linked[user_id] = linked.get(user_id, 0) + 1
    assert linked == {people[-1].pk: 6}
    # The live rows carry one transaction id: the order of transactions links nothing either.
    (xmins,) = _rows(
        f"SELECT COUNT(DISTINCT xmin::text) FROM reflection_sealedanswerset "  # noqa: S608
        f"WHERE round_id = {int(round_.pk)}"
    )
    assert xmins == (1,)


@pytest.mark.django_db
def test_every_answer_writes_the_rounds_sealed_sets_anew(org):
    """No sealed row survives an answer: new keys and new bytes for every set (the same
    answers inside), so neither a key nor the bytes of a row follow it from copy to copy."""
    round_ = open_round(org.teamleider, [org.team])
    people = staff(org.team, 4)
    actions.answer_round(people[0], round_, {"o01": 1})
    before = dict(SealedAnswerSet.objects.values_list("pk", "sealed"))
    for person in people[1:]:
        actions.answer_round(person, round_, {"o01": 2})
        after = dict(SealedAnswerSet.objects.values_list("pk", "sealed"))
        assert not set(before) & set(after)
        assert not {bytes(b) for b in before.values()} & {bytes(b) for b in after.values()}
        before = after
    opened = sorted(unseal(round_.pk, b)["answers"]["o01"] for b in before.values())
    assert opened == [1, 2, 2, 2]
