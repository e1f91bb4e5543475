"""A goal a member wrote themselves in Mijn Krachtbron: correcting it and taking it back.

The rules (docs/mijn-krachtbron.md, "Je eigen doel aanpassen of terugnemen"):

* Only the member who wrote it (``Goal.added_by_member``) sees the buttons and may post; for
  anyone else the goal does not exist here (404, a DENIED row, as every portal look-up).
* *Aanpassen* (the words, what it is about, for whom) while the adviser has not agreed it yet
  (``proposal`` is "voorstel" or "bespreken"). A changed goal is a proposal again: the adviser
  looks at the new words (the caseload says so, ``plan_staff.proposal_notes``). Once agreed,
  the words are the plan the family and the adviser made together: a change goes through
  "Hier wil ik over praten".
* *Terugnemen* while it is not agreed and nothing in the file builds on it: no 0-10 number (from
  anyone, the member's own included) and no afspraak. The goal is deleted with its open talk
  flags; the access log keeps that it was added and taken back, by whom and when (no words).

Both writes are one transaction with the access-log row (``record_file_change``: the file
counts as changed and its stored PDFs are forgotten), the member as the actor, and both check
the goal's ``version`` as the form read it (``lib.locking``): a change by the adviser in
between (agreeing it, editing it) stops the write with ``StaleEditError``.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.choices import GoalProposal
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.lib.locking import StaleEditError


class OwnGoalRefused(Exception):
    """The change is not possible (any more); ``str(error)`` is the B1 message for the member."""


def may_edit(goal: Goal) -> bool:
    """May its writer still correct it? While the adviser has not agreed it."""
    return goal.proposal != GoalProposal.AGREED


def agreed_already() -> str:
    """Why an agreed goal cannot be corrected or taken back here (a B1 sentence)."""
    return _(
        "Dit doel is al afgesproken met je hulpverlener. Wil je het anders? "
        "Klik dan op 'Hier wil ik over praten'."
    )


def take_back_refusal(goal: Goal) -> str:
    """Why its writer may not take it back (a B1 sentence), or "" when they may. Two queries
    at most (its numbers, its afspraken)."""
    if not may_edit(goal):
        return agreed_already()
    if goal.scalings.exists():
        return _(
            "Er staat al een cijfer bij dit doel. Wil je het toch weg? Zeg het je hulpverlener."
        )
    if goal.agreements.exists():
        return _(
            "Er staat al een afspraak bij dit doel. Wil je het toch weg? Zeg het je hulpverlener."
        )
    return ""


def _claim(member: FamilyMember, goal: Goal, expected_version: int, **values: object) -> None:
    """The conditional UPDATE both writes start with: the member's own goal, not agreed, at the
    version the form read (the version goes up by one). It also holds the row (the write lock
    on SQLite, the row lock on PostgreSQL) until the transaction ends. Raises StaleEditError
    when no row matched: changed (or agreed) in between, or gone."""
    updated = (
        Goal.objects.filter(pk=goal.pk, added_by_member=member, version=expected_version)
        .exclude(proposal=GoalProposal.AGREED)
        .update(version=F("version") + 1, updated_at=timezone.now(), **values)
    )
    if updated != 1:
        raise StaleEditError


def edit_own_goal(
    member: FamilyMember,
    goal: Goal,
    expected_version: int,
    *,
    text: str,
    life_domain: str,
    for_whole_family: bool,
) -> list[str]:
    """``member`` corrects the goal they wrote: its words (≤ 1000 characters, as the form
    checks), its life domain and whether it is for them or the whole family. The goal becomes a
    proposal again ("voorstel"). Returns the names of the fields that changed ([] when nothing
    did: then nothing is written). Raises StaleEditError (nothing written) as ``_claim``."""
    new = {
        "text": text,
        "life_domain": life_domain,
        "member_id": None if for_whole_family else member.pk,
    }
    changed = sorted(name for name, value in new.items() if getattr(goal, name) != value)
    if not changed:
        return []
    with transaction.atomic():
        _claim(member, goal, expected_version, proposal=GoalProposal.PROPOSED, **new)
        for name, value in new.items():
            setattr(goal, name, value)
        goal.proposal, goal.version = GoalProposal.PROPOSED, expected_version + 1
        fields = ["member" if name == "member_id" else name for name in changed]
        record_file_change(
            Actor.family_member(member),
            goal.family,
            AccessKind.CHANGE,
            goal,
            extra={"fields": fields, "by_family": True},
        )
    return changed


def take_back_own_goal(member: FamilyMember, goal: Goal, expected_version: int) -> None:
    """``member`` takes back the goal they wrote: it is deleted (with its open talk flags).
    Raises StaleEditError as ``_claim``, OwnGoalRefused (``take_back_refusal``'s words) when
    something in the file builds on it; in both cases nothing is written."""
    with transaction.atomic():
        _claim(member, goal, expected_version)
        goal.refresh_from_db()
        refusal = take_back_refusal(goal)
        if refusal:
            raise OwnGoalRefused(refusal)
        record_file_change(
            Actor.family_member(member),
            goal.family,
            AccessKind.DELETE,
            goal,
            extra={"taken_back": True},
        )
        goal.delete()
