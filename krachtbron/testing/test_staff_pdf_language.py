"""Staff PDFs follow the staff member's language, as the staff pages do (docs/talen.md, "Staff
PDFs"): Dutch, or English for a user who chose English with the language switch (the cookie;
``lib.middleware.ChosenLanguageMiddleware``). A family language in the cookie counts as Dutch.

The staff PDFs: the team report (``insight:report_pdf``), the whole family's 'Ons
krachtenplan' (``strengths:plan_pdf``) and netwerkplan (``networkplan:plan_pdf``) that an
adviser prints for the file. (The copy of the file is made in the language of the moment it
was asked, ``families.prepared``; the printed invitation letters and a plan for one member speak
the family member's language: docs/talen.md.)
"""

import pytest
from django.conf import settings
from django.urls import reverse

from krachtbron.lib.quarters import quarter_of
from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.testing.pdf import pdf_text
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.django_db


def _words(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def _lang(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def _get(client, cookie: str | None, url: str, **query: object):
    if cookie is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(url, query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.mark.parametrize(
    ("cookie", "language", "title"),
    [(None, "nl", "Teamrapport"), ("en", "en", "Team report"), ("ar", "nl", "Teamrapport")],
)
def test_the_team_report_pdf_speaks_the_staff_language(org, as_user, cookie, language, title):
    when = closed_quarter_moment()
    for k in range(5):
        family_response(
            org.team, {f"g{n:02d}": (n + k) % 5 for n in range(1, 14)}, completed_at=when
        )
    publish_closed_periods()
    pdf = _get(
        as_user(org.teamleider), cookie, reverse("insight:report_pdf"), quarter=quarter_of(when)
    )
    assert _lang(pdf) == language and title in _words(pdf)


@pytest.mark.parametrize(
    ("cookie", "language", "heading"),
    [(None, "nl", "Ons netwerkplan"), ("en", "en", "Our network plan")],
)
def test_the_advisers_netwerkplan_pdf_speaks_the_staff_language(
    org, as_user, cookie, language, heading
):
    make_plan(org)
    url = reverse("networkplan:plan_pdf", args=[org.family.pk])
    pdf = _get(as_user(org.adviser), cookie, url)
    assert _lang(pdf) == language and heading in _words(pdf)


@pytest.mark.parametrize(
    ("cookie", "language", "heading"),
    [(None, "nl", "Ons krachtenplan"), ("en", "en", "Our strength plan")],
)
def test_the_advisers_plan_pdf_speaks_the_staff_language(org, as_user, cookie, language, heading):
    url = reverse("strengths:plan_pdf", args=[org.family.pk])
    pdf = _get(as_user(org.adviser), cookie, url)
    text = _words(pdf)
    assert _lang(pdf) == language and (heading in text or heading.upper() in text), text[:300]
