"""A family member sends a netwerkplan share's link (issue 16, item 1): by e-mail through a
real SMTP server, by SMS through the local provider server, "samen bekijken" on one phone, the
statuses in the family's list, the stop of a network person, withdrawal, the hourly limit."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult, ActorKind
from krachtbron.lib.idempotency import FIELD
from krachtbron.lib.readability import flesch_douma, text_blocks
from krachtbron.lib.tokens import new_token
from krachtbron.networkplan.models import Share
from krachtbron.networkplan.tests.share_helpers import make_plan
from krachtbron.portal import share_send
from krachtbron.sending import actions, mail, sms, stops
from krachtbron.sending.models import Channel, Delivery, MessageStop, Purpose, Status
from krachtbron.strengths.tests.hostile import HOSTILE
from krachtbron.testing.forms import post_forms
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def link_page(org, planned=None, member=None):
    """Share the plan with the aunt as the member does: (client, link page, share, token)."""
    planned = planned or make_plan(org)
    client = sign_in_member(Client(), member or org.member)
    page = client.get(reverse("portal:share_new"))
    key = page.content.decode().split('name="form_key" value="')[1].split('"')[0]
    made = client.post(
        reverse("portal:share_new"),
        {"person": planned.aunt.pk, "calls": [planned.call.pk], "goals": [org.goal.pk], FIELD: key},
    )
    assert made.status_code == 200
    token = made.content.decode().split("/gedeeld/l/")[1].split('"')[0]
    return client, made, Share.objects.latest("id"), token


def channel_form(page, channel):
    for form in post_forms(page.content.decode()):
        if form["fields"].get("channel") == channel:
            return form["action"], form["fields"]
    raise AssertionError(f"no {channel} form on the link page")


def send(client, page, channel, to):
    action, fields = channel_form(page, channel)
    field = "number" if channel == "sms" else "address"
    return client.post(action, {**fields, field: to})


def test_the_sms_form_is_filled_in_with_the_mobile_number_from_the_plan(org):
    _client, page, _share, _token = link_page(org)
    _action, fields = channel_form(page, "sms")
    assert fields["number"] == "+31612345678"  # "wie bel je waarvoor" has the aunt's mobile
    assert channel_form(page, "email")[1].get("address", "") == ""


def test_a_landline_from_the_plan_is_not_filled_in(org):
    planned = make_plan(org)
    planned.call.phone = "020 123 4567"
    planned.call.save()
    _client, page, _share, _token = link_page(org, planned)
    assert channel_form(page, "sms")[1].get("number", "") == ""


def test_the_link_goes_out_by_sms_once_to_the_person_with_only_the_sharers_name(org, sms_server):
    client, page, share, token = link_page(org)
    response = send(client, page, "sms", "06-12345678")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#gedeeld-{share.pk}")
    again = send(client, page, "sms", "06-12345678")  # a double click: the same key
    assert again.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.purpose, delivery.channel, delivery.subject_id) == (
        Purpose.SHARE,
        Channel.SMS,
        share.pk,
    )
    assert delivery.network_person_id == share.person_id and delivery.member == org.member
    assert delivery.created_by is None and delivery.remind is False

    run_tasks()

    [message] = sms_server.messages
    assert message["To"] == "+31612345678"
    body = message["Body"]
    assert f"/gedeeld/l/{token}" in body and org.member.first_name in body
    assert "Tante Noor" not in body and org.family.display_name not in body
    assert "/geen-berichten/" in body  # the stop link
    delivery.refresh_from_db()
    assert (delivery.status, delivery.sealed) == (Status.SENT, None)
    rows = AccessLogEntry.objects.filter(kind=AccessKind.SEND).order_by("id")
    assert [(r.actor_kind, r.actor_member_id, r.extra["step"]) for r in rows] == [
        (ActorKind.FAMILY_MEMBER, org.member.pk, "queued"),
        (ActorKind.SYSTEM, None, "sent"),
    ]
    listed = client.get(reverse("portal:network_plan")).content.decode()
    assert "verstuurd" in listed and "ging per sms weg" in listed


def test_the_link_goes_out_by_email_in_the_shares_language(org, smtp_server):
    from krachtbron.portal.models import MemberLanguage

    MemberLanguage.objects.create(member=org.member, language="en")
    client, page, share, token = link_page(org)
    assert share.language == "en"
    assert send(client, page, "email", "tante@example.org").status_code == 302
    run_tasks()
    [message] = smtp_server.messages
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert f"/gedeeld/l/{token}" in text and "sharing a plan with you" in text
    assert message["To"] == "tante@example.org" and org.member.first_name not in message["Subject"]


@pytest.mark.parametrize(
    ("channel", "typed", "message"),
    [
        ("sms", "020 123 4567", "Dit is geen mobiel nummer"),
        ("sms", "bel me", "Dit is geen telefoonnummer"),
        ("email", "tante@", "Vul een geldig e-mailadres in"),
        ("email", "", "Vul het e-mailadres in"),
    ],
)
def test_a_bad_number_or_address_keeps_the_input_and_queues_nothing(org, channel, typed, message):
    client, page, _share, token = link_page(org)
    response = send(client, page, channel, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f"/gedeeld/l/{token}" in html  # the link page again
    if typed:
        assert f'value="{typed}"' in html
    assert not Delivery.objects.exists()
    # The corrected form goes with the same key.
    fixed = send(client, response, channel, "06 1234 5678" if channel == "sms" else "a@b.nl")
    assert fixed.status_code == 302 and Delivery.objects.count() == 1


def test_a_member_sends_at_most_a_few_share_messages_an_hour(org):
    client, page, _share, _token = link_page(org)
    for _ in range(share_send.SENDS_PER_HOUR):
        action, fields = channel_form(page, "sms")
        # A fresh key each time, as a new link page would have.
        fields[FIELD] = new_token()[:32]
        assert client.post(action, {**fields, "number": "0612345678"}).status_code == 302
    response = send(client, page, "sms", "0612345678")
    assert response.status_code == 400
    assert "al veel berichten gestuurd" in response.content.decode()
    assert Delivery.objects.count() == share_send.SENDS_PER_HOUR
    Delivery.objects.update(created_at=timezone.now() - timedelta(hours=1, minutes=1))
    assert share_send.sends_left(org.member) == share_send.SENDS_PER_HOUR


def test_a_withdrawn_share_erases_its_queued_message(org):
    client, page, share, _token = link_page(org)
    send(client, page, "email", "tante@example.org")
    assert client.post(reverse("portal:share_withdraw", args=[share.pk])).status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.sealed) == (Status.WITHDRAWN, None)
    run_tasks()
    assert Delivery.objects.get().status == Status.WITHDRAWN


def test_an_ended_share_is_not_sent_and_its_address_erased(org, smtp_server):
    client, page, share, _token = link_page(org)
    send(client, page, "email", "tante@example.org")
    Share.objects.filter(pk=share.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    run_tasks()
    assert not smtp_server.messages
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.sealed, delivery.last_error) == (
        Status.WITHDRAWN,
        None,
        "closed",
    )


def test_a_stop_by_the_person_covers_messages_to_that_person_only(org, sms_server):
    planned = make_plan(org)
    client, page, share, _token = link_page(org, planned)
    send(client, page, "sms", "0612345678")
    run_tasks()
    stop_url = next(
        line for line in sms_server.messages[0]["Body"].split() if "geen-berich" in line
    )
    path = stop_url.split("127.0.0.1:8000", 1)[-1].split("testserver", 1)[-1]
    path = path[path.index("/geen-berichten/") :]
    person = Client()
    assert "Wie je de link stuurde" in person.get(path).content.decode()
    assert person.post(path).status_code == 302
    stop = MessageStop.objects.get()
    assert (stop.member_id, stop.network_person_id) == (None, share.person_id)
    assert not stops.is_stopped(org.member.pk)  # the family member still gets messages
    row = AccessLogEntry.objects.get(extra__step="stop")
    assert (row.actor_kind, row.actor_member_id) == (ActorKind.NETWORK_PERSON, share.person_id)
    # A new message to that person is refused, input kept, nothing queued.
    _client, page2, _share2, _t = link_page(org, planned)
    assert "wil geen berichten meer" in page2.content.decode()
    refused = send(client, page2, "sms", "0612345678")
    assert refused.status_code == 400 and Delivery.objects.count() == 1


def test_a_member_stop_does_not_stop_share_messages_the_member_sends(org, sms_server):
    client, page, _share, _token = link_page(org)
    stops.stop_messages(org.member, user=org.adviser)
    assert send(client, page, "sms", "0612345678").status_code == 302
    run_tasks()
    assert len(sms_server.messages) == 1


def test_samen_bekijken_shows_the_shared_view_in_the_members_session(org):
    client, _page, share, token = link_page(org)
    response = client.post(reverse("portal:share_together", args=[share.pk]), {"token": token})
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "networkplan/share_view.html"
    html = response.content.decode()
    assert "Als ik ziek ben" in html and "GEHEIM-notitie" not in html
    assert token not in response.wsgi_request.path
    row = AccessLogEntry.objects.filter(kind=AccessKind.READ, extra__together=True).get()
    assert (row.actor_kind, row.actor_member_id) == (ActorKind.FAMILY_MEMBER, org.member.pk)
    # Without the right token: back to the list, nothing shown.
    wrong = client.post(reverse("portal:share_together", args=[share.pk]), {"token": new_token()})
    assert wrong.status_code == 302


def test_a_failed_message_shows_and_the_member_sends_it_again(org, sms_server):
    client, page, share, _token = link_page(org)
    send(client, page, "sms", "0612345678")
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED)
    listed = client.get(reverse("portal:network_plan")).content.decode()
    assert "mislukt" in listed and "geef de link anders" in listed
    again = reverse("portal:share_send_again", args=[delivery.pk])
    assert f'action="{again}"' in listed
    assert client.post(again).status_code == 302
    run_tasks()
    assert len(sms_server.messages) == 1
    assert Delivery.objects.get().status == Status.SENT


def test_another_familys_member_reaches_none_of_it(org):
    client, page, share, token = link_page(org)
    send(client, page, "sms", "0612345678")
    delivery = Delivery.objects.get()
    other = sign_in_member(Client(), org.other_member)
    posts = [
        (reverse("portal:share_send", args=[share.pk]), {"token": token, "channel": "sms"}),
        (reverse("portal:share_together", args=[share.pk]), {"token": token}),
        (reverse("portal:share_send_again", args=[delivery.pk]), {}),
    ]
    for url, data in posts:
        assert other.post(url, {**data, "number": "0612345678"}).status_code == 404
    denied = AccessLogEntry.objects.filter(
        family_id=org.family.pk, result=AccessResult.DENIED, actor_member_id=org.other_member.pk
    )
    assert denied.count() == 3
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_sharer_name_stays_text(org, name):
    org.member.first_name = name
    org.member.save()
    delivery = _share_delivery(org)
    _subject, text, html = mail.render_message(delivery, "http://x/gedeeld/l/" + "a" * 43)
    assert "<script" not in html and "<svg" not in html
    assert name not in _subject
    assert "\n" not in sms.render_text(delivery, "L").split("\n")[1]  # the name on its own line


@pytest.mark.parametrize("language", ["nl", "en"])
def test_share_messages_read_easily(org, language):
    delivery = _share_delivery(org, language)
    _subject, text, html = mail.render_message(delivery, "http://x/gedeeld/l/" + "a" * 43)
    if language == "nl":
        blocks = [line for line in text.splitlines() if line.strip() and "http" not in line]
        assert flesch_douma(blocks) >= 70, flesch_douma(blocks)
        assert flesch_douma(text_blocks(html)) >= 70
        sms_lines = [
            line for line in sms.render_text(delivery, "L").splitlines() if "http" not in line
        ]
        assert flesch_douma([" ".join(sms_lines)]) >= 70
    assert "netwerkplan" in text or "network plan" in text


def _share_delivery(org, language="nl"):
    planned = make_plan(org)
    from krachtbron.networkplan.tests.share_helpers import share_all

    share, _token = share_all(org.member, planned.aunt)
    return actions.queue_share(
        org.member,
        network_person_id=planned.aunt.pk,
        share_id=share.pk,
        channel=Channel.EMAIL,
        to="tante@example.org",
        link="http://x/gedeeld/l/" + "a" * 43,
        expires_at=share.expires_at,
        language=language,
    )


def test_the_demo_family_sent_its_share_by_sms_and_the_list_says_so(capsys):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    delivery = Delivery.objects.get(purpose=Purpose.SHARE)
    assert delivery.channel == Channel.SMS and delivery.network_person_id is not None
    run_tasks()  # the demo's console sender
    assert "/gedeeld/l/" in capsys.readouterr().out
    member = sign_in_member(Client(), delivery.member)
    listed = member.get(reverse("portal:network_plan")).content.decode()
    assert "ging per sms weg" in listed


def test_the_adviser_cannot_send_a_familys_share_message_again(org, as_user):
    client, page, _share, _token = link_page(org)
    send(client, page, "sms", "0612345678")
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED)
    adviser = as_user(org.adviser)
    response = adviser.post(reverse("sending:send_again", args=[delivery.pk]))
    assert response["Location"] == reverse("networkplan:plan", args=[org.family.pk])
    assert Delivery.objects.get().status == Status.FAILED  # only the family sends it again


def test_the_daily_round_erases_a_failed_message_of_a_share_that_ended(org):
    client, page, share, _token = link_page(org)
    send(client, page, "sms", "0612345678")
    Delivery.objects.update(status=Status.FAILED)
    assert actions.erase_ended_shares() == 0  # the share still works: kept to send again
    Share.objects.filter(pk=share.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert actions.erase_ended_shares() == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.sealed) == (Status.WITHDRAWN, None)


def test_one_link_page_sends_by_e_mail_and_by_sms_each_once(org, sms_server, smtp_server):
    """Each send form on the link page has its own one-time key (not one for both)."""
    client, page, _share, _token = link_page(org)
    assert send(client, page, "email", "tante@example.org").status_code == 302
    assert send(client, page, "sms", "06-12345678").status_code == 302
    assert send(client, page, "sms", "06-12345678").status_code == 302  # a double click
    channels = sorted(Delivery.objects.values_list("channel", flat=True))
    assert channels == sorted([Channel.EMAIL, Channel.SMS])
