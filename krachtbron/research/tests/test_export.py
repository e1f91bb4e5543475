"""Research export: keyed-hash pseudonyms per project, no names or free text, months, 'overig'
for small teams, CSV and a valid FHIR Bundle, an access-log row per family."""

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection.tests.factories import family_response
from krachtbron.research import actions as research_actions
from krachtbron.research.export import pseudonym
from krachtbron.research.models import ExportProject, ExportRun
from krachtbron.testing.factories import TeamFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _project(org, **extra):
    return research_actions.create_project(
        org.onderzoeker,
        title="Project",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=datetime(2025, 1, 1).date(),
        last_month=datetime(2025, 3, 1).date(),
        **extra,
    )


@pytest.fixture
def data(org):
    big, small = org.team, TeamFactory(name="Klein team")
    # Midnight on 1 February in Amsterdam is still January in UTC: the month is Amsterdam's.
    responses = [
        family_response(
            big, {"g01": 4, "g02": None}, completed_at=datetime(2025, 2, 1, 0, 30, tzinfo=AMS)
        )
        for _ in range(5)
    ]
    responses.append(
        family_response(small, {"g01": 1}, completed_at=datetime(2025, 3, 10, 12, tzinfo=AMS))
    )
    family_response(big, {"g01": 2}, completed_at=datetime(2025, 4, 2, 12, tzinfo=AMS))  # outside
    return responses


