"""Demo (issue 15, acceptance): the closed follow-up family "Gezin Nazorg" has its netwerkplan,
made through the same actions the app uses: agreements with the people who stay (by the
adviser and one by the parent in Mijn Krachtbron), who to call for what, the goals the family
chose, "ons plan is klaar" by the parent, and two shares made by the parent in the portal: the
aunt's, which she opened, and the neighbour's, which the parent withdrew. The parent is invited
to Mijn Krachtbron, which stays open for the plan after closing (``manage.py
demo_portal_link`` prints a link for them). The family itself and its check-ins are
``aftercare.demo_data``'s; this runs in the portal's demo (a higher layer: aftercare and
networkplan do not import each other)."""

from krachtbron.accounts.models import User
from krachtbron.aftercare.demo_data import SHOWCASE_REFERENCE
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Family, FamilyMember
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import agreement_actions, plan_actions, sharing
from krachtbron.networkplan.agreements import Performer
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.plan import normalise_phone
from krachtbron.portal import actions, language
from krachtbron.portal.networkplan_demo import ready_plan, share_all_viewed

CALLS = (
    ("Als ik ziek ben en Jayden naar school moet", "06-12345678"),
    ("Als het thuis even te veel wordt", "020 555 0123"),
)
AGREEMENTS = (
    ("Haalt Jayden op woensdag uit school.", "elke woensdag"),
    ("Kijkt op zondag samen met ons de weekplanning na.", "elke zondag"),
)


def showcase_family() -> Family | None:
    """The closed demo family with a netwerkplan and follow-up (``None`` before the demo)."""
    return Family.objects.filter(reference=SHOWCASE_REFERENCE).first()


def showcase_parent(family: Family) -> FamilyMember | None:
    """The parent of the showcase family (the one who shares the plan)."""
    return family.members.filter(role=MemberRole.PARENT).order_by("id").first()


def load(adviser: User) -> None:
    family = showcase_family()
    if family is None:
        return
    parent = showcase_parent(family)
    persons = list(NetworkPerson.objects.filter(family=family).order_by("closeness", "id"))
    goals = list(family.goals.order_by("id"))
    if parent is None or len(persons) < 2 or not goals:
        return
    aunt, neighbour = persons[0], persons[1]
    actions.invite_member(adviser, parent, "nl")  # the token is not kept (demo_portal_link)
    for (text, when), person in zip(AGREEMENTS, (aunt, neighbour), strict=True):
        agreement_actions.add_agreement(
            adviser,
            family,
            goal=goals[0],
            text=text,
            when=when,
            performer=Performer(person=person),
            status=AgreementStatus.RUNNING,
        )
    agreement_actions.set_contact_point(adviser, aunt, 0, turns_to=neighbour, turns_to_text="")
    agreement_actions.add_member_agreement(
        parent,
        goal=goals[-1],
        text="Ik bel de mentor als Jayden een dag niet naar school gaat.",
        when="als het nodig is",
        performer=Performer(member=parent),
    )
    agreement_actions.mark_seen(adviser, family)
    for person, (call_for, phone) in zip((aunt, neighbour), CALLS, strict=True):
        plan_actions.add_call(adviser, family, person, call_for, normalise_phone(phone))
    view = ready_plan(adviser, family, parent, goals)
    withdrawn, _token = sharing.create_share(
        parent,
        view,
        neighbour,
        calls=[c.pk for c in view.calls if c.person_pk == neighbour.pk],
        agreements=[],
        goals=[],
        language=language.language_of(parent),
    )
    sharing.withdraw_share(parent, withdrawn)
    share_all_viewed(parent, view, aunt)
