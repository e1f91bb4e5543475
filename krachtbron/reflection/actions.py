"""Writes of the reflection app: plain functions in one transaction each, called by views."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Team, User
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind
from krachtbron.instruments import get_instrument, validate
from krachtbron.instruments.ids import ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import quarter_of
from krachtbron.lib.suppression import round_teams
from krachtbron.reflection import hooks
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    ProfessionalAnswer,
    ProfessionalReflection,
    ReflectionRound,
    RoundParticipation,
    RoundScope,
    RoundStatus,
    SealedAnswerSet,
)
from krachtbron.reflection.seal import seal, unseal


def round_closed_message() -> str:
    """Said to someone who posts answers after the round closed (nothing is stored)."""
    return _(
        "Deze ronde is inmiddels gesloten. Je antwoorden zijn niet bewaard: de uitkomsten "
        "liggen vast."
    )


class RoundError(Exception):
    """A round cannot be answered; ``message`` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@transaction.atomic
def create_reflection(
    user: User, answers: Mapping[str, int | None], *, counts_in_team: bool, note: str = ""
) -> ProfessionalReflection:
    """Store one self-reflection. When it counts in the team's figures, an earlier counting
    reflection of the same quarter stops counting: one answer set per person per quarter."""
    instrument = get_instrument(PROFESSIONALS)
    checked = validate(instrument, answers)
    quarter = quarter_of(timezone.now())
    if counts_in_team:
        ProfessionalReflection.objects.filter(
            user=user, quarter=quarter, counts_in_team=True, superseded=False
        ).update(superseded=True)
    reflection = ProfessionalReflection.objects.create(
        user=user,
        instrument_version=instrument.version,
        counts_in_team=counts_in_team,
        team=user.team if counts_in_team else None,
        quarter=quarter,
        note=note,
    )
    ProfessionalAnswer.objects.bulk_create(
        ProfessionalAnswer(reflection=reflection, item_id=item_id, value=value)
        for item_id, value in checked.items()
    )
    return reflection


@transaction.atomic
def delete_reflection(reflection: ProfessionalReflection) -> None:
    """The author removes a reflection; when it counted, their previous counting reflection of
    that quarter counts again."""
    if reflection.counts_in_team and not reflection.superseded:
        previous = (
            ProfessionalReflection.objects.filter(
                user_id=reflection.user_id,
                quarter=reflection.quarter,
                counts_in_team=True,
                superseded=True,
            )
            .exclude(pk=reflection.pk)
            .order_by("-created_at", "-id")
            .first()
        )
        if previous is not None:
            previous.superseded = False
            previous.save(update_fields=["superseded"])
    reflection.delete()


@transaction.atomic
def open_round(
    user: User,
    *,
    title: str,
    scope: RoundScope,
    teams: Iterable[Team],
    starts_on: date,
    ends_on: date,
) -> ReflectionRound:
    instrument = get_instrument(ORGANISATION)
    round_ = ReflectionRound.objects.create(
        title=title,
        opened_by=user,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
    )
    round_.teams.set(list(teams))
    log_admin_change(
        user,
        round_,
        {
            "status": [None, round_.status],
            "scope": [None, scope],
            "teams": [None, list(round_.teams.values_list("pk", flat=True))],
            "starts_on": [None, starts_on],
            "ends_on": [None, ends_on],
        },
        object_type="reflection_round",
        kind=AccessKind.CREATE,
    )
    return round_


@transaction.atomic
def close_round(round_: ReflectionRound, *, by: User | None = None) -> None:
    """Close a round: no more answers; its sealed answer sets are opened and written as
    anonymous responses in a shuffled order (as far as the suppression rule lets them be
    stored: ``store_answer_sets``), and its figures are published (by ``insight``, through
    ``hooks.on_round_closed``), all in one transaction with the round row locked (so no answer
    can slip in between). Closing a closed round changes nothing."""
    locked = ReflectionRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status != RoundStatus.CLOSED:
        locked.status = RoundStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        # Who closed it (None: the system); an administrative change, in this transaction.
        log_admin_change(
            by,
            locked,
            {"status": [RoundStatus.OPEN, RoundStatus.CLOSED]},
            object_type="reflection_round",
        )
        _unseal_shuffled(locked)
        hooks.round_closed(locked)
    round_.status, round_.closed_at = locked.status, locked.closed_at


def _unseal_shuffled(round_: ReflectionRound) -> None:
    """Open the round's sealed answer sets and store what may be stored (``store_answer_sets``);
    then delete the sealed rows."""
    blobs = SealedAnswerSet.objects.filter(round=round_).values_list("sealed", flat=True)
    store_answer_sets(round_, [unseal(round_.pk, blob) for blob in blobs])
    SealedAnswerSet.objects.filter(round=round_).delete()