def _csv(client, project):
    response = client.post(reverse("research:project_export", args=[project.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for Excel
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_is_pseudonymised_and_coarsened(org, as_user, data):
    project = _project(org)
    rows = _csv(as_user(org.onderzoeker), project)
    assert len(rows) == 5  # the small team's one family is left out (a pool of one)
    first = data[0]
    secret = bytes(ExportProject.objects.get(pk=project.pk).secret)
    assert rows[0]["gezin"] == pseudonym(secret, "family", first.family_id)
    assert rows[0]["respons"] == pseudonym(secret, "response", first.pk)
    assert str(first.family_id) not in {rows[0]["gezin"], rows[0]["respons"]}
    assert rows[0]["maand"] == "2025-02"
    assert {r["team"] for r in rows} == {org.team.name}  # 5 families: the team may stay
    assert rows[0]["g01"] == "4" and rows[0]["g02"] == ""
    assert set(rows[0]) >= {"rol", "moment", "taal", "versie"}
    assert not {"naam", "voornaam", "display_name", "first_name"} & set(rows[0])


def test_pseudonyms_differ_between_projects_and_the_key_is_never_shown(org, as_user, data):
    client = as_user(org.onderzoeker)
    one, two = _project(org), _project(org)
    assert _csv(client, one)[0]["gezin"] != _csv(client, two)[0]["gezin"]
    page = client.get(reverse("research:project_detail", args=[one.pk])).content.decode()
    assert bytes(one.secret).hex() not in page


def test_every_export_writes_an_access_log_row_per_family(org, as_user, data):
    project = _project(org)
    _csv(as_user(org.onderzoeker), project)
    run = ExportRun.objects.get()
    rows = AccessLogEntry.objects.filter(kind=AccessKind.EXPORT)
    # One row per family in the export; the small team's family left out is not in it.
    assert rows.count() == 5 == run.families
    assert {r.family_id for r in rows} == {r.family_id for r in data[:5]}
    entry = rows.first()
    assert entry.actor == org.onderzoeker and entry.actor_role == "onderzoeker"
    assert entry.object_type == "research_export" and entry.object_id == run.pk
    assert entry.extra == {"project": project.pk, "format": "csv"}


def test_the_fhir_bundle_is_valid_r4_with_months_and_pseudonyms(org, as_user, data):
    from fhir.resources.R4B.bundle import Bundle

    project = _project(org)
    response = as_user(org.onderzoeker).post(
        reverse("research:project_export", args=[project.pk, "fhir"])
    )
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection" and len(bundle["entry"]) == 5
    resource = bundle["entry"][0]["resource"]
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert resource["authored"] == "2025-02"
    assert resource["subject"]["reference"].startswith("Patient/")
    assert AccessLogEntry.objects.filter(kind=AccessKind.EXPORT, extra__format="fhir").count() == 5


def test_the_codebook_describes_every_column(org, as_user):
    project = _project(org)
    body = (
        as_user(org.onderzoeker)
        .get(reverse("research:project_codebook", args=[project.pk]))
        .content.decode()
    )
    for column in ("respons", "gezin", "team", "maand", "g01", "g13"):
        assert f"\n{column};" in body.replace("\r\n", "\n")


def test_an_export_by_get_is_refused(org, as_user, data):
    project = _project(org)
    assert (
        as_user(org.onderzoeker)
        .get(reverse("research:project_export", args=[project.pk, "csv"]))
        .status_code
        == 405
    )
    assert not AccessLogEntry.objects.filter(kind=AccessKind.EXPORT).exists()


def test_another_researchers_project_is_not_found(org, as_user):
    from krachtbron.testing.factories import UserFactory

    other = UserFactory(role="onderzoeker", team=None)
    project = _project(org)
    client = as_user(other)
    assert client.get(reverse("research:project_detail", args=[project.pk])).status_code == 404
    assert (
        client.post(reverse("research:project_export", args=[project.pk, "csv"])).status_code == 404
    )


def test_a_project_with_wrong_months_gets_dutch_messages_and_keeps_the_input(org, as_user):
    response = as_user(org.onderzoeker).post(
        reverse("research:project_new"),
        {
            "title": "Mijn project",
            "purpose": "Doel",
            "first_month": "2025-13",
            "last_month": "2024-01",
        },
    )
    page = response.content.decode()
    assert "Schrijf de maand als jaar-maand" in page
    assert 'value="Mijn project"' in page
    assert not ExportProject.objects.exists()


def test_small_teams_are_pooled_as_overig_when_the_pool_holds_five_families(org, as_user, data):
    when = datetime(2025, 3, 12, 12, tzinfo=AMS)
    other_small = TeamFactory(name="Ander klein team")
    for _ in range(3):
        family_response(other_small, {"g01": 2}, completed_at=when)
    from krachtbron.testing.factories import FamilyFactory

    # A response without a team (its family moved on): pooled as well.
    family_response(None, {"g01": 3}, completed_at=when, family=FamilyFactory(team=org.team))
    rows = _csv(as_user(org.onderzoeker), _project(org))
    pooled = [r for r in rows if r["team"] == "overig"]
    # Klein team (1) + Ander klein team (3) + no team (1): five families together.
    assert len({r["gezin"] for r in pooled}) == 5
    assert {r["team"] for r in rows} == {org.team.name, "overig"}


def test_months_that_are_not_over_are_not_exported(org, as_user, data):
    from django.utils import timezone

    today = timezone.localdate()
    project = research_actions.create_project(
        org.onderzoeker,
        title="Tot nu",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=datetime(2025, 1, 1).date(),
        last_month=today.replace(day=1),
    )
    client = as_user(org.onderzoeker)
    page = client.get(reverse("research:project_detail", args=[project.pk])).content.decode()
    assert "Je kunt de dataset downloaden vanaf" in page
    assert reverse("research:project_export", args=[project.pk, "csv"]) not in page
    response = client.post(
        reverse("research:project_export", args=[project.pk, "csv"]), follow=True
    )
    assert "alleen afgesloten maanden gaan mee" in response.content.decode()
    assert not ExportRun.objects.exists()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.EXPORT).exists()


def test_the_codebook_and_the_page_say_that_small_groups_are_left_out(org, as_user):
    project = _project(org)
    client = as_user(org.onderzoeker)
    codebook = client.get(reverse("research:project_codebook", args=[project.pk]))
    assert "anders zijn hun regels weggelaten" in codebook.content.decode()
    page = client.get(reverse("research:project_detail", args=[project.pk])).content.decode()
    assert "te klein zijn om anoniem te blijven, laten we weg" in page
