"""Where the typed code is shown — the share page, the printed letter, its PDF and the e-mail,
each in large type beside the link — and where it never is: any URL, log record or table (the
access log and the task queue's included). SECURITY.md 4, docs/security.md."""

import io
import logging

import pytest
from django.apps import apps
from django.urls import reverse

from krachtbron.lib.typed_code import code_for_token, grouped
from krachtbron.questionnaires.models import Invitation
from krachtbron.questionnaires.tests.factories import invite
from krachtbron.testing.forms import form_key_of, post_forms
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _invite(client, org):
    url = reverse("questionnaires:invite", args=[org.family.pk])
    key = form_key_of(client.get(url))
    data = {"member": org.member.pk, "moment": "begin", "language": "nl", "form_key": key}
    return client.post(url, data)


def _every_row() -> str:
    return " ".join(repr(list(model._base_manager.values())) for model in apps.get_models())


def test_the_code_goes_round_but_never_into_a_url_a_log_or_a_table(
    org, as_user, client, smtp_server, caplog
):
    caplog.set_level(logging.DEBUG)
    adviser = as_user(org.adviser)
    share = _invite(adviser, org)
    token = share.context["token"]
    code = code_for_token(token)
    shown = grouped(code)
    body = share.content.decode()
    assert f'<p class="typed-code">{shown}</p>' in body
    assert "testserver/code" in body  # where to type it
    # Printed, as a PDF and by e-mail: the code in large type beside the link.
    invitation = Invitation.objects.get()
    printed = adviser.post(reverse("questionnaires:print", args=[invitation.pk]), {"token": token})
    assert f'<p class="code">{shown}</p>' in printed.content.decode()
    assert "Ga naar testserver/code en typ deze code" in printed.content.decode()
    from pypdf import PdfReader

    pdf = adviser.post(reverse("questionnaires:pdf", args=[invitation.pk]), {"token": token})
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert shown in text and len(PdfReader(io.BytesIO(pdf.content)).pages) == 1
    form = next(f for f in post_forms(body) if f["action"].endswith("/mailen/"))
    sent = adviser.post(
        form["action"], {**form["fields"], "address": "ouder@example.org", "language": "nl"}
    )
    assert sent.status_code == 302
    assert code not in _every_row() and shown not in _every_row()  # sealed while queued
    run_tasks()
    message = smtp_server.messages[0]
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f"typ deze code:\r\n{shown}\r\n" in plain and f"<strong>{shown}</strong>" in html
    # The family types it: a wrong one first, then the right one.
    wrong = client.post("/code/", {"code": shown[:-1] + ("2" if shown[-1] != "2" else "3")})
    assert wrong.status_code == 400
    opened = client.post("/code/", {"code": shown.lower()})
    assert opened.status_code == 302 and code not in opened["Location"]
    page = client.get(opened["Location"])
    assert page.status_code == 200
    # Nowhere kept: no table (access log, task queue, lockout records, sessions), no log record.
    rows = _every_row()
    assert code not in rows and shown not in rows and code.lower() not in rows
    # (mail.log is the test's SMTP server, the receiving end: it logs the message it got.)
    ours = [r for r in caplog.records if r.name != "mail.log"]
    records = " ".join(r.getMessage() + repr(r.args) for r in ours)
    assert records and code not in records and shown not in records
    assert shown.lower() not in records


def test_a_link_made_before_codes_shows_no_code(org, as_user):
    invitation, token = invite(org.member, org.adviser)
    Invitation.objects.filter(pk=invitation.pk).update(code_hash=None)
    printed = as_user(org.adviser).post(
        reverse("questionnaires:print", args=[invitation.pk]), {"token": token}
    )
    body = printed.content.decode()
    assert grouped(code_for_token(token)) not in body and 'class="code"' not in body
    assert "Geen camera? Typ deze link over in je browser:" in body


def test_the_portal_letter_shows_the_code_too(org, as_user):
    client = as_user(org.adviser)
    share = client.post(reverse("portal:invite", args=[org.member.pk]), {"language": "nl"})
    token = share.context["token"]
    shown = grouped(code_for_token(token))
    assert shown in share.content.decode()
    link = share.context["link"]
    printed = client.post(reverse("portal:print", args=[link.pk]), {"token": token})
    assert f'<p class="code">{shown}</p>' in printed.content.decode()


@pytest.mark.parametrize("purpose", ["questionnaire", "portal"])
def test_a_message_with_its_code_still_reads_easily(org, purpose):
    from datetime import timedelta

    from django.utils import timezone

    from krachtbron.lib.readability import flesch_douma, text_blocks
    from krachtbron.sending import actions as sending
    from krachtbron.sending import mail

    link = "http://127.0.0.1:8000/v/" + "a" * 43
    delivery = sending.queue_email(
        org.adviser,
        org.member,
        purpose=purpose,
        subject_id=1,
        address="ouder@example.org",
        link=link,
        expires_at=timezone.now() + timedelta(days=14),
        language="nl",
        code="ABCD EFGH JKMN PQRS TUVW",
    )
    _subject, text, html = mail.render_message(delivery, link, "ABCD EFGH JKMN PQRS TUVW")
    assert "Ga dan naar 127.0.0.1:8000/code en typ deze code:" in text
    blocks = [b for b in text.splitlines() if b.strip() and "http" not in b and "ABCD" not in b]
    assert flesch_douma(blocks) >= 70, flesch_douma(blocks)
    html_blocks = [b for b in text_blocks(html) if "ABCD" not in b]
    assert flesch_douma(html_blocks) >= 70
