"""List and search pages that show families are on record: one READ row per page view that
names every family shown (so each family finds it), never the search words (SECURITY.md 17)."""

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def _rows(object_type):
    return AccessLogEntry.objects.filter(object_type=object_type, kind=AccessKind.READ)


def test_the_caseload_logs_one_row_naming_each_family_shown(org, as_user):
    more = [FamilyFactory(team=org.team, advisers=[org.adviser]) for _ in range(2)]
    as_user(org.adviser).get(reverse("families:caseload"))
    row = _rows("caseload").get()
    assert row.extra == {"families": sorted([org.family.pk, *(f.pk for f in more)])}
    assert (row.actor, row.family_id) == (org.adviser, None)


def test_only_the_page_shown_is_named(org, as_user):
    for _ in range(30):
        FamilyFactory(team=org.team, advisers=[org.adviser])
    as_user(org.adviser).get(reverse("families:caseload") + "?page=2")
    assert len(_rows("caseload").get().extra["families"]) == 31 - 25


def test_a_search_is_logged_without_the_search_words(org, as_user):
    client = as_user(org.adviser)
    FamilyFactory(team=org.team, display_name="Gezin Jansen", advisers=[org.adviser])
    client.post(reverse("families:caseload"), {"q": "amrani"})
    client.get(reverse("families:caseload"))
    row = _rows("caseload").get()
    assert row.extra == {"filtered": ["q"], "families": [org.family.pk]}
    every_value = " ".join(
        str(getattr(r, f.attname)) for r in AccessLogEntry.objects.all() for f in r._meta.fields
    )
    assert "amrani" not in every_value.lower()


def test_an_empty_search_result_writes_its_row_too(org, as_user):
    """Break-11 (minor): a search that finds nobody is a look at the caseload too; the row says
    that a search was made and found no family, never what was searched."""
    client = as_user(org.adviser)
    client.post(reverse("families:caseload"), {"q": "niemand"})
    client.get(reverse("families:caseload"))
    row = _rows("caseload").get()
    assert (row.actor, row.family_id) == (org.adviser, None)
    assert row.extra == {"filtered": ["q"], "families": []}
    assert "niemand" not in str(row.extra)


def test_an_empty_team_page_writes_its_row_too(org, as_user):
    client = as_user(org.teamleider)
    client.post(reverse("families:team"), {"status": "afgesloten"})
    client.get(reverse("families:team"))
    row = _rows("team_overview").get()
    assert row.extra["families"] == [] and "status" in row.extra["filtered"]


def test_the_teamleiders_team_page_names_each_family_shown(org, as_user):
    other = FamilyFactory(team=org.team)
    as_user(org.teamleider).get(reverse("families:team"))
    row = _rows("team_overview").get()
    assert row.extra == {"families": sorted([org.family.pk, other.pk])}
    assert row.actor == org.teamleider


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
    other = FamilyFactory(team=org.other_team, advisers=[org.other_adviser])
    as_user(org.adviser).get(reverse("families:caseload"))
    from django.test import Client

    from krachtbron.testing.personas import login

    login(Client(), org.other_adviser).get(reverse("families:caseload"))
    client = as_user(org.adviser)
    html = client.get(reverse("families:access_history", args=[org.family.pk])).content.decode()
    assert html.count("<td>lijst Mijn gezinnen</td>") == 1  # its own list, not Charlie's
    assert "Charlie" not in html
    charlie = login(Client(), org.other_adviser)
    theirs = charlie.get(reverse("families:access_history", args=[other.pk])).content.decode()
    assert theirs.count("<td>lijst Mijn gezinnen</td>") == 1 and "Alice" not in theirs


def test_the_privacy_officer_finds_the_lists_that_showed_a_family(org, as_user):
    from django.test import Client

    from krachtbron.testing.personas import login

    login(Client(), org.adviser).get(reverse("families:caseload"))
    officer = login(Client(), org.beheerder)
    url = reverse("audit:access_log")
    officer.post(url, {"family_reference": org.family.reference.lower()})
    html = officer.get(url).content.decode()
    assert "lijst Mijn gezinnen" in html
    officer.post(url, {"family_reference": org.other_family.reference})
    assert "lijst Mijn gezinnen" not in officer.get(url).content.decode()
