"""An id of another family's plan posted in a portal form is a refused look, on record.

Ons netwerkplan's forms post the ids of the lines, agreements and goals a member chooses to
share or to put in the plan, the aanspreekpunt form the person to turn to, the agreement form
who does it (a member "m12" or a person "p7"). Another family's id was answered with a form
error or a silent "niets veranderd" and no trace: unlike the person of the share form and
every other portal lookup (``portal.permissions.get_for_member``), which give a 404 and a
DENIED row for the family the object belongs to (NEN 7513; staff forms:
testing/test_foreign_references.py).
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.networkplan.models import NetworkPlan, Share
from krachtbron.networkplan.tests.matrix import planned
from krachtbron.testing.personas import client_for

pytestmark = pytest.mark.django_db


def _own_person(org: Any) -> dict[str, int]:
    """A person on the map of the other member's own family (the aanspreekpunt form's page)."""
    from krachtbron.network.tests.factories import NetworkPersonFactory

    return {"pk": NetworkPersonFactory(family=org.other_member.family, label="Buurman").pk}


CASES: dict[str, tuple[str, str, Callable[[Any], int | str]]] = {
    "share a line": ("portal:share_new", "calls", lambda org: planned(org).call.pk),
    "share an agreement": (
        "portal:share_new",
        "agreements",
        lambda org: planned(org).agreement.pk,
    ),
    "share a goal": ("portal:share_new", "goals", lambda org: (planned(org), org.goal.pk)[1]),
    "a goal in the plan": (
        "portal:network_plan_goals",
        "goals",
        lambda org: (planned(org), org.goal.pk)[1],
    ),
    "the person to turn to": (
        "portal:agreement_contact",
        "turns_to",
        lambda org: planned(org).aunt.pk,
    ),
    "who does an agreement: a member": (
        "portal:agreement_add",
        "performer",
        lambda org: f"m{org.member.pk}",
    ),
    "who does an agreement: a person": (
        "portal:agreement_add",
        "performer",
        lambda org: f"p{planned(org).aunt.pk}",
    ),
}
KWARGS: dict[str, Callable[[Any], dict[str, int]]] = {"portal:agreement_contact": _own_person}


def _url(org: Any, url_name: str) -> str:
    return reverse(url_name, kwargs=KWARGS[url_name](org) if url_name in KWARGS else None)


def _last() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("case", CASES)
def test_another_familys_id_is_refused_and_on_record_for_that_family(org, case):
    url_name, field, made = CASES[case]
    foreign = made(org)  # an object of org.family's plan
    client = client_for(org, "other_member")  # Lotte, of another family
    plans, shares, since = list(NetworkPlan.objects.values()), Share.objects.count(), _last()
    response = client.post(_url(org, url_name), {field: [foreign]})
    assert response.status_code == 404
    denied = AccessLogEntry.objects.filter(pk__gt=since, result=AccessResult.DENIED)
    assert [row.family_id for row in denied] == [org.family.pk]
    assert denied.get().actor_member_id == org.other_member.pk
    assert list(NetworkPlan.objects.values()) == plans and Share.objects.count() == shares


@pytest.mark.parametrize("case", CASES)
def test_an_id_of_nothing_is_refused_without_a_row(org, case):
    url_name, field, made = CASES[case]
    made(org)
    client = client_for(org, "other_member")
    since = _last()
    nothing = "p987654" if field == "performer" else 987654
    client.post(_url(org, url_name), {field: [nothing]})
    assert not AccessLogEntry.objects.filter(pk__gt=since, result=AccessResult.DENIED).exists()
