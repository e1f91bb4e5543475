"""Sending an invitation by e-mail, against a real SMTP server (aiosmtpd on 127.0.0.1) and
django-tasks' own database worker (docs/versturen.md, docs/adr/0014)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.questionnaires.models import Invitation
from krachtbron.sending import actions
from krachtbron.sending.models import Delivery, State, Status
from krachtbron.sending.tasks import send_delivery
from krachtbron.sending.tests.helpers import send_by_email, send_form, share_page
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _body(message, kind="plain"):
    return message.get_body(preferencelist=(kind,)).get_content()


def test_a_questionnaire_link_goes_out_by_email_once_and_the_address_is_erased(
    org, as_user, smtp_server
):
    client = as_user(org.adviser)
    page = share_page(client, org)
    invitation = Invitation.objects.get(family=org.family)
    link = page.context["link"]

    response = send_by_email(client, page, "Ouder@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaires:invitation", args=[invitation.pk])
    delivery = Delivery.objects.get()
    assert delivery.status == Status.QUEUED and delivery.sealed is not None
    assert b"example.org" not in bytes(delivery.sealed)  # sealed, not in clear
    assert not smtp_server.messages  # nothing sent by the request itself

    run_tasks()

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert smtp_server.recipients == [["Ouder@Example.org"]]
    assert link in _body(message) and link in _body(message, "html")
    assert org.member.first_name in _body(message)
    assert org.family.display_name not in message.as_string()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sealed) == (Status.SENT, 1, None)
    assert delivery.sent_at is not None
    rows = AccessLogEntry.objects.filter(kind=AccessKind.SEND).order_by("id")
    assert [(row.actor_kind, row.extra["step"]) for row in rows] == [
        ("staff", "queued"),
        ("system", "sent"),
    ]
    assert rows[1].actor_role == "sending"
    # The adviser sees it on the invitation.
    detail = client.get(reverse("questionnaires:invitation", args=[invitation.pk]))
    assert "verstuurd" in detail.content.decode()


def test_a_double_click_on_versturen_sends_one_message(org, as_user, smtp_server):
    client = as_user(org.adviser)
    page = share_page(client, org)
    action, fields = send_form(page)
    data = {**fields, "address": "ouder@example.org", "language": "nl"}
    first = client.post(action, data)
    second = client.post(action, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Delivery.objects.count() == 1
    run_tasks()
    assert len(smtp_server.messages) == 1


def test_a_second_task_for_the_same_delivery_sends_nothing(org, as_user, smtp_server):
    """Claiming is one UPDATE … WHERE status='queued': a task that comes twice sends once."""
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    delivery = Delivery.objects.get()
    send_delivery.enqueue(delivery.pk)  # as if the queue delivered it twice
    run_tasks()
    assert len(smtp_server.messages) == 1
    assert send_delivery.call(delivery.pk) == "not claimed"
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    "typed",
    ["geen-adres", "ouder@", "ouder@example..org", "a b@example.org", "ouder@exa\u202emple.org"],
)
def test_a_bad_address_keeps_what_was_typed_with_a_dutch_message(org, as_user, typed):
    client = as_user(org.adviser)
    page = share_page(client, org)
    response = send_by_email(client, page, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er klopt iets niet" in html
    errors = response.context["email_form"].errors["address"]
    assert len(errors) == 1 and errors[0].startswith(("Vul een geldig", "Een e-mailadres kan"))
    assert "Enter a valid" not in html
    form = response.context["email_form"]
    assert form["address"].value() == typed  # kept
    assert page.context["link"] in html  # the link is still there to copy or print
    assert not Delivery.objects.exists()


def test_an_empty_address_says_so_in_dutch(org, as_user):
    client = as_user(org.adviser)
    response = send_by_email(client, share_page(client, org), "")
    assert response.status_code == 400
    assert "Vul het e-mailadres in." in response.content.decode()
    assert not Delivery.objects.exists()


def test_a_wrong_token_sends_nothing(org, as_user):
    client = as_user(org.adviser)
    page = share_page(client, org)
    action, fields = send_form(page)
    response = client.post(action, {**fields, "token": "x" * 43, "address": "a@example.org"})
    assert response.status_code == 302
    assert not Delivery.objects.exists()


def test_the_message_goes_in_the_chosen_language(org, as_user, smtp_server):
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org), language="en")
    run_tasks()
    message = smtp_server.messages[0]
    assert message["Subject"] == "A short questionnaire from your social worker"
    assert "Hello" in _body(message) and "Hallo" not in _body(message)
    assert Delivery.objects.get().language == "en"


def test_a_temporary_refusal_is_retried_then_fails_visibly_and_can_be_sent_again(
    org, as_user, smtp_server, settings
):
    settings.SEND_MAX_ATTEMPTS = 3
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    delivery = Delivery.objects.get()
    smtp_server.refuse = "451 4.3.0 Try again later"

    run_tasks()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.QUEUED, 1)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert delivery.last_error == "SMTPDataError 451"
    run_tasks()  # the retry is not due yet: nothing happens
    delivery.refresh_from_db()
    assert delivery.attempts == 1

    run_tasks(later_too=True, rounds=2)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 3)
    assert delivery.sealed is not None  # kept, so the adviser can send it again
    assert not smtp_server.messages

    page = client.get(reverse("questionnaires:invitation", args=[delivery.subject_id]))
    html = page.content.decode()
    assert "mislukt" in html and "Opnieuw versturen" in html

    smtp_server.refuse = ""
    response = client.post(reverse("sending:send_again", args=[delivery.pk]))
    assert response.status_code == 302
    assert client.post(reverse("sending:send_again", args=[delivery.pk])).status_code == 302
    run_tasks()
    assert len(smtp_server.messages) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sealed) == (Status.SENT, 1, None)
    steps = list(
        AccessLogEntry.objects.filter(kind=AccessKind.SEND)
        .order_by("id")
        .values_list("extra__step", flat=True)
    )
    assert steps == ["queued", "retry", "retry", "failed", "again", "sent"]


def test_a_permanent_refusal_fails_at_once(org, as_user, smtp_server):
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    smtp_server.refuse = "550 5.1.1 No such mailbox"
    run_tasks()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)


def test_a_mail_server_that_is_down_is_retried(org, as_user, settings):
    from krachtbron.testing.served import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    run_tasks()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.QUEUED, 1)
    assert delivery.last_error == "ConnectionRefusedError"


def test_a_send_left_halfway_shows_as_not_confirmed_and_is_never_sent_again_by_itself(
    org, as_user, smtp_server
):
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    delivery = Delivery.objects.get()
    assert actions.claim(delivery.pk) is not None  # a worker took it … and died
    now = timezone.now()
    delivery.refresh_from_db()
    assert delivery.state_at(now) == State.SENDING
    assert delivery.state_at(now + timedelta(minutes=10)) == State.UNCONFIRMED
    run_tasks(later_too=True)
    assert not smtp_server.messages  # the queued task finds nothing to claim
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=now - timedelta(minutes=11))
    page = client.get(reverse("questionnaires:invitation", args=[delivery.subject_id]))
    assert "niet bevestigd" in page.content.decode()
    assert client.post(reverse("sending:send_again", args=[delivery.pk])).status_code == 302
    run_tasks()
    assert len(smtp_server.messages) == 1


def test_a_withdrawn_invitation_sends_nothing_and_forgets_the_address(org, as_user, smtp_server):
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    delivery = Delivery.objects.get()
    client.post(reverse("questionnaires:withdraw", args=[delivery.subject_id]))
    run_tasks()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.sealed) == (Status.WITHDRAWN, None)
    assert not smtp_server.messages


def test_addresses_of_messages_never_sent_are_erased_after_the_keep_days(org, as_user):
    client = as_user(org.adviser)
    send_by_email(client, share_page(client, org))
    assert actions.erase_stale() == 0
    assert actions.erase_stale(timezone.now() + timedelta(days=15)) == 1
    assert Delivery.objects.get().sealed is None
