"""Demo: two families of adviseur1 with a parent and a young person of 14 invited to Mijn
Krachtbron; in the second family (``ENGLISH_PARENT``) the parent reads it in English and the
young person in Arabic. A newcomer opens the portal through a one-time link that
``manage.py demo_portal_link`` prints (demo only); no switch skips the sign-in."""

from datetime import date

from django.utils import timezone

from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.rights import age_on
from krachtbron.portal import (
    actions,
    aftercare_demo,
    network_demo,
    networkplan_demo,
    pages_demo,
    plan_demo,
)

#: How many demo families get portal members.
PORTAL_FAMILIES = 2

#: Which demo family's parent the adviser invited in English (0-based): the portal, the printed
#: invitation and the plan PDF are then in English.
ENGLISH_PARENT = 1


def portal_families() -> list[Family]:
    """The demo families with portal members (the ones ``load`` invited)."""
    return list(Family.objects.filter(portal_links__isnull=False).distinct().order_by("reference"))[
        :PORTAL_FAMILIES
    ]


def portal_members(family: Family) -> list[FamilyMember]:
    """The parent and the young person of a demo family who may use the portal."""
    return list(
        FamilyMember.objects.filter(
            family=family,
            portal_links__isnull=False,
            role__in=[MemberRole.PARENT, MemberRole.YOUTH],
        )
        .distinct()
        .order_by("-role", "id")  # the parent first
    )


def _young_teen(family: Family) -> FamilyMember | None:
    """A jeugdige of 12–15 of ``family`` (own access, rights shared with the parents), or one
    without a date of birth who becomes 14; never one whose date the other demos chose."""
    today = timezone.localdate()
    youths = list(family.members.filter(role=MemberRole.YOUTH).order_by("id"))
    for youth in youths:
        if youth.birth_date is not None and 12 <= age_on(youth.birth_date, today) <= 15:
            return youth
    for youth in youths:
        if youth.birth_date is None:
            youth.birth_date = date(today.year - 14, 1, 1)
            youth.birth_year = youth.birth_date.year
            youth.save(update_fields=["birth_date", "birth_year"])
            return youth
    return None


def load(ctx: DemoContext) -> None:
    adviser = ctx.users["adviseur1"]
    own = [f for f in ctx.families if f.assignments.filter(adviser=adviser).exists()]
    invited: list[tuple[Family, FamilyMember, FamilyMember]] = []
    for family in own:
        parent = family.members.filter(role=MemberRole.PARENT).first()
        youth = _young_teen(family)
        if parent is None or youth is None:
            continue
        for member in (parent, youth):
            # One family of two languages: the parent reads English, the young person Arabic
            # (a concept translation: the banner with the Dutch original, right to left).
            language = "nl"
            if len(invited) == ENGLISH_PARENT:
                language = "en" if member is parent else "ar"
            # The token is not kept: demo_portal_link prints one-time links.
            actions.invite_member(adviser, member, language)
        pages_demo.load(adviser, [parent, youth])  # an open questionnaire each (Vragenlijsten)
        invited.append((family, parent, youth))
        if len(invited) == PORTAL_FAMILIES:
            break
    plan_demo.load(adviser, invited)  # what they already did in Ons plan
    network_demo.load(invited)  # what they proposed in Onze mensen
    # Ons netwerkplan and two shares (one withdrawn) of the family with the most network.
    networkplan_demo.load(ctx.families)
    # The closed follow-up family's netwerkplan, agreements and two shares (one withdrawn).
    aftercare_demo.load(adviser)
