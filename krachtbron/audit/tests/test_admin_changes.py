"""The privacy officer reads the administrative changes in words: who, when (Amsterdam time),
what, old and new value; filtered by kind and period; a fixed number of queries per page."""

import html
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.models import Role, User
from krachtbron.audit.log import log_access, log_admin_change
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.models import DestructionRecord
from krachtbron.families.retention import destroy_family
from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection import actions as reflection_actions
from krachtbron.reflection.models import RoundScope
from krachtbron.research import actions as research_actions
from krachtbron.testing.factories import UserFactory
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
URL = reverse("audit:admin_changes")


@pytest.fixture(autouse=True)
def _back_to_dutch():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def page(client):
    """The page as text: tags (<bdi>, <br>) removed, white space collapsed."""
    response = client.get(URL)
    assert response.status_code == 200
    text = re.sub(r"</?(bdi|strong|span|a)\b[^>]*>", "", response.content.decode())
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text))


def some_changes(org):
    """One change of every kind, as the beheerder makes them."""
    today = timezone.localdate()
    bea = org.beheerder
    actions.update_user(bea, org.colleague, role=Role.TEAMLEIDER, team=org.other_team)
    actions.update_user(bea, org.adviser, email="alice.nieuw@example.org")
    actions.save_team(bea, None, name="Team MBO", is_active=True)
    actions.deactivate_user(bea, org.adviser)
    actions.reset_second_factor(bea, org.teamleider)
    wim = UserFactory(username="wim", first_name="Wim", role=Role.BEHEERDER, team=None)
    waiting = four_eyes.request_privacy_officer(bea, wim)
    third = UserFactory(username="tara", first_name="Tara", role=Role.BEHEERDER, team=None)
    four_eyes.decide_request(third, waiting.pk, approve=True)
    actions.invite_user(bea, User(username="nadia", first_name="Nadia", email="n@example.org"))
    round_ = reflection_actions.open_round(
        bea,
        title="Voorjaarsronde",
        scope=RoundScope.ORGANISATION,
        teams=[org.team],
        starts_on=today,
        ends_on=today + timedelta(days=7),
    )
    reflection_actions.close_round(round_, by=bea)
    research_actions.create_project(
        org.onderzoeker,
        title="Eigen kracht 2025",
        purpose="Verkennen",
        instrument_id=FAMILIES,
        first_month=date(2025, 1, 1),
        last_month=date(2025, 6, 1),
    )
    destroy_family(org.other_family, DestructionRecord.Reason.REQUEST, decided_by=bea)


def test_only_the_privacy_officer_reads_the_changes(org, as_user):
    assert as_user(org.beheerder).get(URL).status_code == 200
    plain = UserFactory(role=Role.BEHEERDER, team=None)
    assert as_user(plain).get(URL).status_code == 403
    for user in (org.adviser, org.teamleider, org.onderzoeker):
        assert as_user(user).get(URL).status_code == 403


def test_every_kind_of_change_reads_in_dutch_words(org, as_user):
    some_changes(org)
    text = page(as_user(org.beheerder))
    expected = [
        "rol: Adviseur → Teamleider",
        "team: Team Oost → Team West",
        "e-mailadres: gewijzigd",
        "teamgegevens aangemaakt: Team MBO naam: – → Team MBO",
        "actief: ja → nee",
        "gekoppelde apps: 1 → 0",
        "recht privacy officer aangevraagd: Wim",
        "besluit: – → wacht op een tweede beheerder",
        "recht privacy officer besloten: Wim",
        "besluit: wacht op een tweede beheerder → goedgekeurd",
        "privacy officer: nee → ja",
        "uitnodiging medewerker verstuurd: Nadia",
        "tweede stap (authenticator-app) gewist: Tess",
        "gebruiker gewijzigd: Bob",
        "reflectieronde",
        "reflectieronde aangemaakt: Voorjaarsronde",
        "reflectieronde gewijzigd: Voorjaarsronde status: open → gesloten",
        "voor wie: – → organisatie",
        "exportproject aangemaakt: Eigen kracht 2025",
        "vanaf maand: – → januari 2025",
        "vragenlijst: – → Aansluiten bij de kracht van gezinnen",
        f"vernietiging dossier uitgevoerd: {org.other_family.reference}",
        "grond: – → op verzoek van het gezin",
    ]
    missing = [words for words in expected if words not in text]
    assert missing == []
    # No codes and no e-mail addresses on the page.
    for code in ("privacy_officer_grant", "user_invitation", "is_active", "alice.nieuw"):
        assert code not in text
    assert "Tara" in text and "Wim" in text  # who decided, and for whom


