"""The examples of issue 11 ('Anonymity'), each as the attack that found it.

Each of these failed before group figures were limited to closed periods, stored once published
and suppressed per sub-figure: the attack recovered answers. Now it recovers nothing.
"""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from krachtbron.families.retention import destroy_family
from krachtbron.insight.tests.attacks import (
    page_text,
    small_figures_in_csv,
    small_figures_in_page,
)
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start
from krachtbron.reflection import actions
from krachtbron.reflection.tests.factories import (
    RoundFactory,
    family_response,
    open_round,
    organisation_answers,
    reflection,
    staff,
)
from krachtbron.research import actions as research_actions
from krachtbron.testing.factories import TeamFactory
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _last_quarter_moment(days: int = 20) -> datetime:
    """A moment in the previous (closed) quarter."""
    return quarter_start(previous_quarter(current_quarter())) + timedelta(days=days, hours=10)


def test_one_more_answer_to_a_round_reveals_nothing(org, as_user, client):
    """Differencing: note the per-statement counts with 5 answers, let one colleague answer,
    reload. Before: every statement gained one count at that colleague's answer."""
    round_ = open_round(org.teamleider, [org.team])
    people = staff(org.team, 7)
    for k, person in enumerate(people[:5]):
        organisation_answers(round_, [person], {"o01": k % 5, "o02": 4, "o03": 2, "o04": 1})
    leader = as_user(org.teamleider)
    url = reverse("reflection:round_detail", args=[round_.pk])
    before = page_text(leader.get(url).content.decode())
    organisation_answers(round_, [people[5]], {"o01": 0, "o02": 0, "o03": 0, "o04": 0})
    after = page_text(leader.get(url).content.decode())
    assert before == after
    assert "6 van" in leader.get(url).content.decode()  # only the response rate moved

    # Closed: the figures appear, once, and a late answer changes nothing.
    actions.close_round(round_)
    published = page_text(leader.get(url).content.decode())
    assert "Gebaseerd op 6 antwoorden" in published
    client.logout()
    late = as_user(people[6]).post(
        reverse("reflection:round_answer", args=[round_.pk]), {"item_o01": "4"}, follow=True
    )
    assert "gesloten" in late.content.decode()
    client.logout()
    assert page_text(as_user(org.teamleider).get(url).content.decode()) == published


def test_one_more_reflection_reveals_nothing_on_the_dashboard(org, as_user):
    """Differencing: the professionals' figures of the current quarter changed when one adviser
    saved a reflection that counts for the team."""
    people = staff(org.team, 6)
    for person in people[:5]:
        reflection(person, {"p01": 3, "p02": 2, "p03": 1}, when=_last_quarter_moment())
        reflection(person, {"p01": 4, "p02": 4, "p03": 4})  # this quarter
    leader = as_user(org.teamleider)
    reads = [
        (reverse("insight:dashboard"), {"instrument": PROFESSIONALS}),
        (reverse("insight:dashboard"), {"instrument": PROFESSIONALS, "quarter": "x"}),
        (reverse("insight:dashboard_csv"), {"instrument": PROFESSIONALS}),
        (
            reverse("insight:dashboard_csv"),
            {"instrument": PROFESSIONALS, "quarter": str(current_quarter())},
        ),
        (reverse("insight:mirror"), {}),
        (reverse("insight:mirror_csv"), {"quarter": str(current_quarter())}),
    ]

    publish_closed_periods()

    def read() -> list[str]:
        return [page_text(b) if "<main" in b else b for b in _bodies(leader, reads)]

    before = read()
    reflection(people[5], {"p01": 0, "p02": 0, "p03": 0})
    assert read() == before
    # Not vacuous: the closed quarter is shown.
    assert "n = 5 respondenten" in before[0]


def _bodies(client, reads):
    return [client.get(url, params).content.decode() for url, params in reads]


def test_a_statement_answered_by_one_person_shows_no_figure_on_the_round_page(org, as_user):
    """Small item groups: in a round of 5 where only one answered statement 2, the round page
    showed 'n=1, mean 0,0'."""
    people = staff(org.team, 5)
    round_ = RoundFactory(
        opened_by=org.teamleider,
        answers=[(people[:1], {"o01": 3, "o02": 0}), (people[1:], {"o01": 4})],
        closed=True,
    )
    page = as_user(org.teamleider).get(reverse("reflection:round_detail", args=[round_.pk]))
    body = page.content.decode()
    assert "Gebaseerd op 5 antwoorden" in body
    assert small_figures_in_page(body) == []


