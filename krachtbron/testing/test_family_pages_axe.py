"""Every family page, in Chromium, at 360 and 1280 px: axe-core finds no WCAG 2.1 AA violation
and nothing is wider than the screen (issue 17, acceptance).

The pages are the ones the readability test measures (``testing/family_pages.py``: every route
under the family URL prefixes in each state that shows other text, the questionnaire from start
to thank-you, every problem page of a link, the posted forms with their errors, the error pages
and the accessibility statement), so a new family route is in this sweep as soon as it is
measured there. Each page's HTML, as the server answered it, is put into a Chromium tab whose
address is the live server, so its own stylesheets and scripts load as on a phone. A sample in
Arabic (right to left, a concept translation with its banner) is checked as well.
"""

import pytest
from django.utils import translation

from krachtbron.testing import family_pages
from krachtbron.testing.browser import check_page, chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)


def _pages(org):
    yield from family_pages.routed_pages(org)
    yield from family_pages.posted_pages(org)
    yield from family_pages.questionnaire_pages(org)
    yield from family_pages.link_pages(org)
    yield from family_pages.template_states()
    yield from family_pages.error_pages()
    yield from family_pages.statement_page()


def _check_all(browser, base_url, pages):
    checked = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(base_url + "/toegankelijkheid/")
        for shown in pages:
            page.set_content(shown.html, wait_until="load")
            check_page(page, f"{shown.route} ({shown.state}) at {width}px")
            checked += 1
        context.close()
    return checked


def test_every_family_page_passes_axe_at_phone_and_desk_width(org, live_server):
    pages = list(_pages(org))
    assert len({p.route for p in pages}) >= 30, "the family pages were not all collected"
    with chromium() as browser:
        assert _check_all(browser, live_server.url, pages) == 2 * len(pages)


def test_a_sample_of_family_pages_in_arabic_passes_axe(org, live_server):
    """Mijn Krachtbron of a member who reads Arabic, and the error pages in Arabic: right to
    left, with the concept banner."""
    from krachtbron.portal.models import MemberLanguage

    MemberLanguage.objects.update_or_create(member=org.member, defaults={"language": "ar"})
    with translation.override("ar"):
        errors = list(family_pages.error_pages())
    pages = [*family_pages.routed_pages(org), *errors]
    arabic = [p for p in pages if 'lang="ar" dir="rtl"' in p.html]
    assert len({p.route for p in arabic}) >= 6, sorted({p.route for p in pages})
    assert all("?origineel=nl" in p.html for p in arabic if p.route != "errors")
    sample = list({p.route: p for p in arabic}.values())[:14]  # one state per route
    with chromium() as browser:
        _check_all(browser, live_server.url, sample)
