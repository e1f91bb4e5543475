"""The follow-up's group figures (issue 15 item 4) pass the same tests as every dashboard:
only closed quarters, published once; only from at least 5 families behind that very figure;
small teams pooled; one more answer changes nothing; a total minus the named groups is never a
small group (insight/tests/test_differencing.py, docs/anonimiteit.md)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from krachtbron.aftercare import sources
from krachtbron.aftercare.models import FollowUp
from krachtbron.aftercare.tests.helpers import answered_in
from krachtbron.insight import outcomes
from krachtbron.insight.models import PublishedPeriod
from krachtbron.insight.tests.attacks import page_text, small_figures_in_page
from krachtbron.lib.answer_sources import outcome_source
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_start
from krachtbron.testing.factories import TeamFactory
from krachtbron.testing.personas import login
from krachtbron.testing.tasks import publish_closed_periods

MINIMUM = settings.MIN_GROUP_SIZE
URL = "/teamcijfers/nazorg/"


def _source():
    return outcome_source(sources.SOURCE_ID)


def _last():
    return previous_quarter(current_quarter())


def _when(quarter=None, day=10):
    return quarter_start(quarter or _last()) + timedelta(days=day, hours=11)


@pytest.fixture
def world(org):
    """Team Oost: 6 families at 1 month (4 say the agreements work), 4 at 3 months; Team West
    5 at 1 month; Team Klein 3 and Team Mini 2 at 1 month (together a pool of 5)."""
    klein, mini = TeamFactory(name="Team Klein"), TeamFactory(name="Team Mini")
    for k in range(6):
        answered_in(
            org.team,
            org.adviser,
            month=1,
            when=_when(),
            score=k + 4,
            works="ja" if k < 4 else "nee",
        )
    for _k in range(4):
        answered_in(org.team, org.adviser, month=3, when=_when(), score=9)
    for k in range(5):
        answered_in(org.other_team, org.other_adviser, month=1, when=_when(), score=k)
    for team, size in ((klein, 3), (mini, 2)):
        for _k in range(size):
            answered_in(team, org.adviser, month=1, when=_when(), score=5, works="deels")
    publish_closed_periods()
    return {"org": org, "teams": [org.team, org.other_team, klein, mini]}


def _table(world):
    tables = outcomes.outcome_tables(_source(), [(t.pk, t.name) for t in world["teams"]], pool=True)
    assert [t.quarter for t in tables] == [_last()]
    return {row.label: row for row in tables[0].rows}


@pytest.mark.django_db
def test_figures_per_team_month_and_the_pool(world):
    rows = _table(world)
    oost = rows["Team Oost"].groups
    assert (oost[0].n, oost[0].share, oost[0].mean) == (6, 67, sum(range(4, 10)) / 6)
    assert oost[1].n is None  # 4 families at 3 months: not shown
    west = rows["Team West"].groups
    assert (west[0].n, west[0].share, west[0].mean) == (5, 100, 2.0)
    assert rows["Team Klein"].suppressed and rows["Team Mini"].suppressed
    pool = rows["Overige teams"].groups
    assert (pool[0].n, pool[0].share, pool[0].mean) == (5, 0, 5.0)
    total = rows["Alle teams"].groups
    assert total[0].n == 16 and total[1].n is None and total[2].n is None
    assert total[0].share == round(100 * 9 / 16)


@pytest.mark.django_db
def test_four_families_are_never_a_figure(org):
    for _k in range(4):
        answered_in(org.team, org.adviser, month=1, when=_when(), score=3)
    publish_closed_periods()
    rows = {
        r.label: r
        for r in outcomes.outcome_tables(_source(), [(org.team.pk, "T")], pool=True)[0].rows
    }
    assert (
        rows["T"].suppressed and rows["Overige teams"].suppressed and rows["Alle teams"].suppressed
    )
    answered_in(org.team, org.adviser, month=1, when=_when(), score=3)
    # Published already: the fifth answer, though in the closed quarter, changes nothing.
    rows = {
        r.label: r
        for r in outcomes.outcome_tables(_source(), [(org.team.pk, "T")], pool=True)[0].rows
    }
    assert rows["T"].suppressed


@pytest.mark.django_db
def test_five_answers_of_one_family_are_not_five_families(org):
    from krachtbron.testing.factories import FamilyFactory

    family = FamilyFactory(team=org.team, advisers=[org.adviser])
    for k in range(5):
        answered_in(org.team, org.adviser, month=1, when=_when(day=k), score=8, family=family)
        family.closures.update(reopened_at=_when())  # reopened and closed again: 5 closures
    assert FollowUp.objects.filter(family=family, month=1).count() == 5
    publish_closed_periods()
    rows = outcomes.outcome_tables(_source(), [(org.team.pk, "T")], pool=False)[0].rows
    assert rows[0].suppressed


@pytest.mark.django_db
def test_only_closed_quarters_are_shown(org):
    for _k in range(6):
        answered_in(org.team, org.adviser, month=1, when=_when(current_quarter(), day=0), score=8)
    assert outcomes.outcome_tables(_source(), [(org.team.pk, "T")], pool=True) == []
    assert not PublishedPeriod.objects.filter(unit=current_quarter()).exists()


@pytest.mark.django_db
def test_one_more_answer_or_a_destroyed_file_changes_no_figure(world):
    from krachtbron.families.retention import destroy_family

    org = world["org"]
    readers = [login(Client(), org.teamleider), login(Client(), org.beheerder)]
    before = [page_text(c.get(URL).content.decode()) for c in readers]
    assert "Team Oost" in before[1] and "67%" in before[1]
    answered_in(org.team, org.adviser, month=3, when=_when(), score=1)  # late, closed quarter
    answered_in(org.team, org.adviser, month=1, when=_when(current_quarter(), 0), score=1)
    destroy_family(
        FollowUp.objects.filter(team=org.team).first().family, "request", decided_by=org.beheerder
    )
    after = [page_text(c.get(URL).content.decode()) for c in readers]
    assert before == after


@pytest.mark.django_db
def test_a_total_minus_the_named_groups_is_never_a_small_group(world):
    body = login(Client(), world["org"].beheerder).get(URL).content.decode()
    assert small_figures_in_page(body) == []
    rows = _table(world)
    for index in range(3):
        total = rows["Alle teams"].groups[index].n or 0
        named = sum(
            row.groups[index].n or 0 for label, row in rows.items() if label != "Alle teams"
        )
        assert total - named == 0 or total - named >= MINIMUM
        # Without the pool (a teamleider's view): total minus the teams is the pool, or 0.
        teams = sum(
            row.groups[index].n or 0
            for label, row in rows.items()
            if label not in ("Alle teams", "Overige teams")
        )
        assert total - teams == 0 or total - teams >= MINIMUM


@pytest.mark.django_db
def test_a_teamleider_sees_their_team_and_all_teams_not_the_others(world):
    body = page_text(login(Client(), world["org"].teamleider).get(URL).content.decode())
    assert "Team Oost" in body and "Alle teams" in body
    assert "Team West" not in body and "Overige teams" not in body


@pytest.mark.django_db
def test_the_demo_shape_five_families_in_one_team_show(org):
    for k in range(5):
        answered_in(org.team, org.adviser, month=1, when=_when(), score=6 + k % 3)
    publish_closed_periods()
    body = login(Client(), org.teamleider).get(URL).content.decode()
    assert "te weinig gezinnen" in body  # 3 and 6 months
    assert "100%" in body


# --- Hypothesis: the aggregation in the database equals the rule applied by hand -----------------

_answer = st.tuples(
    st.integers(0, 2),  # team index
    st.sampled_from([1, 3, 6]),
    st.integers(0, 10),
    st.sampled_from(["ja", "deels", "nee"]),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=15,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(_answer, max_size=24))
def test_published_figures_are_the_rule_applied_by_hand(org, answers):
    FollowUp.objects.all().delete()
    PublishedPeriod.objects.all().delete()
    teams = [org.team, org.other_team, TeamFactory()]
    for team_index, month, score, works in answers:
        answered_in(
            teams[team_index], org.adviser, month=month, when=_when(), score=score, works=works
        )
    outcomes.publish_closed_quarters(_source())  # what the background task runs
    tables = outcomes.outcome_tables(_source(), [(t.pk, str(t.pk)) for t in teams], pool=True)
    if not answers:
        assert tables == []
        return
    rows = {r.label: r for r in tables[0].rows}
    # By hand: each answer is its own family here.
    per_team = {t.pk: [a for a in answers if teams[a[0]].pk == t.pk] for t in teams}
    small = [t for t in teams if len(per_team[t.pk]) < MINIMUM]
    pooled = [a for t in small for a in per_team[t.pk]]
    shown = {}
    for key, group in [(str(t.pk), per_team[t.pk]) for t in teams] + [("Overige teams", pooled)]:
        if len(group) < MINIMUM or (
            key != "Overige teams" and any(t.pk == int(key) for t in small)
        ):
            shown[key] = {}
            continue
        shown[key] = {}
        for month in (1, 3, 6):
            at = [a for a in group if a[1] == month]
            if len(at) >= MINIMUM:
                shown[key][month] = (
                    len(at),
                    round(100 * sum(a[3] == "ja" for a in at) / len(at)),
                    sum(a[2] for a in at) / len(at),
                )
    for key, expected in shown.items():
        got = rows[key].groups
        for index, month in enumerate((1, 3, 6)):
            if month in expected:
                assert (got[index].n, got[index].share) == expected[month][:2]
                assert got[index].mean == pytest.approx(expected[month][2])
            else:
                assert got[index].n is None
    for index, month in enumerate((1, 3, 6)):
        total = sum(e[month][0] for e in shown.values() if month in e)
        assert (rows["Alle teams"].groups[index].n or 0) == total
        assert total == 0 or total >= MINIMUM


@pytest.mark.django_db
def test_a_quarter_without_any_figure_is_not_listed_on_the_page(org):
    """Four families in the last closed quarter: published, but every figure is "te weinig
    gezinnen", so the page does not list the quarter (as the period pickers skip it)."""
    for _k in range(4):
        answered_in(org.team, org.adviser, month=1, when=_when(), score=3)
    publish_closed_periods()
    assert outcomes.outcome_tables(_source(), [(org.team.pk, "T")], pool=True)  # published
    client = Client()
    login(client, org.teamleider)
    text = page_text(client.get(URL).content.decode())
    assert "te weinig gezinnen" not in text
    assert "Nog geen afgesloten kwartaal met ingevulde checks." in text
