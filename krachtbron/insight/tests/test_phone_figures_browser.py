"""Staff figures on a phone (issue 17, item 9): on a 360 px screen the key figure of every table
and chart is in view without scrolling sideways, and the network map opens on the family. The
caption of a table that scrolls sideways wraps inside its scroll box, also once the table is
scrolled (session 12 try-out: "Iedereen op de kaart …" on the tab Netwerk and the averages per
measurement on the tab Vragenlijsten were cut off at the box's edge).

Real headless Chromium on the demo's data: the results of a questionnaire ("Gemiddelde"), the
dashboard (its bars and their values), the caseload, the results of a reflection round, the team
mirror and the network map. Every element marked as a key figure (``.key-figure``: the templates
mark the cells and values a reader comes for) must lie inside the viewport's width, the page
must not be wider than the screen, and axe finds nothing (``check_page``).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from krachtbron.accounts.demo_data import DEMO_PASSWORD
from krachtbron.accounts.models import User
from krachtbron.families.models import Family
from krachtbron.network.ecomap_layout import CENTRE_R, CX
from krachtbron.network.ecomap_layout import WIDTH as ECOMAP_WIDTH
from krachtbron.questionnaires.models import Response
from krachtbron.reflection.models import ReflectionRound
from krachtbron.testing.browser import check_page, chromium, sign_in
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360

#: The key figures of a page: the cells of every table column whose head is marked
#: ``th.key-figure`` (a row with a merged "too few answers" cell has none), and the charts
#: (their values sit at their right end: a bar's value beside the bar, a line's last point;
#: a line chart may start off-screen, its end must be in view).
_KEY_FIGURES = """(extra) => {
  const found = [];
  for (const head of document.querySelectorAll("thead th.key-figure")) {
    const column = [...head.parentElement.children].indexOf(head);
    for (const row of head.closest("table").tBodies[0].rows) {
      if ([...row.cells].some((cell) => cell.colSpan > 1)) continue;
      found.push(row.cells[column]);
    }
  }
  found.push(...document.querySelectorAll(".chart-scroll > svg" + (extra ? ", " + extra : "")));
  return found
    .filter((e) => e.getClientRects().length > 0)
    .map((e) => {
      const box = e.getBoundingClientRect();
      // A line chart wider than the screen opens at its end: its latest point is the figure.
      const line = e.matches("svg.chart--line");
      return {what: e.textContent.trim().slice(0, 40), left: line ? 0 : box.left,
              right: box.right, line: line};
    });
}"""


def _key_figures_in_view(page, where: str, extra: str, at_least: int) -> None:
    figures = page.evaluate(_KEY_FIGURES, extra)
    assert len(figures) >= at_least, f"{where}: {len(figures)} key figures shown"
    outside = [f for f in figures if f["left"] < 0 or not 0 < f["right"] <= WIDTH]
    assert not outside, f"{where}: key figures off-screen: {outside[:5]}"


#: Every caption of a table in a scroll box (``.table-wrap``), with the box's edges: before and
#: after the box is scrolled to its end (a caption must not scroll away with the table).
_CAPTIONS = """() => [...document.querySelectorAll(".table-wrap > table > caption")]
  .filter((c) => c.getBoundingClientRect().width > 1)  // not the visually hidden ones
  .flatMap((c) => {
    const wrap = c.closest(".table-wrap");
    const measure = () => {
      const box = c.getBoundingClientRect(), edge = wrap.getBoundingClientRect();
      return {what: c.textContent.trim().slice(0, 40), left: box.left, right: box.right,
              wrap_left: edge.left, wrap_right: edge.right, scrolled: wrap.scrollLeft > 0};
    };
    const before = measure();
    wrap.scrollLeft = wrap.scrollWidth;
    const after = measure();
    wrap.scrollLeft = 0;
    return [before, after];
  })"""


def _captions_in_their_box(page, where: str) -> int:
    """Asserts every caption of a scrolling table lies inside its box; returns how many."""
    captions = page.evaluate(_CAPTIONS)
    cut = [
        c for c in captions if c["left"] < c["wrap_left"] - 1 or c["right"] > c["wrap_right"] + 1
    ]
    assert not cut, f"{where}: captions cut off at the edge of their scroll box: {cut[:3]}"
    return len(captions) // 2


def _map_opens_on_the_family(browser, cookies, url: str) -> None:
    """Without JavaScript, the network map's scroll box starts with the family's circle (the
    drawing's middle, ``CENTRE_R`` wide on either side) inside it, and inside the screen."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 740}, java_script_enabled=False
    )
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(url)
    box = page.evaluate(
        """() => {
          const wrap = document.querySelector(".ecomap-wrap").getBoundingClientRect();
          const svg = document.querySelector(".ecomap-wrap svg").getBoundingClientRect();
          return {wrap_left: wrap.left, wrap_right: wrap.right, svg_left: svg.left,
                  svg_width: svg.width};
        }"""
    )
    scale = box["svg_width"] / ECOMAP_WIDTH
    centre = box["svg_left"] + CX * scale
    left, right = centre - CENTRE_R * scale, centre + CENTRE_R * scale
    assert box["wrap_left"] <= left and right <= box["wrap_right"] <= WIDTH, box
    assert box["svg_width"] > WIDTH  # still a readable size: it scrolls, it does not shrink
    context.close()