def test_the_time_is_amsterdam_time(org, as_user):
    actions.save_team(org.beheerder, None, name="Team MBO", is_active=True)
    row = AccessLogEntry.objects.get(object_type="team")
    amsterdam = row.at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d %H:%M:%S")
    utc = row.at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M:%S")
    text = page(as_user(org.beheerder))
    assert amsterdam in text and utc not in text
    assert "Tijden zijn Amsterdamse tijd." in text


def test_a_change_by_the_system_is_named_so(org, as_user):
    log_admin_change(
        None, org.beheerder, {"role": [None, "beheerder"]}, object_type="user", kind="create"
    )
    assert "systeem" in page(as_user(org.beheerder))


def test_reads_of_family_files_are_not_administrative_changes(org, as_user):
    log_access(org.adviser, org.family, AccessKind.READ)
    text = page(as_user(org.beheerder))
    assert org.family.reference not in text and "0 wijzigingen" in text


def test_filter_by_kind_and_period(org, as_user):
    some_changes(org)
    client = as_user(org.beheerder)
    response = client.post(URL, {"object_type": "team"})
    assert response["Location"] == URL
    text = page(client)
    assert "Team MBO" in text and "Voorjaarsronde" not in text and "1 wijziging" in text
    today = timezone.localdate().isoformat()
    client.post(URL, {"object_type": "", "date_from": today, "date_to": today})
    assert "Voorjaarsronde" in page(client)
    client.post(URL, {"date_from": "2015-01-01", "date_to": "2015-01-31"})
    assert "Geen wijzigingen gevonden." in page(client)
    response = client.post(URL, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    response = client.post(URL, {"object_type": "family"})  # not a kind of change
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def _many_changes(org):
    """Many more changes, of every kind, by many people about many objects: a full page."""
    for index in range(6):
        team = actions.save_team(org.beheerder, None, name=f"Team {index}", is_active=True)
        user = UserFactory(team=team)
        actions.update_user(org.beheerder, user, role=Role.TEAMLEIDER, team=org.team)
        research_actions.create_project(
            UserFactory(role=Role.ONDERZOEKER, team=None),
            title=f"Project {index}",
            purpose="x",
            instrument_id=FAMILIES,
            first_month=date(2025, 1, 1),
            last_month=date(2025, 2, 1),
        )
        round_ = reflection_actions.open_round(
            org.teamleider,
            title=f"Ronde {index}",
            scope=RoundScope.TEAM,
            teams=[org.team, team],
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
        )
        reflection_actions.close_round(round_, by=org.teamleider)
    assert AccessLogEntry.objects.filter(object_type__in=["team", "user"]).count() > 12


def test_the_page_runs_a_fixed_number_of_queries(org, as_user):
    some_changes(org)
    assert_constant_queries(as_user(org.beheerder), URL, grow=lambda: _many_changes(org))


def test_the_page_is_in_english_too(org, as_user):
    actions.update_user(org.beheerder, org.colleague, role=Role.TEAMLEIDER, team=org.team)
    client = as_user(org.beheerder)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = page(client)
    assert "Administrative changes" in text and "role: Adviser → Team leader" in text
    assert "Beheerwijzigingen" not in text


def test_the_helper_refuses_an_unknown_kind_and_stores_plain_values(org):
    with pytest.raises(ValueError):
        log_admin_change(org.beheerder, org.team, {"name": ["a", "b"]}, object_type="teams")
    row = log_admin_change(
        org.beheerder,
        org.team,
        {
            "role": [None, Role.TEAMLEIDER],
            "team": [org.team, None],
            "until": [None, date(2030, 1, 2)],
        },
        object_type="user",
    )
    row.refresh_from_db()
    assert row.extra == {
        "role": [None, "teamleider"],
        "team": [org.team.pk, None],
        "until": [None, "2030-01-02"],
    }
    assert not AccessLogEntry.objects.filter(object_type="teams").exists()
