"""Demo questionnaires: measurements over time, parent and youth side by side, open invitations.

Every response goes through the real actions (invite, answer, submit); only the dates are moved
into the past afterwards, so the trend has a history.
"""

from datetime import timedelta
from random import Random

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.typed_code import shown_code
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Invitation, Moment, Response
from krachtbron.sending import actions as sending
from krachtbron.sending.models import Channel, Delivery, Purpose
from krachtbron.sending.reminders import remind_and_erase
from krachtbron.sending.stops import stop_messages

ITEMS = [f"g{n:02d}" for n in range(1, 14)]
# Days ago of each moment; a later moment answers a little higher on average (help that works).
MOMENTS = [(Moment.BEGIN, 120, 1.6), (Moment.INTERIM, 60, 2.4), (Moment.END, 8, 3.0)]


def _answers(rng: Random, level: float) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for item_id in ITEMS:
        if rng.random() < 0.08:
            answers[item_id] = None  # an item may be skipped
            continue
        answers[item_id] = max(0, min(4, round(rng.gauss(level, 1.0))))
    return answers


def _complete(
    adviser: User,
    member: FamilyMember,
    moment: str,
    days_ago: int,
    level: float,
    rng: Random,
    language: str = "nl",
) -> Response:
    invitation, _token = actions.invite_member(
        adviser,
        member.family,
        member,
        moment=moment,
        language=language,
    )
    for item_id, value in _answers(rng, level).items():
        actions.save_answer(invitation, item_id, value)
    invitation.refresh_from_db()
    response = actions.submit_response(invitation)
    when = timezone.now() - timedelta(days=days_ago, hours=rng.randint(0, 8))
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=when - timedelta(days=2),
        opened_at=when - timedelta(hours=1),
        completed_at=when,
        expires_at=when + timedelta(days=12),
    )
    Response.objects.filter(pk=response.pk).update(
        started_at=when - timedelta(minutes=9), updated_at=when, completed_at=when
    )
    return response


def _members(family: Family, role: str) -> list[FamilyMember]:
    return [m for m in family.members.all() if m.role == role]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    adviser = ctx.users["adviseur1"]
    noord = ctx.teams[0]
    noord_families = [f for f in ctx.families if f.team_id == noord.pk and f.assignments.exists()]
    own = [f for f in noord_families if f.assignments.filter(adviser=adviser).exists()]
    # The showcase: a family of adviseur1 with a parent and a young person, three measurements.
    showcase = next(
        (f for f in own if _members(f, MemberRole.PARENT) and _members(f, MemberRole.YOUTH)),
        own[0],
    )
    for index, family in enumerate(noord_families):
        family_adviser = family.assignments.select_related("adviser")[0].adviser
        parents = _members(family, MemberRole.PARENT)
        youths = _members(family, MemberRole.YOUTH)
        if not parents:
            continue
        moments = MOMENTS if family == showcase else MOMENTS[: 1 + index % 3]
        for moment, days_ago, level in moments:
            _complete(family_adviser, parents[0], moment, days_ago + index, level, rng)
        if youths and (family == showcase or index % 2 == 0):
            language = "en" if index % 4 == 2 else "nl"
            for moment, days_ago, level in moments[:2]:
                _complete(
                    family_adviser, youths[0], moment, days_ago + index, level - 0.5, rng, language
                )

    # Open invitations of adviseur1 in every state the overview shows.
    now = timezone.now()
    targets = [m for f in own for m in f.members.all() if m.role in actions.INVITABLE_ROLES] or [
        m for m in showcase.members.all() if m.role in actions.INVITABLE_ROLES
    ]
    states = ["sent", "opened", "in_progress", "expired", "withdrawn", "reminded"]
    for state, member in zip(states, targets * 6, strict=False):
        invitation, token = actions.invite_member(
            adviser, member.family, member, moment=Moment.INTERIM, language="nl"
        )
        if state in ("sent", "opened"):
            _demo_email(adviser, invitation, token, failed=state == "sent")
        if state == "opened":
            actions.mark_opened(invitation)
        elif state == "in_progress":
            actions.mark_opened(invitation)
            for item_id in ITEMS[:5]:
                actions.save_answer(invitation, item_id, rng.randint(1, 4))
        elif state == "expired":
            Invitation.objects.filter(pk=invitation.pk).update(
                created_at=now - timedelta(days=20), expires_at=now - timedelta(days=6)
            )
        elif state == "withdrawn":
            actions.withdraw_invitation(adviser, invitation)
        elif state == "reminded":
            _demo_reminder(adviser, invitation, token)
    # A young person who chose "geen berichten meer" through the link in a message.
    youths = _members(showcase, MemberRole.YOUTH)
    if youths:
        stop_messages(youths[0])


def _demo_reminder(adviser: User, invitation: Invitation, token: str) -> None:
    """Sent by e-mail with reminders 4 days ago, never opened: the daily round of yesterday
    sent the first reminder (docs/versturen.md, "Herinneringen"). Real steps, moved back in
    time; nothing reaches a mail server (the queued task finds it sent and does nothing)."""
    now = timezone.now()
    first = _demo_email(adviser, invitation, token, failed=False, remind=True)
    back = now - timedelta(days=4)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=back)
    Delivery.objects.filter(pk=first.pk).update(created_at=back, claimed_at=back, sent_at=back)
    remind_and_erase(now - timedelta(days=1))
    reminder = Delivery.objects.get(reminder_of=first, reminder=1)
    claimed = sending.claim(reminder.pk)
    assert claimed is not None
    sending.mark_sent(claimed)
    Delivery.objects.filter(pk=reminder.pk).update(
        claimed_at=reminder.created_at, sent_at=reminder.created_at + timedelta(hours=7)
    )


def _demo_email(
    adviser: User, invitation: Invitation, token: str, *, failed: bool, remind: bool = False
) -> Delivery:
    """The invitation went out by e-mail (docs/versturen.md): "verstuurd" (the family opened
    it; by SMS as well), or "mislukt" (the mail server refused the address; not opened yet),
    through the real steps of sending but without a server, so loading the demo sends nothing."""
    link = settings.SITE_URL + reverse("questionnaires:open", args=[token])
    ways = [(Channel.EMAIL, "ouder@example.org")]
    if not failed and not remind:
        ways.append((Channel.SMS, "+31612345678"))
    first: Delivery | None = None
    for channel, to in ways:
        delivery = sending.queue(
            adviser,
            invitation.member,
            channel=channel,
            purpose=Purpose.QUESTIONNAIRE,
            subject_id=invitation.pk,
            to=to,
            link=link,
            expires_at=invitation.expires_at,
            language=invitation.language,
            remind=remind,
            code=shown_code(token, invitation.code_hash),  # the typed code, in the message too
        )
        first = first or delivery
        claimed = sending.claim(delivery.pk)
        assert claimed is not None
        if failed:
            sending.after_error(claimed, "SMTPRecipientsRefused 550", permanent=True)
        else:
            sending.mark_sent(claimed)
    assert first is not None
    return first
