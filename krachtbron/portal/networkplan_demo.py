"""Demo (issue 15 B): Ons netwerkplan of the demo family with the most people on its map: who to
call for what, agreements, the goals the family chose, "ons plan is klaar", and two shares with
people from the network, made by the parent in the portal: one opened by the aunt, one
withdrawn. Made through the real actions, so "Wie keek mee" names the member and the network
person. ``load`` returns the family's reference (other demos and the README name it)."""

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.families.rights import rights_of
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import plan_actions, share_session, sharing
from krachtbron.networkplan.models import Agreement, Share
from krachtbron.networkplan.plan import NetworkPlanView, build_network_plan, normalise_phone
from krachtbron.portal import language, share_send
from krachtbron.sending import actions as sending
from krachtbron.sending.models import Channel

CALLS = (
    ("Als ik ziek ben en de kinderen naar school moeten", "06-12345678"),
    ("Als het thuis te druk wordt en ik even weg moet", "020 555 0123"),
    ("Voor vragen over school", ""),
)
AGREEMENTS = (
    ("Haalt de kinderen op woensdag uit school", "elke woensdag"),
    ("Belt één keer per week om te horen hoe het gaat", "elke zondag"),
)


def demo_family(families: list[Family]) -> Family | None:
    """The demo family with the most people on its network map (ties: the lowest reference)
    that has a parent."""
    ids = [family.pk for family in families]
    ranked = (
        Family.objects.filter(pk__in=ids, members__role=MemberRole.PARENT)
        .annotate(people=Count("network_persons", distinct=True))
        .order_by("-people", "reference")
    )
    return ranked.first()


def ready_plan(
    adviser: User, family: Family, parent: FamilyMember, goals: list[Goal]
) -> NetworkPlanView:
    """The adviser puts ``goals`` in the plan, ``parent`` says "ons plan is klaar" (as in Mijn
    Krachtbron); the plan as the parent sees it."""
    chosen = [goal.pk for goal in goals]
    plan_actions.choose_goals(adviser, family, chosen, chosen)
    plan_actions.mark_ready(Actor.family_member(parent), family)
    return build_network_plan(family, rights_of(parent))


def share_all_viewed(
    parent: FamilyMember, view: NetworkPlanView, person: NetworkPerson
) -> tuple[Share, str]:
    """``parent`` shares all of ``view`` with ``person`` in the parent's language, and the
    person has opened it once; the share and its token."""
    opened, token = sharing.create_share(
        parent,
        view,
        person,
        calls=[c.pk for c in view.calls],
        agreements=[a.pk for a in view.agreements],
        goals=[g.pk for g in view.shared_goals],
        language=language.language_of(parent),
    )
    share_session.record_view(sharing.load_share(opened.pk) or opened)
    return opened, token


def load(families: list[Family]) -> str:
    family = demo_family(families)
    if family is None:
        return ""
    adviser = family.advisers.first()
    parent = family.members.filter(role=MemberRole.PARENT).order_by("id").first()
    if parent is None:
        return ""
    # The people the parent may see (the family's, and the parent's own), not a "belastend" one.
    persons = list(
        rights_of(parent)
        .filter(NetworkPerson.objects.filter(family=family))
        .exclude(quality=Quality.BURDENING)
    )
    if adviser is None or len(persons) < 2:
        return ""
    # The aunt first (family), then the people whose contact supports the family.
    persons.sort(
        key=lambda p: (p.quality != Quality.SUPPORTIVE, p.relation != RelationKind.FAMILY, p.pk)
    )
    aunt, other = persons[0], persons[1]
    shared = family.goals.filter(visibility=Visibility.FAMILY).order_by("id")
    goals = list(shared.filter(member__isnull=True)[:2]) or list(shared[:1])
    for person, (call_for, phone) in zip([aunt, other, *persons[2:]], CALLS, strict=False):
        plan_actions.add_call(adviser, family, person, call_for, normalise_phone(phone))
    if goals and not Agreement.objects.filter(family=family).exists():
        for (text, when), person in zip(AGREEMENTS, (aunt, other), strict=True):
            Agreement.objects.create(
                family=family,
                goal=goals[0],
                text=text,
                when=when,
                performer_person=person,
                added_by=adviser,
            )
    view = ready_plan(adviser, family, parent, goals)
    withdrawn, _token = sharing.create_share(
        parent,
        view,
        other,
        calls=[c.pk for c in view.calls[:1]],
        agreements=[],
        goals=[g.pk for g in view.shared_goals[:1]],
        language=language.language_of(parent),
    )
    sharing.withdraw_share(parent, withdrawn)
    opened, token = share_all_viewed(parent, view, aunt)
    # The parent sent the aunt her link by text message (the demo's console SMS sender).
    sending.queue_share(
        parent,
        network_person_id=aunt.pk,
        share_id=opened.pk,
        channel=Channel.SMS,
        to=share_send.mobile_of(opened) or "+31612345678",
        link=settings.SITE_URL + reverse("networkplan:open_share", args=[token]),
        expires_at=opened.expires_at,
        language=opened.language,
    )
    return family.reference