def test_key_figures_stay_in_view_on_a_phone(live_server, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    publish_closed_periods()  # the background task: the pages show the quarters' figures
    adviser = User.objects.get(username="adviseur1")
    leader = User.objects.get(username="teamleider1")
    response = (
        Response.objects.filter(family__assignments__adviser=adviser)
        .exclude(completed_at=None)
        .order_by("pk")
        .first()
    )
    family = Family.objects.filter(
        assignments__adviser=adviser, network_persons__isnull=False
    ).distinct()[0]
    closed_round = ReflectionRound.objects.exclude(closed_at=None).order_by("pk").first()
    assert response is not None and closed_round is not None
    # (where, url, more key figures than the marked columns and charts, how many at least)
    adviser_pages = [
        ("caseload", reverse("families:caseload"), ".card-list .card .tag", 5),
        ("results", reverse("questionnaires:response", args=[response.pk]), ".q-chart svg", 10),
        ("network map", reverse("network:map", args=[family.pk]), ".indicator dd", 1),
        ("questionnaires tab", reverse("questionnaires:family", args=[family.pk]), "", 0),
    ]
    leader_pages = [
        ("dashboard", reverse("insight:dashboard"), ".item-bar__facts, .item-bar__chart svg", 10),
        ("team mirror", reverse("insight:mirror"), "", 6),
        (
            "round results",
            reverse("reflection:round_detail", args=[closed_round.pk]),
            "",
            6,
        ),
    ]
    captions = 0
    with chromium() as browser:
        for user, pages in ((adviser, adviser_pages), (leader, leader_pages)):
            context = browser.new_context(viewport={"width": WIDTH, "height": 740})
            page = context.new_page()
            page.set_default_timeout(20_000)
            sign_in(page, live_server.url, user, DEMO_PASSWORD)
            for where, url, extra, at_least in pages:
                page.goto(live_server.url + url)
                check_page(page, where, shot=f"phone-{where.replace(' ', '-')}")
                _key_figures_in_view(page, where, extra, at_least)
                captions += _captions_in_their_box(page, where)
                if where == "network map":
                    _map_opens_on_the_family(browser, context.cookies(), page.url)
            # The same pages on a wide screen, with the same session: axe, width, a screenshot.
            page.set_viewport_size({"width": 1280, "height": 900})
            for where, url, _extra, _at_least in pages:
                page.goto(live_server.url + url)
                check_page(page, f"{where} (1280 px)", shot=f"wide-{where.replace(' ', '-')}")
                _captions_in_their_box(page, f"{where} (1280 px)")
            context.close()
    assert captions >= 3  # the network map's table, the tab's averages, the results' tables
