"""Both log pages show Amsterdam time with the zone stated and filter by a period of Amsterdam
days, right on the nights the clocks change (rows are stored in UTC)."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.actors import ActorKind
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.personas import login

pytestmark = pytest.mark.django_db

# Summer time starts on 29 March 2026 at 01:00 UTC and ends on 25 October 2026 at 01:00 UTC.
SPRING_NIGHT = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 29 March 00:30 CET
AUTUMN_NIGHT = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)  # 25 October 01:30 CEST
AUTUMN_LATE = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)  # 25 October 23:30 CET (a 25-hour day)
AUTUMN_NEXT = datetime(2026, 10, 25, 23, 30, tzinfo=UTC)  # 26 October 00:30 CET


def _row(org, at, object_type):
    AccessLogEntry(
        at=at,
        actor_kind=ActorKind.STAFF,
        actor=org.adviser,
        actor_role="adviseur",
        family_id=org.family.pk,
        family_reference=org.family.reference,
        kind=AccessKind.READ,
        object_type=object_type,
    ).save()


@pytest.fixture
def nights(org):
    _row(org, SPRING_NIGHT, "network_map")
    _row(org, AUTUMN_NIGHT, "goals")
    _row(org, AUTUMN_LATE, "krachtenplan")
    _row(org, AUTUMN_NEXT, "copy")


def _officer_page(client, **period):
    url = reverse("audit:access_log")
    assert client.post(url, period).status_code == 302
    return client.get(url).content.decode()


def _history_page(client, org, **period):
    url = reverse("families:access_history", args=[org.family.pk])
    assert client.post(url, period).status_code == 302
    return client.get(url).content.decode()


def test_the_privacy_officer_sees_amsterdam_time_with_the_zone(nights, org, as_user):
    html = _officer_page(as_user(org.beheerder), date_from="2026-03-29", date_to="2026-03-29")
    assert "2026-03-29 00:30:00 CET" in html and "netwerkkaart" in html
    assert "Nederlandse tijd" in html and "Europe/Amsterdam" in html


def test_a_day_is_an_amsterdam_day_on_the_night_summer_time_starts(nights, org, as_user):
    client = as_user(org.beheerder)
    assert "netwerkkaart" in _officer_page(client, date_from="2026-03-29", date_to="2026-03-29")
    assert "netwerkkaart" not in _officer_page(client, date_to="2026-03-28")


def test_a_day_is_an_amsterdam_day_on_the_night_summer_time_ends(nights, org, as_user):
    html = _officer_page(as_user(org.beheerder), date_from="2026-10-25", date_to="2026-10-25")
    assert "2026-10-25 01:30:00 CEST" in html and "2026-10-25 23:30:00 CET" in html
    assert "kopie voor het gezin" not in html  # 26 October in Amsterdam
    assert "2026-10-26 00:30:00 CET" in _officer_page(
        as_user(org.beheerder), date_from="2026-10-26"
    )


def test_who_looked_shows_amsterdam_time_and_filters_by_period(nights, org, as_user):
    client = as_user(org.adviser)
    html = _history_page(client, org, date_from="2026-03-29", date_to="2026-03-29")
    assert "00:30 CET" in html and "<td>netwerkkaart</td>" in html and "<td>doelen</td>" not in html
    assert "Europe/Amsterdam" in html
    html = _history_page(client, org, date_from="2026-10-25", date_to="2026-10-25")
    assert "01:30 CEST" in html and "23:30 CET" in html
    assert "netwerkkaart" not in html and "kopie voor het gezin" not in html
    # "Hele periode" clears the period again.
    client.post(reverse("families:access_history", args=[org.family.pk]), {"reset": "1"})
    html = client.get(reverse("families:access_history", args=[org.family.pk])).content.decode()
    assert "netwerkkaart" in html and "kopie voor het gezin" in html


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"date_from": "2026-02-31"}, "Dit is geen datum. Schrijf de datum als 31-12-2026."),
        ({"date_to": "morgen"}, "Dit is geen datum."),
        (
            {"date_from": "1899-12-31"},
            "Deze datum ligt te ver terug: kies 1 januari 2015 of later.",
        ),
        ({"date_to": "9999-12-31"}, "Deze datum ligt te ver vooruit: kies 31 december"),
        (
            {"date_from": "2026-05-01", "date_to": "2026-04-01"},
            "De einddatum ligt voor de begindatum.",
        ),
    ],
)
def test_bad_dates_get_a_dutch_message_and_are_kept(nights, org, as_user, period, message):
    for user, url in [
        (org.adviser, reverse("families:access_history", args=[org.family.pk])),
        (org.beheerder, reverse("audit:access_log")),
    ]:
        client = login(Client(), user)
        response = client.post(url, period)
        html = response.content.decode()
        assert response.status_code == 200 and message in html
        for typed in period.values():
            assert f'value="{typed}"' in html
