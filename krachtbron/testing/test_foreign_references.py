"""A form field or query parameter that names another family's object is a refused look at that
family, on record as a DENIED row naming it (break-11, finding 9; NEN 7513).

The tester's examples: ``/gezinnen/<mine>/netwerk/?gezinslid=<another family's member>`` and a
goal posted with ``member=<another family's member>`` gave a 404 or "Kies een geldige optie"
without a row. The kind: every field of every form that chooses an object of the family goes
through ``families.forms.FamilyScopedForm`` (fields ``FamilyObjectField`` /
``FamilyObjectChoiceField``), every query parameter through ``permissions.get_in_family``. The
first test finds every such field in the code; each must have a case below that attacks it.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.families.choices import MemberRole
from krachtbron.families.forms import FamilyObjectMixin
from krachtbron.lib.idempotency import new_key
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.personas import login
from krachtbron.testing.test_denied_lookups import _family_owned_models

pytestmark = pytest.mark.django_db


def _forms() -> list[type[forms.Form]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("krachtbron."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


def _family_fields() -> set[tuple[str, str]]:
    """(form, field) for every field that chooses an object of a family."""
    owned = _family_owned_models()
    fields = set()
    for form in _forms():
        for name, field in getattr(form, "base_fields", {}).items():  # not the mixins
            if isinstance(field, FamilyObjectMixin):
                fields.add((form.__name__, name))
            elif isinstance(field, forms.ModelChoiceField):
                label = field.queryset.model._meta.label
                assert label not in owned, (
                    f"{form.__name__}.{name} chooses a {label}: make it a FamilyObjectField "
                    "in a FamilyScopedForm, so another family's object is a refused look"
                )
    return fields


@dataclass(frozen=True)
class Case:
    form_field: tuple[str, str] | None  # the form field it attacks; None: a query parameter
    method: str
    url: Callable[[Any], str]  # org -> URL
    data: Callable[[Any, Any], dict[str, Any]]  # org, another family's object -> GET/POST data
    foreign: str = "member"  # what of the other family is named: "member" or "snapshot"


def _snapshot(org: Any) -> Any:
    from krachtbron.network.tests.factories import NetworkSnapshotFactory

    return NetworkSnapshotFactory(family=org.family)


def _person(org: Any) -> Any:
    from krachtbron.network.tests.factories import NetworkPersonFactory

    return NetworkPersonFactory(family=org.family)


def _goal(member_field: str) -> Callable[[Any, Any], dict[str, Any]]:
    return lambda org, other: {
        "text": "samen eten",
        member_field: other.pk,
        "life_domain": "gezin",
        "status": "open",
        "version": org.goal.version,
    }


def _check_in(org: Any) -> Any:
    from krachtbron.aftercare.tests.helpers import open_check_in

    return open_check_in(org.adviser, org.family)


def _person_data(org: Any, other: Any) -> dict[str, Any]:
    return {
        "label": "oma",
        "member": other.pk,
        "relation": "familie",
        "closeness": 2,
        "quality": "steunend",
        "version": 1,
    }


CASES = {
    "goal_add": Case(
        ("GoalForm", "member"),
        "post",
        lambda org: reverse("families:goal_add", args=[org.family.pk]),
        _goal("member"),
    ),
    "goal_edit": Case(
        ("GoalForm", "member"),
        "post",
        lambda org: reverse("families:goal_edit", args=[org.goal.pk]),
        _goal("member"),
    ),
    "copy_requester": Case(
        ("CopyForm", "requester"),
        "post",
        lambda org: reverse("families:copy", args=[org.family.pk]),
        lambda org, other: {"requester": other.pk, "third_parties": "0", "format": "json"},
    ),
    "rights_decision_other": Case(
        ("RightsDecisionForm", "other"),
        "post",
        lambda org: reverse("families:member_rights", args=[org.member.pk]),
        lambda org, other: {"kind": "delen", "other": other.pk, "reason": "toestemming"},
    ),
    "invite_member": Case(
        ("InviteForm", "member"),
        "post",
        lambda org: reverse("questionnaires:invite", args=[org.family.pk]),
        lambda org, other: {"member": other.pk, "moment": "begin", "language": "nl"},
    ),
    "person_add": Case(
        ("PersonForm", "member"),
        "post",
        lambda org: reverse("network:person_add", args=[org.family.pk]),
        _person_data,
    ),
    "person_edit": Case(
        ("PersonForm", "member"),
        "post",
        lambda org: reverse("network:person_edit", args=[_person(org).pk]),
        _person_data,
    ),
    "compare_a": Case(
        ("CompareForm", "a"),
        "get",
        lambda org: reverse("network:compare", args=[org.family.pk]),
        lambda org, other: {"a": other.pk, "b": "nu"},
        foreign="snapshot",
    ),
    "compare_b": Case(
        ("CompareForm", "b"),
        "get",
        lambda org: reverse("network:compare", args=[_snapshot(org).family_id]),
        lambda org, other: {"a": "nu", "b": other.pk},
        foreign="snapshot",
    ),
    "followup_link": Case(
        ("LinkForm", "member"),
        "post",
        lambda org: reverse("aftercare:make_link", args=[_check_in(org).pk]),
        lambda org, other: {"member": other.pk},
    ),
    "map_query": Case(
        None,
        "get",
        lambda org: reverse("network:map", args=[org.family.pk]),
        lambda org, other: {"gezinslid": other.pk},
    ),
    "person_add_query": Case(
        None,
        "get",
        lambda org: reverse("network:person_add", args=[org.family.pk]),
        lambda org, other: {"gezinslid": other.pk},
    ),
}


def test_every_field_that_chooses_a_family_object_is_attacked_below():
    attacked = {case.form_field for case in CASES.values() if case.form_field}
    assert _family_fields() == attacked


def _foreign(org: Any, kind: str) -> Any:
    if kind == "snapshot":
        from krachtbron.network.tests.factories import NetworkSnapshotFactory

        return NetworkSnapshotFactory(family=org.other_family)
    return MemberFactory(family=org.other_family, role=MemberRole.PARENT)


@pytest.mark.parametrize("name", sorted(CASES))
def test_another_familys_object_is_refused_and_on_record_for_that_family(org, name):
    case = CASES[name]
    other = _foreign(org, case.foreign)
    url = case.url(org)
    client = login(Client(), org.adviser)
    data = case.data(org, other)
    if case.method == "post":
        data["form_key"] = new_key()
        response = client.post(url, data)
    else:
        response = client.get(url, data)
    assert response.status_code in (200, 400, 404), response.status_code
    if response.status_code != 404:  # the form came back with its error, nothing saved
        assert "Er klopt iets niet" in response.content.decode()
    denied = AccessLogEntry.objects.filter(result=AccessResult.DENIED)
    assert [(row.family_id, row.family_reference, row.object_id) for row in denied] == [
        (org.other_family.pk, org.other_family.reference, other.pk)
    ]


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_object_of_the_family_itself_or_of_nobody_writes_no_denied_row(org, name):
    """The same request naming nothing that exists is refused without a row (there is no
    family to name), and so is one that names nothing (a value that is no id)."""
    case = CASES[name]
    url = case.url(org)
    client = login(Client(), org.adviser)
    for value in (987654, "abc"):
        other = type("Nothing", (), {"pk": value})()
        data = case.data(org, other)
        if case.method == "post":
            data["form_key"] = new_key()
            client.post(url, data)
        else:
            client.get(url, data)
    assert not AccessLogEntry.objects.filter(result=AccessResult.DENIED).exists()
