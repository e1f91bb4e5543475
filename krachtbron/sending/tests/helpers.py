"""Shared steps of the sending tests: make a link as the adviser does, and send it."""

from django.urls import reverse

from krachtbron.lib.idempotency import FIELD
from krachtbron.testing.forms import post_forms


def share_page(client, org, member=None):
    """POST the invite form as the adviser: the share page (200) with the link, once."""
    member = member or org.member
    url = reverse("questionnaires:invite", args=[org.family.pk])
    form_page = client.get(url)
    # As a browser posts it: with the form's one-time key.
    key = next(
        f["fields"][FIELD] for f in post_forms(form_page.content.decode()) if FIELD in f["fields"]
    )
    response = client.post(
        url, {"member": member.pk, "moment": "begin", "language": "nl", FIELD: key}
    )
    assert response.status_code == 200, response.status_code
    return response


def send_form(page):
    """The e-mail form's action and fields (token, form key, language) on a share page."""
    for form in post_forms(page.content.decode()):
        if form["action"].endswith("/mailen/"):
            return form["action"], form["fields"]
    raise AssertionError("no e-mail form on the share page")


def send_by_email(client, page, address="ouder@example.org", language=None):
    """Post the share page's e-mail form; returns the response."""
    action, fields = send_form(page)
    # post_forms reads inputs only; a browser sends the selected language (the member's).
    data = {**fields, "address": address, "language": language or "nl"}
    assert fields.get(FIELD), "the e-mail form carries no form key"
    assert fields[FIELD] != page.wsgi_request.POST.get(FIELD), "the invite's used key"
    return client.post(action, data)


def sms_form(page):
    """The SMS form's action and fields on a share page."""
    for form in post_forms(page.content.decode()):
        if form["fields"].get("channel") == "sms":
            return form["action"], form["fields"]
    raise AssertionError("no SMS form on the share page")


def send_by_sms(client, page, number="06 1234 5678", language="nl"):
    """Post the share page's SMS form; returns the response."""
    action, fields = sms_form(page)
    return client.post(action, {**fields, "number": number, "language": language})


def reminded_purposes():
    """The purposes whose messages get reminders: all but a share (docs/versturen.md)."""
    from krachtbron.sending.models import Purpose

    return [purpose for purpose in Purpose if purpose != Purpose.SHARE]


def queue_any(org, purpose, **kwargs):
    """Queue a message of ``purpose`` for org.member (``actions.queue``'s keywords); a share
    message goes to a person from the family's map, with org.member as the one who shares."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.sending import actions
    from krachtbron.sending.models import Purpose

    if purpose != Purpose.SHARE:
        return actions.queue(org.adviser, org.member, purpose=purpose, **kwargs)
    kwargs.pop("remind", None)
    return actions.queue_share(
        org.member,
        network_person_id=NetworkPersonFactory(family=org.family).pk,
        share_id=kwargs.pop("subject_id"),
        **kwargs,
    )
