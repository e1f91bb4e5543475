"""What a family member does in Mijn Krachtbron beyond the file's own writes: "hier wil ik over
praten" on a goal or an answer, and the adviser marking it talked about. One transaction each
with its access-log row (``families.actions.record_file_change``); the member is the actor.

(A goal of the family's own and a member's own numbers are parts of the file: their writes are
``families.actions.add_family_goal`` and ``strengths.actions.add_own_scaling`` /
``add_own_goal_scaling``.)"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.models import Answer


def raise_talk_flag(
    member: FamilyMember, *, goal: Goal | None = None, answer: Answer | None = None
) -> tuple[TalkFlag, bool]:
    """ "Hier wil ik over praten" on a goal or one questionnaire answer: (the open flag, True
    when it is new). Flagging what the member already flagged changes nothing (also for two
    clicks at the same moment: the open flag is unique per member and goal or answer)."""
    if (goal is None) == (answer is None):
        raise ValueError("Flag a goal or an answer, exactly one.")
    target = {"goal": goal} if goal is not None else {"answer": answer}
    open_flags = TalkFlag.objects.filter(raised_by=member, talked_at__isnull=True, **target)
    existing = open_flags.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            flag = TalkFlag.objects.create(
                family_id=member.family_id, raised_by=member, raised_at=timezone.now(), **target
            )
            record_file_change(Actor.family_member(member), member.family, AccessKind.CREATE, flag)
    except IntegrityError:
        existing = open_flags.first()
        if existing is None:  # not a duplicate after all
            raise
        return existing, False
    return flag, True


def mark_talked(user: User, flag: TalkFlag) -> bool:
    """The adviser talked about it with the family. False when it was already marked."""
    now = timezone.now()
    with transaction.atomic():
        done = TalkFlag.objects.filter(pk=flag.pk, talked_at__isnull=True).update(
            talked_at=now, talked_by=user
        )
        if done:
            flag.talked_at, flag.talked_by = now, user
            record_file_change(user, flag.family, AccessKind.CHANGE, flag, extra={"talked": True})
    return bool(done)
