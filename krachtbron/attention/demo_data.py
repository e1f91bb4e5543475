"""Demo "Aandacht nodig": adviseur1's caseload shows every signal at least once, and the
teamleider's team page their counts (docs/aandacht.md). Runs after the other apps' demo data
(INSTALLED_APPS order); it only moves dates and adds one family, so the rest stays as it was."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import FamilyStatus, MemberRole
from krachtbron.families.models import CaseAssignment, Family
from krachtbron.questionnaires import actions
from krachtbron.questionnaires.models import Invitation, Moment, Response, ResultSeen, fillable


def load(ctx: DemoContext) -> None:
    adviser = ctx.users["adviseur1"]
    now = timezone.now()
    mine = Family.objects.filter(assignments__adviser=adviser)
    # Begin measurement overdue: a family that started three weeks ago and has not measured yet.
    late = Family.objects.create(
        reference="KB-DEMO-090",
        display_name="Gezin Visser",
        team=adviser.team,
        status=FamilyStatus.ACTIVE,
    )
    late.members.create(first_name="Inge", role=MemberRole.PARENT, has_parental_authority=True)
    CaseAssignment.objects.create(family=late, adviser=adviser)
    Family.objects.filter(pk=late.pk).update(created_at=now - timedelta(days=21))
    # A link about to expire: the first open invitation stops working in two days.
    open_link = Invitation.objects.filter(fillable(now), family__in=mine).order_by("pk").first()
    if open_link is not None:
        Invitation.objects.filter(pk=open_link.pk).update(expires_at=now + timedelta(days=2))
    _a_drop(adviser, mine)
    # Results read, except the newest one: that one is "nieuw" on the caseload.
    done = Response.objects.filter(family__in=mine, completed_at__isnull=False)
    newest = done.order_by("-completed_at", "-pk").first()
    ResultSeen.objects.bulk_create(
        [
            ResultSeen(response=r, adviser=adviser)
            for r in done.exclude(pk=newest.pk if newest else 0)
        ],
        ignore_conflicts=True,
    )


def _a_drop(adviser: User, mine: QuerySet[Family]) -> None:
    """ "Score gedaald": the member with the latest measurement fills in the questionnaire
    once more, every answer two points lower (not below 0), through the real submit, which
    compares it with their previous one (``questionnaires.drops``)."""
    latest = (
        Response.objects.filter(family__in=mine, completed_at__isnull=False)
        .select_related("family", "member")
        .order_by("-completed_at", "-pk")
        .first()
    )
    if latest is None:
        return
    lower = {
        item_id: None if value is None else max(0, value - 2)
        for item_id, value in latest.answers.values_list("item_id", "value")
    }
    invitation, _token = actions.invite_member(
        adviser, latest.family, latest.member, moment=Moment.INTERIM, language=latest.language
    )
    for item_id, value in lower.items():
        actions.save_answer(invitation, item_id, value)
    invitation.refresh_from_db()
    actions.submit_response(invitation)