def test_items_that_respondents_skipped_show_no_small_figures_in_any_csv(org, as_user, client):
    """Small item groups: dashboard CSVs held figures with n=4 (respondents who skipped an
    item)."""
    when = _last_quarter_moment()
    answers = [
        {"g01": 4, "g02": 3, "g03": 2, "g04": 1, "g05": 3, "g06": 2},
        {"g01": 3, "g02": 3, "g03": 2, "g05": 4, "g06": 4},
        {"g01": 2, "g02": 1, "g05": 1},
        {"g01": 1, "g02": 4, "g05": 2, "g06": 1},
        {"g01": 0, "g07": 2, "g08": 3, "g09": 4},
    ]
    for team in (org.team, org.other_team):
        for one in answers:
            family_response(team, one, completed_at=when)
    for person in staff(org.team, 5):
        reflection(person, {"p01": 3, "p02": 1}, when=when)
    reflection(org.colleague, {"p04": 2}, when=when)
    leader = as_user(org.teamleider)
    quarter = str(previous_quarter(current_quarter()))
    publish_closed_periods()
    for instrument_id in (FAMILIES, PROFESSIONALS, ORGANISATION):
        for params in ({}, {"quarter": quarter}):
            params = {"instrument": instrument_id, **params}
            body = leader.get(reverse("insight:dashboard_csv"), params).content.decode()
            assert small_figures_in_csv(body) == [], params
            page = leader.get(reverse("insight:dashboard"), params).content.decode()
            assert small_figures_in_page(page) == [], params
    assert small_figures_in_page(leader.get(reverse("insight:team")).content.decode()) == []
    assert small_figures_in_csv(leader.get(reverse("insight:mirror_csv")).content.decode()) == []
    client.logout()
    admin = as_user(org.beheerder)
    for params in ({}, {"team": str(org.team.pk)}, {"quarter": quarter}):
        body = admin.get(reverse("insight:dashboard_csv"), params).content.decode()
        assert small_figures_in_csv(body) == [], params
        # Not vacuous: 5 respondents per team, 10 in all, are shown.
        assert "respondenten" in body and (";5;" in body or ";10;" in body)


def test_a_pool_of_two_families_is_left_out_of_the_research_export(org, as_user):
    """Pooled 'overig' below 5: small teams were pooled as 'overig' even when the pool held 2
    families (every other team is named, so 'overig' was that one team)."""
    big, small_a, small_b = org.team, TeamFactory(name="Klein A"), TeamFactory(name="Klein B")
    when = datetime(2025, 2, 10, 12, tzinfo=AMS)
    for _ in range(5):
        family_response(big, {"g01": 4}, completed_at=when)
    family_response(small_a, {"g01": 1}, completed_at=when)
    family_response(small_b, {"g01": 0}, completed_at=when)
    project = research_actions.create_project(
        org.onderzoeker,
        title="Project",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=date(2025, 1, 1),
        last_month=date(2025, 3, 1),
    )
    response = as_user(org.onderzoeker).post(
        reverse("research:project_export", args=[project.pk, "csv"])
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert [r["team"] for r in rows] == [big.name] * 5


def test_destroying_a_family_does_not_change_published_figures(org, as_user):
    """Figures of a closed period stay as published: recomputing them after a family's file is
    destroyed would reveal the erased answers by difference."""
    when = _last_quarter_moment()
    responses = [
        family_response(org.team, {"g01": v % 5, "g02": 4}, completed_at=when) for v in range(6)
    ]
    leader = as_user(org.teamleider)
    reads = [
        (reverse("insight:dashboard"), {}),
        (reverse("insight:dashboard_csv"), {}),
        (reverse("insight:team"), {}),
    ]
    publish_closed_periods()
    before = _bodies(leader, reads)
    assert "n = 6 respondenten" in before[0]
    destroy_family(responses[0].family, "request", decided_by=org.beheerder)
    assert [page_text(b) if "<main" in b else b for b in _bodies(leader, reads)] == [
        page_text(b) if "<main" in b else b for b in before
    ]
