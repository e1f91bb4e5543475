"""Anonymity: small groups show nothing anywhere; organisation answers link to nobody; planted
names never reach an aggregate or a research export."""

import csv
import io
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.reflection.models import OrganisationAnswer, OrganisationResponse
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    closed_quarter_moment,
    family_response,
    reflection,
    staff,
)
from krachtbron.research import actions as research_actions
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db

MARKER = "te weinig respondenten"


def _numbers_in_rows(body: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    return rows[1:]


def test_a_round_with_four_responses_shows_nothing_anywhere(org, as_user, client):
    round_ = RoundFactory(
        opened_by=org.teamleider,
        answers=[(staff(org.team, 4), {"o01": 4, "o02": 0, "o03": 3})],
        closed=True,
    )
    leader = as_user(org.teamleider)
    pages = {
        "round": leader.get(reverse("reflection:round_detail", args=[round_.pk])),
        "dashboard": leader.get(reverse("insight:dashboard"), {"instrument": ORGANISATION}),
        "quarter": leader.get(
            reverse("insight:dashboard"),
            {"instrument": ORGANISATION, "quarter": str(round_.quarter)},
        ),
        "mirror": leader.get(reverse("insight:mirror")),
    }
    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert "Gebaseerd op" not in page and "n = 4" not in page, name
        assert "chart--distribution" not in page, name
    assert "Te weinig respondenten" in pages["round"].content.decode()
    assert "4 van" in pages["round"].content.decode()  # the response rate is not a figure
    body = leader.get(
        reverse("insight:dashboard_csv"), {"instrument": ORGANISATION}
    ).content.decode()
    for row in _numbers_in_rows(body):
        # No count and no mean in any row: only the "too few" marker.
        assert row[5] in ("", MARKER), row
        assert row[6:] == [""] * 6, row
    client.logout()
    # The beheerder, with a team filter and without, sees nothing either.
    admin = as_user(org.beheerder)
    for params in ({}, {"team": str(org.team.pk)}, {"quarter": str(round_.quarter)}):
        body = admin.get(
            reverse("insight:dashboard_csv"), {"instrument": ORGANISATION, **params}
        ).content.decode()
        assert all(row[5] in ("", MARKER) for row in _numbers_in_rows(body)), params
    mirror = admin.get(reverse("insight:mirror_csv")).content.decode()
    assert all(row[4] == MARKER for row in _numbers_in_rows(mirror))


def _fk_targets(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        f.related_model
        for f in model._meta.get_fields()
        if f.is_relation
        and f.related_model is not None
        and (f.many_to_one or f.one_to_one or f.many_to_many)
        and f.concrete
    }


def test_no_table_links_an_organisation_answer_to_a_person():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    # Everything reachable from an organisation answer by following foreign keys outwards ...
    reachable: set[type[models.Model]] = set()
    todo = [OrganisationAnswer]
    while todo:
        model = todo.pop()
        for target in _fk_targets(model):
            if target not in reachable:
                reachable.add(target)
                todo.append(target)
    # ... may include the round (whose opener is known) but the person who answered can only be
    # reached through the round, which holds everyone who answered: never one person.
    assert OrganisationResponse in reachable
    direct = _fk_targets(OrganisationResponse) | _fk_targets(OrganisationAnswer)
    assert user_model not in direct
    field_names = {f.name for f in OrganisationResponse._meta.get_fields()}
    assert not field_names & {"user", "participation", "created_at", "submitted_at", "answered_at"}
    # And no table points at an organisation response except its own answers.
    pointing = {model for model in apps.get_models() if OrganisationResponse in _fk_targets(model)}
    assert pointing == {OrganisationAnswer}
    # The key is random, not a sequence shared with the participation rows.
    assert isinstance(OrganisationResponse._meta.pk, models.UUIDField)


def test_a_planted_name_never_reaches_an_aggregate_or_an_export(org, as_user, client):
    planted = "Zyxwvutsrq"
    family = FamilyFactory(team=org.team, display_name=f"Gezin {planted}")
    member = MemberFactory(family=family, first_name=planted)
    org.adviser.first_name = planted
    org.adviser.save()
    when = closed_quarter_moment()
    family_response(org.team, {"g01": 4, "g02": 3}, member=member, completed_at=when)
    for _ in range(5):
        family_response(org.team, {"g01": 3, "g02": 2}, completed_at=when)
    reflection(org.adviser, {"p01": 3}, when=when)
    for person in staff(org.team, 4):
        reflection(person, {"p01": 2}, when=when)
    leader = as_user(org.teamleider)
    publish_closed_periods()
    for url in (
        "insight:dashboard",
        "insight:dashboard_csv",
        "insight:mirror",
        "insight:mirror_csv",
    ):
        for instrument in (FAMILIES, PROFESSIONALS):
            body = leader.get(reverse(url), {"instrument": instrument}).content.decode()
            assert planted not in body.replace(f"{org.teamleider.first_name}", ""), url
    # Not vacuous: the figures are there.
    assert "n = 6 respondenten" in leader.get(reverse("insight:dashboard")).content.decode()
    client.logout()
    researcher = as_user(org.onderzoeker)
    project = research_actions.create_project(
        org.onderzoeker,
        title="Project",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=when.date().replace(day=1),
        last_month=when.date().replace(day=1),
    )
    for kind in ("csv", "fhir"):
        response = researcher.post(reverse("research:project_export", args=[project.pk, kind]))
        body = response.content.decode()
        assert response.status_code == 200
        assert planted not in body
        assert "Gezin" not in body or kind == "fhir" and "Gezin " not in body
    codebook = researcher.get(
        reverse("research:project_codebook", args=[project.pk])
    ).content.decode()
    assert planted not in codebook
    assert json.loads(
        researcher.post(reverse("research:project_export", args=[project.pk, "fhir"])).content
    )
