"""Writes to the strength profile, scalings and first question: one transaction each, with
its access-log row (STYLE.md: plain functions called by views)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.choices import Visibility
from krachtbron.families.file_copy import MEMBER_KEY
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.lib.locking import StaleEditError, save_versioned
from krachtbron.lib.prepared import insert
from krachtbron.strengths.models import (
    FirstQuestion,
    FirstQuestionRevision,
    GoalScaling,
    Perspective,
    Scaling,
    StrengthEntry,
    default_scaling_visibility,
)


class DuplicateEntryError(Exception):
    """The member already has an entry for this dimension and life domain."""


def add_entry(
    user: User,
    member: FamilyMember,
    *,
    dimension: str,
    life_domain: str,
    goes_well: str,
    is_hard: str,
    gives_energy: str,
    visibility: str = Visibility.FAMILY,
) -> StrengthEntry:
    try:
        with transaction.atomic():
            entry = StrengthEntry.objects.create(
                member=member,
                dimension=dimension,
                life_domain=life_domain,
                goes_well=goes_well,
                is_hard=is_hard,
                gives_energy=gives_energy,
                visibility=visibility,
            )
            record_file_change(user, member.family, AccessKind.CREATE, entry)
    except IntegrityError:
        # Another tab, or a colleague, added the same part first: nothing was written.
        raise DuplicateEntryError from None
    return entry


def update_entry(
    user: User, entry: StrengthEntry, expected_version: int, **changes: str
) -> StrengthEntry:
    with transaction.atomic():
        save_versioned(entry, expected_version, **changes)
        record_file_change(user, entry.member.family, AccessKind.CHANGE, entry)
    return entry


def _delete_owned(
    user: User, row: StrengthEntry | Scaling | GoalScaling, family: Family, owner: int | None
) -> None:
    """Delete ``row`` of ``family`` with its access-log row. Whose it was (the member's id, or
    None for the whole family's goal) stays on record, so the rows about it keep their owner
    (file_copy)."""
    with transaction.atomic():
        record_file_change(user, family, AccessKind.DELETE, row, extra={MEMBER_KEY: owner})
        row.delete()


def delete_entry(user: User, entry: StrengthEntry) -> None:
    _delete_owned(user, entry, entry.member.family, entry.member_id)


def add_scaling(
    user: User,
    member: FamilyMember,
    *,
    dimension: str,
    perspective: str,
    score: int,
    noted_on: date,
    not_zero_because: str = "",
    one_step_higher: str = "",
    visibility: str = "",
) -> Scaling:
    """A new scaling; ``visibility`` empty: the default of its perspective (the adviser's
    own score is for professionals until the adviser shares it)."""
    with transaction.atomic():
        scaling = Scaling.objects.create(
            member=member,
            dimension=dimension,
            perspective=perspective,
            score=score,
            noted_on=noted_on,
            not_zero_because=not_zero_because,
            one_step_higher=one_step_higher,
            visibility=visibility or default_scaling_visibility(perspective),
            by=user,
        )
        record_file_change(user, member.family, AccessKind.CREATE, scaling)
    return scaling


def delete_scaling(user: User, scaling: Scaling) -> None:
    _delete_owned(user, scaling, scaling.member.family, scaling.member_id)


def add_goal_scaling(
    user: User,
    goal: Goal,
    *,
    score: int,
    noted_on: date,
    note: str = "",
    visibility: str = Visibility.FAMILY,
) -> GoalScaling:
    with transaction.atomic():
        scaling = GoalScaling.objects.create(
            goal=goal, score=score, noted_on=noted_on, note=note, visibility=visibility, by=user
        )
        record_file_change(user, goal.family, AccessKind.CREATE, scaling)
    return scaling


def delete_goal_scaling(user: User, scaling: GoalScaling) -> None:
    _delete_owned(user, scaling, scaling.goal.family, scaling.goal.member_id)


def save_first_question(
    user: User,
    family: Family,
    expected_version: int | None,
    *,
    text: str,
    status: str,
    practical_help: str,
    visibility: str = Visibility.FAMILY,
) -> FirstQuestion:
    """Create or change the family's first question and keep every wording as a revision.

    `expected_version` is the version the user started from; None means "there was none yet".
    If a colleague saved in the meantime this raises StaleEditError and writes nothing.
    """
    try:
        with transaction.atomic():
            if expected_version is None:
                question = FirstQuestion.objects.create(
                    family=family,
                    text=text,
                    status=status,
                    practical_help=practical_help,
                    visibility=visibility,
                )
                kind = AccessKind.CREATE
            else:
                question = FirstQuestion.objects.get(family=family)
                save_versioned(
                    question,
                    expected_version,
                    text=text,
                    status=status,
                    practical_help=practical_help,
                    visibility=visibility,
                )
                kind = AccessKind.CHANGE
            FirstQuestionRevision.objects.create(
                first_question=question,
                version=question.version,
                text=text,
                status=status,
                practical_help=practical_help,
                saved_by=user,
            )
            record_file_change(user, family, kind, question)
    except (IntegrityError, FirstQuestion.DoesNotExist):
        # Created by someone else since the form was opened, or gone with the family.
        raise StaleEditError from None
    return question


# --- What a family member does in Mijn Krachtbron -------------------------------------------------
# Each write names the member as the actor of its access-log row; the views check first that the
# member may see the goal or answer (families.rights).


def add_own_scaling(
    member: FamilyMember,
    *,
    dimension: str,
    score: int,
    not_zero_because: str = "",
    one_step_higher: str = "",
) -> Scaling:
    """A member scores themselves 0-10 on a dimension (their own perspective, today).

    All or nothing, in the caller's transaction when there is one (a form POST's, with its
    one-time key): no savepoint of its own, so a failure here fails the whole POST."""
    with transaction.atomic(savepoint=False):
        scaling = insert(
            Scaling(
                member=member,
                dimension=dimension,
                perspective=Perspective.MEMBER,
                score=score,
                noted_on=timezone.localdate(),
                not_zero_because=not_zero_because,
                one_step_higher=one_step_higher,
                by_member=member,
            )
        )
        record_file_change(Actor.family_member(member), member.family, AccessKind.CREATE, scaling)
    return scaling


def add_own_goal_scaling(
    member: FamilyMember,
    goal: Goal,
    *,
    score: int,
    not_zero_because: str = "",
    one_step_higher: str = "",
) -> GoalScaling:
    """A member says how far a goal is, 0-10, today, with the two solution-focused answers
    (all or nothing in the caller's transaction, as ``add_own_scaling``)."""
    if goal.family_id != member.family_id:
        raise ValueError("A member scores only goals of their own family.")
    with transaction.atomic(savepoint=False):
        scaling = insert(
            GoalScaling(
                goal=goal,
                score=score,
                noted_on=timezone.localdate(),
                not_zero_because=not_zero_because,
                one_step_higher=one_step_higher,
                by_member=member,
            )
        )
        record_file_change(Actor.family_member(member), member.family, AccessKind.CREATE, scaling)
    return scaling
