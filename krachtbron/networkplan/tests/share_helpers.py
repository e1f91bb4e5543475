"""Test helpers for the netwerkplan and its shares (B): a plan with something in every part,
made through the real actions, and a share's token exchanged on a client."""

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.rights import rights_of
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import plan_actions, sharing
from krachtbron.networkplan.models import Agreement, PlanCall, Share
from krachtbron.networkplan.plan import build_network_plan


@dataclass
class Planned:
    aunt: NetworkPerson
    neighbour: NetworkPerson
    call: PlanCall
    agreement: Agreement
    youth_goal: Goal | None
    youth_agreement: Agreement | None


def make_plan(org: Any, *, youth: FamilyMember | None = None, ready: bool = True) -> Planned:
    """A netwerkplan for org.family: a call to the aunt, an agreement the aunt carries about the
    family's goal, the goal in the plan; with ``youth`` also a goal of theirs and an agreement
    they carry, both in the plan."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.testing.factories import GoalFactory

    aunt = NetworkPersonFactory(
        family=org.family, label="Tante Noor", may_be_overloaded=True, note="GEHEIM-notitie"
    )
    neighbour = NetworkPersonFactory(family=org.family, label="Buurman Kees")
    call = plan_actions.add_call(org.adviser, org.family, aunt, "Als ik ziek ben", "+31612345678")
    agreement = Agreement.objects.create(
        family=org.family,
        goal=org.goal,
        text="Tante Noor haalt Sem op woensdag op",
        performer_person=aunt,
        when="elke woensdag",
    )
    goals = [org.goal.pk]
    youth_goal = youth_agreement = None
    if youth is not None:
        youth_goal = GoalFactory(family=org.family, member=youth, text="Zelf naar school fietsen")
        youth_agreement = Agreement.objects.create(
            family=org.family,
            goal=youth_goal,
            text="Sem fietst met een vriend",
            performer_member=youth,
        )
        goals.append(youth_goal.pk)
    plan_actions.choose_goals(org.adviser, org.family, goals, goals)
    if ready:
        plan_actions.mark_ready(org.adviser, org.family)
    return Planned(aunt, neighbour, call, agreement, youth_goal, youth_agreement)


def share_all(member: FamilyMember, person: NetworkPerson) -> tuple[Share, str]:
    """``member`` shares everything they may see of the plan with ``person``."""
    view = build_network_plan(member.family, rights_of(member))
    return sharing.create_share(
        member,
        view,
        person,
        calls=[c.pk for c in view.calls],
        agreements=[a.pk for a in view.agreements],
        goals=[g.pk for g in view.shared_goals],
    )


def open_share(client: Client, token: str) -> Any:
    """Open a share's link on ``client``; returns the shared page (after the redirect)."""
    response = client.get(reverse("networkplan:open_share", args=[token]))
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("networkplan:shared")
    return client.get(reverse("networkplan:shared"))


def answer(client: Client, share: Share, said: str) -> Any:
    """Say ``said`` ("ja", "nee", or anything) on the "Mag dit?" card of ``share``, as the form
    does: with the fingerprints of the parts the card lists (``share_consents``)."""
    import re

    page = client.get(reverse("portal:network_plan")).content.decode()
    start = page.find(f'id="vraag-{share.pk}"')
    card = page[start : page.index("</form>", start)] if start >= 0 else ""
    shown = re.findall(r'name="deel" value="([0-9a-f]{64})"', card)
    return client.post(
        reverse("portal:share_consent", args=[share.pk]), {"toestemming": said, "deel": shown}
    )


def decide(member: FamilyMember, share: Share, yes: bool) -> int:
    """``member`` answers for every part of ``share`` about them as it is now."""
    from krachtbron.networkplan import share_consents, share_rows

    row = next(
        r for r in share_rows.visible_shares(member, rights_of(member)) if r.share.pk == share.pk
    )
    lines = row.about_me.lines
    return share_consents.decide_consent(member, share, yes, [line.digest for line in lines], lines)
