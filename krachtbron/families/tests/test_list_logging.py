"""List and search pages that show families are on record: one READ row per family shown,
never the search words (SECURITY.md 17)."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def _rows(object_type):
    return AccessLogEntry.objects.filter(object_type=object_type, kind=AccessKind.READ)


def test_the_caseload_logs_each_family_shown_on_the_page(org, as_user):
    more = [FamilyFactory(team=org.team, advisers=[org.adviser]) for _ in range(2)]
    as_user(org.adviser).get(reverse("families:caseload"))
    rows = _rows("caseload")
    assert {row.family_id for row in rows} == {org.family.pk, *(f.pk for f in more)}
    assert {row.actor for row in rows} == {org.adviser} and rows[0].extra == {}


def test_only_the_page_shown_is_logged(org, as_user):
    for _ in range(30):
        FamilyFactory(team=org.team, advisers=[org.adviser])
    as_user(org.adviser).get(reverse("families:caseload") + "?page=2")
    assert _rows("caseload").count() == 31 - 25


def test_a_search_is_logged_without_the_search_words(org, as_user):
    client = as_user(org.adviser)
    FamilyFactory(team=org.team, display_name="Gezin Jansen", advisers=[org.adviser])
    client.post(reverse("families:caseload"), {"q": "amrani"})
    client.get(reverse("families:caseload"))
    row = _rows("caseload").get()
    assert row.family_id == org.family.pk and row.extra == {"filtered": ["q"]}
    every_value = " ".join(
        str(getattr(r, f.attname)) for r in AccessLogEntry.objects.all() for f in r._meta.fields
    )
    assert "amrani" not in every_value.lower()


def test_an_empty_search_result_writes_nothing(org, as_user):
    client = as_user(org.adviser)
    client.post(reverse("families:caseload"), {"q": "niemand"})
    client.get(reverse("families:caseload"))
    assert not _rows("caseload").exists()


def test_the_teamleiders_team_page_logs_each_family_shown(org, as_user):
    other = FamilyFactory(team=org.team)
    as_user(org.teamleider).get(reverse("families:team"))
    rows = _rows("team_overview")
    assert {row.family_id for row in rows} == {org.family.pk, other.pk}
    assert {row.actor for row in rows} == {org.teamleider}
    assert org.other_family.pk not in {row.family_id for row in rows}


def test_the_assignment_page_is_logged(org, as_user):
    as_user(org.teamleider).get(reverse("families:assign", args=[org.family.pk]))
    row = _rows("assignment").get()
    assert (row.family_id, row.actor) == (org.family.pk, org.teamleider)


def test_the_privacy_officers_search_is_logged_without_what_was_searched(org, as_user):
    client = as_user(org.beheerder)
    client.post(reverse("audit:access_log"), {"family_reference": org.family.reference})
    client.get(reverse("audit:access_log"))
    row = _rows("access_log").get()
    assert row.actor == org.beheerder and row.family_id is None
    assert row.extra == {"filtered": ["family_reference"]}
    assert org.family.reference not in str(row.extra)


def test_who_looked_shows_that_the_family_was_on_a_list(org, as_user):
    client = as_user(org.adviser)
    client.get(reverse("families:caseload"))
    html = client.get(reverse("families:access_history", args=[org.family.pk])).content.decode()
    assert "<td>lijst Mijn gezinnen</td>" in html
