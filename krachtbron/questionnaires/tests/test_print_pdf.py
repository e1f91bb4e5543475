import io

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.lib.pdf import PDF_BASE_URL, render_pdf
from krachtbron.lib.pdf import static_file_for as _static_file
from krachtbron.questionnaires.tests.factories import invite

PAYLOAD = '<script>alert(1)</script>"><svg onload=alert(2)>{{7*7}}'


def test_the_printable_invitation_shows_the_link_and_qr_and_is_logged(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    response = client.post(reverse("questionnaires:print", args=[invitation.pk]), {"token": token})
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("questionnaires:open", args=[token]) in body and "<svg" in body
    assert "Fatima" in body
    entry = AccessLogEntry.objects.get(kind=AccessKind.PRINT)
    assert entry.extra == {"format": "html"} and entry.actor == org.adviser


def test_the_pdf_is_made_and_logged(org, as_user):
    from pypdf import PdfReader

    org.member.first_name = PAYLOAD[:60]
    org.member.save()
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    response = client.post(reverse("questionnaires:pdf", args=[invitation.pk]), {"token": token})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "<script>alert(1)</script>" in text  # the name is shown literally, never run
    assert AccessLogEntry.objects.get(kind=AccessKind.PRINT).extra == {"format": "pdf"}


def test_names_are_escaped_in_the_printable_page(org, as_user):
    org.member.first_name = PAYLOAD[:60]
    org.member.save()
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    body = client.post(
        reverse("questionnaires:print", args=[invitation.pk]), {"token": token}
    ).content.decode()
    assert "<script>alert" not in body and "onload=" not in body.replace("onload=alert(2)&gt;", "")
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize("which", ["print", "pdf"])
def test_a_wrong_token_prints_nothing(org, as_user, which):
    invitation, _token = invite(org.member, org.adviser)
    _other, other_token = invite(org.member, org.adviser)
    client = as_user(org.adviser)
    for token in [other_token, "", "x" * 100]:
        response = client.post(
            reverse(f"questionnaires:{which}", args=[invitation.pk]), {"token": token}
        )
        assert response.status_code == 302
    assert not AccessLogEntry.objects.filter(kind=AccessKind.PRINT).exists()


@pytest.mark.parametrize(
    "persona", ["colleague", "other_team", "teamleider", "beheerder", "onderzoeker"]
)
def test_nobody_else_can_print(org, as_user, persona):
    invitation, token = invite(org.member, org.adviser)
    client = as_user(org.personas()[persona])
    for which in ["print", "pdf"]:
        response = client.post(
            reverse(f"questionnaires:{which}", args=[invitation.pk]), {"token": token}
        )
        assert response.status_code in (403, 404)


def test_the_pdf_renderer_fetches_only_own_static_files():
    assert _static_file(PDF_BASE_URL + "static/questionnaires/print.css") is not None
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/questionnaires/print.css",
        "https://example.org/x.png",
        PDF_BASE_URL + "static/../../settings.py",
        PDF_BASE_URL + "static/questionnaires/../../../../etc/passwd",
        PDF_BASE_URL + "gezinnen/1/",
        "data:text/css,body{}",
    ]:
        assert _static_file(url) is None, url


def test_a_pdf_with_foreign_resources_still_renders_without_them():
    pdf = render_pdf(
        '<link rel="stylesheet" href="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        "<p>hallo</p>"
    )
    assert pdf.startswith(b"%PDF")


def test_a_letter_in_a_concept_language_says_so_and_where_the_dutch_is(org, as_user):
    from django.utils import translation

    concept = "Dit is een concept-vertaling van de Nederlandse tekst."
    with translation.override("ar"):
        arabic = translation.gettext(concept)
    assert arabic != concept
    client = as_user(org.adviser)
    for language, shown in (("ar", True), ("en", False), ("nl", False)):
        invitation, token = invite(org.member, org.adviser, language=language)
        url = reverse("questionnaires:print", args=[invitation.pk])
        body = client.post(url, {"token": token}).content.decode()
        assert (arabic in body) is shown and concept not in body, language