def store_answer_sets(round_: ReflectionRound, payloads: list[dict[str, Any]]) -> int:
    """Write the answer sets of a closed round as ``OrganisationResponse`` rows; returns how
    many were written.

    ``payloads``: ``{"team": id or None, "version": ..., "answers": {item: value}}`` each (what
    ``answer_round`` seals). Only what the suppression rule allows is written
    (``suppression.round_teams``): a set keeps its team only when at least the minimum of sets
    share it, so nobody can be linked to a stored set through the team column and the
    participations; the other sets are written without a team when they are at least the minimum
    together, and not at all otherwise (they can add to no published figure). A set without any
    answer counts in no figure and is not written either.

    The order in which rows are written decides their physical order (SQLite's rowid,
    PostgreSQL's ctid, the order of a dump); shuffling with the system's random source makes it
    independent of the order of ``RoundParticipation``. Keys are random UUIDs on both tables.
    """
    answered = [p for p in payloads if any(v is not None for v in p["answers"].values())]
    teams = round_teams(Counter(p["team"] for p in answered))
    stored = [{**p, "team": teams[p["team"]]} for p in answered if p["team"] in teams]
    secrets.SystemRandom().shuffle(stored)
    responses = [
        OrganisationResponse(
            round=round_,
            team_id=payload["team"],
            instrument_version=payload["version"],
            quarter=round_.quarter,
        )
        for payload in stored
    ]
    # bulk_create inserts in the order of the list: the shuffled order.
    OrganisationResponse.objects.bulk_create(responses)
    OrganisationAnswer.objects.bulk_create(
        OrganisationAnswer(response=response, item_id=item_id, value=value)
        for response, payload in zip(responses, stored, strict=True)
        for item_id, value in payload["answers"].items()
    )
    return len(responses)


def _reseal_shuffled(round_: ReflectionRound, new: dict[str, Any]) -> None:
    """Add one answer set to an open round by writing ALL its sealed sets again: opened, the
    new one added, shuffled, sealed anew (fresh nonces) under new random keys.

    So nothing in the live table follows the order of ``RoundParticipation``, also not for whoever
    holds ``ANSWER_SEAL_KEY``: the physical order (SQLite's rowid, PostgreSQL's ctid, a dump) is
    that of the last shuffle, and on PostgreSQL every live sealed row carries the transaction id
    (``xmin``) of the latest answer, not that of its own participation. No sealed row survives an
    answer unchanged, so two copies cannot tell the new set by its bytes or key either (with the
    key they still can by content: docs/anonimiteit.md, "Wat overblijft"). One answer costs work
    in proportion to the answers so far; answers to one round come one at a time anyway (the
    round row is locked).
    """
    sealed = SealedAnswerSet.objects.filter(round=round_)
    payloads = [unseal(round_.pk, blob) for blob in sealed.values_list("sealed", flat=True)]
    payloads.append(new)
    secrets.SystemRandom().shuffle(payloads)
    sealed.delete()
    SealedAnswerSet.objects.bulk_create(
        SealedAnswerSet(round=round_, sealed=seal(round_.pk, payload)) for payload in payloads
    )


def answer_round(user: User, round_: ReflectionRound, answers: Mapping[str, int | None]) -> None:
    """Store one anonymous answer set, sealed, and separately the fact that this person
    answered.

    Both are written in one transaction, so there is never an answer without its participation
    or the other way round; the unique participation stops a second answer. A sealed row holds
    the round and encrypted bytes only (no user, no time, a random key); what is inside (team,
    version, answers) is read only to write the round's sealed rows again in a new random order
    (``_reseal_shuffled``) and when the round closes. A round that is
    closed (also one closed after this person opened the form) refuses with a Dutch message and
    stores nothing.
    """
    from krachtbron.reflection.permissions import can_answer_round, in_round_scope

    instrument = get_instrument(ORGANISATION, version=round_.instrument_version)
    checked = validate(instrument, answers)
    if not any(value is not None for value in checked.values()):
        raise RoundError(_("Geef bij minstens één vraag een antwoord."))
    try:
        with transaction.atomic():
            # Lock the round row, so closing and answering cannot interleave.
            locked = ReflectionRound.objects.select_for_update().get(pk=round_.pk)
            if not in_round_scope(user, locked):
                raise RoundError(_("Deze ronde is niet voor jou."))
            if locked.status == RoundStatus.CLOSED:
                raise RoundError(round_closed_message())
            if not can_answer_round(user, locked, check_participation=False):
                raise RoundError(_("Deze ronde is gesloten of nog niet begonnen."))
            RoundParticipation.objects.create(
                round=locked, user=user, answered_on=timezone.localdate()
            )
            in_round = locked.teams.filter(pk=user.team_id).exists() if user.team_id else False
            payload = {
                "team": user.team_id if in_round else None,
                "version": instrument.version,
                "answers": dict(checked),
            }
            _reseal_shuffled(locked, payload)
    except IntegrityError as error:
        raise RoundError(
            _("Je hebt deze ronde al ingevuld. Je eerdere antwoorden zijn bewaard.")
        ) from error
