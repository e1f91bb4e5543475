"""The team report (issue 18 item 4): the team's figures of one closed quarter with n beside
every figure, the mirror, the after-care when there is any, the team-meeting section by its
rule, as a page and a tagged PDF; only quarters with a figure are offered; a teamleider reads
their own team, a beheerder any team."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.aftercare.tests.helpers import answered_in
from krachtbron.insight.cells import Figures, ItemFigure
from krachtbron.insight.report import (
    InstrumentPart,
    build_report,
    highlights,
    report_filename,
    report_quarters,
)
from krachtbron.lib.quarters import current_quarter, previous_quarter, quarter_of, quarter_start
from krachtbron.reflection.tests.factories import (
    closed_quarter_moment,
    family_response,
    reflection,
    staff,
)
from krachtbron.testing.pdf import structure_roles
from krachtbron.testing.tasks import publish_closed_periods

FAMILY_ITEMS = [f"g{n:02d}" for n in range(1, 14)]
PRO_ITEMS = [f"p{n:02d}" for n in range(1, 9)]


def _families(team, count, when, *, value=lambda n, k: (n + k) % 5):
    for k in range(count):
        family_response(
            team, {item: value(n, k) for n, item in enumerate(FAMILY_ITEMS, 1)}, completed_at=when
        )


def _professionals(team, count, when, prefix="rep"):
    for person in staff(team, count, prefix=prefix):
        reflection(person, {item: n % 5 for n, item in enumerate(PRO_ITEMS, 1)}, when=when)


def _pdf(content: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content))


@pytest.mark.django_db
def test_the_report_shows_every_instrument_with_n_the_mirror_and_the_meeting_section(org, as_user):
    when = closed_quarter_moment()
    _families(org.team, 6, when)
    _professionals(org.team, 5, when)
    quarter = quarter_of(when)
    publish_closed_periods()
    assert report_quarters(org.team) == [quarter]
    report = build_report(org.team, quarter)
    families, professionals, organisation = report.parts
    assert families.figures.n == 6 and professionals.figures.n == 5
    assert organisation.figures.suppressed  # no round: no figure, and it says so
    # The rule, by hand: per instrument the two highest and the two lowest questions.
    pro = {n: n % 5 for n in range(1, 9)}
    strong_pro = sorted(pro, key=lambda n: (-pro[n], n))[:2]
    low_pro = sorted(pro, key=lambda n: (pro[n], n))[:2]
    assert [h.number for h in report.strong if h.source == professionals.label] == strong_pro
    assert [h.number for h in report.invest if h.source == professionals.label] == low_pro
    assert all(h.n == 5 for h in report.strong if h.source == professionals.label)
    mirror = {row.dimension: row for row in report.mirror}
    assert [v.respondents for v in mirror["competence"].values][:2] == [6, 5]

    page = as_user(org.teamleider).get(reverse("insight:report"))
    assert page.status_code == 200 and page.context["report"].quarter == quarter
    body = page.content.decode()
    assert "Waar zijn we sterk, waar willen we in investeren" in body and "§7" in body
    assert "n = 6 respondenten" in body and "n = 5 respondenten" in body
    assert "n = 5)" in body  # the meeting section names n beside each question
    assert "Te weinig respondenten in dit kwartaal" in body  # the organisation round
    # No after-care answers: no after-care section.
    assert report.outcomes == [] and "na de hulp" not in body


@pytest.mark.django_db
def test_the_pdf_is_tagged_and_holds_the_report(org, as_user):
    when = closed_quarter_moment()
    # Every question its own score, so the meeting section names some (h3 and lists).
    _families(org.team, 5, when, value=lambda n, k: (n + (k == 0)) % 5)
    quarter = quarter_of(when)
    publish_closed_periods()
    response = as_user(org.teamleider).get(reverse("insight:report_pdf"), {"quarter": quarter})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="teamrapport-{quarter // 10}-k{quarter % 10}.pdf"'
    )
    reader = _pdf(response.content)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        "Teamrapport",
        org.team.name,
        "Waar zijn we sterk, waar willen we in investeren",
        "n = 5 respondenten",
        "Teamspiegel",
    ):
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl" and root["/MarkInfo"]["/Marked"]
    roles = structure_roles(root["/StructTreeRoot"])
    assert {"H1", "H2", "H3"} <= roles and {"Table", "TH", "TD"} <= roles, roles
    assert {"L", "LI"} <= roles, roles


@pytest.mark.django_db
def test_a_team_with_four_respondents_shows_no_figure(org, as_user):
    when = closed_quarter_moment()
    _families(org.team, 4, when)
    _professionals(org.team, 4, when)
    _families(org.other_team, 5, when)  # another team's figures are not this team's
    publish_closed_periods()
    assert report_quarters(org.team) == []
    client = as_user(org.teamleider)
    page = client.get(reverse("insight:report"), {"quarter": quarter_of(when)})
    assert page.status_code == 200 and page.context["report"] is None
    body = page.content.decode()
    assert "nog geen kwartaal met cijfers" in body and "n = 4" not in body
    assert "Van dat kwartaal heeft dit team geen cijfers" in body
    # No PDF either: back to the page, which says why.
    pdf = client.get(reverse("insight:report_pdf"), {"quarter": quarter_of(when)})
    assert pdf.status_code == 302 and pdf["Location"].startswith(reverse("insight:report"))
    # Asked directly, every part of the quarter is suppressed: not one number of 4.
    report = build_report(org.team, quarter_of(when))
    assert all(part.figures.suppressed and part.chart is None for part in report.parts)
    assert report.strong == report.invest == [] and not report.has_mirror


@pytest.mark.django_db
def test_only_closed_quarters_are_offered(org):
    _families(org.team, 6, quarter_start(current_quarter()) + timedelta(hours=12))
    publish_closed_periods()
    assert report_quarters(org.team) == []


@pytest.mark.django_db
def test_the_after_care_figures_appear_when_there_are_any(org):
    when = closed_quarter_moment()
    for k in range(5):
        answered_in(org.team, org.adviser, month=1, when=when, score=k + 5)
    quarter = quarter_of(when)
    publish_closed_periods()
    assert report_quarters(org.team) == [quarter]  # the after-care alone makes a quarter
    report = build_report(org.team, quarter)
    (outcome,) = report.outcomes
    month_one = outcome.team[outcome.months.index(1)]
    assert month_one.n == 5 and month_one.mean == pytest.approx(7.0)
    assert all(g.n is None for m, g in zip(outcome.months, outcome.team, strict=True) if m != 1)


@pytest.mark.django_db
def test_a_teamleider_reads_their_own_team_a_beheerder_any(org, as_user):
    when = closed_quarter_moment()
    _families(org.team, 5, when)
    _families(org.other_team, 7, when)
    publish_closed_periods()
    leader = as_user(org.teamleider).get(reverse("insight:report"), {"team": org.other_team.pk})
    assert leader.context["report"].team == org.team  # one team: the parameter is ignored
    assert org.other_team.name not in leader.content.decode()
    client = as_user(org.beheerder)
    other = client.get(reverse("insight:report"), {"team": org.other_team.pk})
    assert other.context["report"].team == org.other_team
    assert other.context["report"].parts[0].figures.n == 7
    wrong = client.get(reverse("insight:report"), {"team": "999999"})
    assert "Dit team kun je niet kiezen" in wrong.content.decode()


def test_the_file_name_says_what_not_whose():
    from types import SimpleNamespace

    assert report_filename(SimpleNamespace(quarter=20253)) == "teamrapport-2025-k3.pdf"


def _part(means: list[float | None]) -> InstrumentPart:
    items = [
        ItemFigure(f"x{n}", n, f"vraag {n}", "s", None if m is None else 7, None, m)
        for n, m in enumerate(means, 1)
    ]
    return InstrumentPart("x", "X", "X", Figures(False, 7, None, items, []))


@given(st.lists(st.one_of(st.none(), st.integers(0, 16).map(lambda v: v / 4)), max_size=15))
def test_the_meeting_rule_names_the_highest_and_the_lowest_never_twice(means):
    strong, invest = highlights([_part(means)])
    shown = {n: m for n, m in enumerate(means, 1) if m is not None}
    take = min(2, len(shown) // 2)
    named_strong, named_invest = {h.number for h in strong}, {h.number for h in invest}
    assert len(strong) <= take and len(invest) <= take
    assert not named_strong & named_invest
    assert all(h.mean == shown[h.number] and h.n == 7 for h in strong + invest)
    # The highest and the lowest: nothing left out scores above a strong or below an invest.
    assert all(m <= h.mean for h in strong for n, m in shown.items() if n not in named_strong)
    assert all(m >= h.mean for h in invest for n, m in shown.items() if n not in named_invest)
    assert all(s.mean > i.mean for s in strong for i in invest)
    # Something to say whenever the scores differ; nothing when they are all the same.
    differ = len(set(shown.values())) > 1
    assert bool(strong) == bool(invest) == (differ and take > 0)


# --- Period pickers offer only quarters with a figure (issue 18 item 4) -------------------------


def _offered(response) -> list[str]:
    return [value for value, _label in response.context["form"].fields["quarter"].choices if value]


@pytest.mark.django_db
def test_the_pickers_offer_only_quarters_with_a_figure(org, as_user):
    last = previous_quarter(current_quarter())
    empty = previous_quarter(last)
    small = previous_quarter(empty)
    older = previous_quarter(small)
    _families(org.team, 5, quarter_start(last) + timedelta(days=3))
    _families(org.team, 3, quarter_start(small) + timedelta(days=3))  # under 5: no figure
    _professionals(org.team, 5, quarter_start(older) + timedelta(days=3))
    client = as_user(org.teamleider)
    publish_closed_periods()
    dashboard = client.get(reverse("insight:dashboard"))
    assert _offered(dashboard) == [str(last)]  # families; the professionals' quarter elsewhere
    pros = client.get(reverse("insight:dashboard"), {"instrument": "kracht-professionals"})
    assert _offered(pros) == [str(older)]
    mirror = client.get(reverse("insight:mirror"))
    assert _offered(mirror) == [str(last), str(older)]  # newest first; no empty quarter
    report = client.get(reverse("insight:report"))
    assert _offered(report) == [str(last), str(older)]
    assert report.context["report"].quarter == last
