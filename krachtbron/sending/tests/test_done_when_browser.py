"""Issue 16's "Done when", walked once in Debian's Chromium as one story (docs/versturen.md).

The adviser (Alice, 1280 px) makes three questionnaire invitations in the file's tab
*Vragenlijsten* and sends them from the share page, with reminders ticked: Fatima's **by
e-mail** (to a real local SMTP server, aiosmtpd), Sem's **by SMS** (through the Twilio sender,
against a local server that answers as Twilio), and Youssef's by e-mail. The worker runs
(``run_tasks``, django-tasks' own worker); each invitation page says "verstuurd" and the access
log has the SEND rows. Fatima opens the link **from the e-mail the server received** on her
phone (360 px), answers and sends the questionnaire; Sem opens the link from the SMS and
answers one question. Nobody opens Youssef's link: three days later the daily round sends
exactly one reminder e-mail (a reminder, with the link, the typed code and the stop link, B1),
and Sem's unfinished link gets its reminder by SMS; running the round again sends nothing.
Youssef follows the reminder's stop link and says yes: day 7's round sends Sem his second
reminder but Youssef nothing, and the adviser's send form says that Youssef stopped messages.
A stop ends messages, not the link: Youssef types the code from the reminder on /code/ and the
questionnaire opens. axe-core (WCAG 2.1 AA) finds nothing on any family page visited, nothing
is wider than the screen, and no address the browsers asked for holds a name, an e-mail
address, a phone number or a typed code. Screenshots: screenshots/done16_*.png.

Time moves as in the reminder tests: the daily round is run with "now" 3 and 7 days ahead
(``reminding.daily``); the family's pages are opened at the real time.

The caseload part of the "Done when" (overdue, new and dropped families) is added by the lead
after merging branch i16-attention: see the marked place at the end of the walk.
"""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings as django_settings

from krachtbron.attention.tests.helpers import answers, measured, started
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.lib.readability import flesch_douma
from krachtbron.questionnaires.models import Invitation
from krachtbron.sending.models import Channel, Delivery, MessageStop, Status
from krachtbron.sending.tests.reminding import daily
from krachtbron.testing.browser import (
    axe_violations,
    check_page,
    chromium,
    sign_in,
)
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.tasks import run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"
FATIMA_MAIL = "fatima.amrani@example.org"
YOUSSEF_MAIL = "y.amrani@example.net"
SEM_NUMBER = "06 1234 5678"
SEM_FORMS = ("0612345678", "+31612345678", "31612345678", "612345678", "06-12345678")
LINK = re.compile(r"https?://\S+/v/\S+")
STOP = re.compile(r"https?://\S+/geen-berichten/\S+")
CODE = re.compile(r"^([2-9A-HJKMNP-Z]{4}(?: [2-9A-HJKMNP-Z]{4}){4})$", re.MULTILINE)


def _checked(page, where):
    """axe-core finds no WCAG 2.1 AA violation; the page fits the screen; a screenshot."""
    check_page(page, where, shot=f"done16_{where}_{page.viewport_size['width']}", whole_words=True)


def _plain(message):
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _phone(browser, visited):
    """A fresh phone of the family's own; every address it asks for is noted in ``visited``."""
    context = browser.new_context(viewport=PHONE)
    context.on("request", lambda request: visited.append(request.url))
    return context.new_page()


def _invite_and_send(adviser, base, family, member, *, channel, to):
    """The adviser makes a begin-measurement link for ``member`` and sends it from the share
    page by ``channel`` (reminders ticked: the default, checked here); back on the invitation
    page. Returns the invitation."""
    adviser.goto(f"{base}/gezinnen/{family.pk}/vragenlijsten/uitnodigen/")
    adviser.check(f"input[name=member][value='{member.pk}']")
    adviser.check("input[name=moment][value=begin]")
    adviser.click("main form button[type=submit]:not([name=together])")
    adviser.wait_for_selector("#link")  # the share page, with the link shown once
    if channel == Channel.EMAIL:
        adviser.click("summary:has-text('Per e-mail')")
        adviser.fill("#id_address", to)
        assert adviser.is_checked("#id_remind")
        adviser.click("button:has-text('Versturen per e-mail')")
    else:
        adviser.click("summary:has-text('Per sms')")
        adviser.fill("#sms-number", to)
        assert adviser.is_checked("#sms-remind")
        adviser.click("button:has-text('Versturen per sms')")
    adviser.wait_for_url(lambda url: "/uitnodigingen/" in url)
    assert "Het bericht staat klaar om te versturen" in adviser.inner_text("main")
    return Invitation.objects.filter(member=member).latest("pk")


def _deliveries_table(adviser, base, invitation):
    adviser.goto(f"{base}/uitnodigingen/{invitation.pk}/")
    return adviser.inner_text("table:has(caption:has-text('Verstuurde berichten'))")


def _answer_to_the_end(page):
    """Tap an answer and Volgende on every question until the review page (a tap alone never
    moves on), then send the answers."""
    number = 1
    while "/vragenlijst/vraag/" in page.url:
        _checked(page, f"vraag_{number}")
        page.click(f"label[for=a{number % 4 + 1}]")
        page.click("button[value=next]")
        page.wait_for_url(lambda url, n=number: f"/vraag/{n}/" not in url)
        number += 1
    assert page.url.endswith("/vragenlijst/controleren/")
    _checked(page, "controleren")
    page.click("button:has-text('Verstuur mijn antwoorden')")
    page.wait_for_url("**/vragenlijst/klaar/")
    _checked(page, "klaar")


def test_done_when_sent_by_email_and_sms_opened_reminded_and_stopped(
    org, live_server, settings, smtp_server, sms_server
):
    base = live_server.url
    settings.SITE_URL = base  # the address in the messages' stop and code lines
    family, fatima, sem = org.family, org.member, org.youth
    youssef = MemberFactory(family=family, first_name="Youssef", role=MemberRole.PARENT)
    visited: list[str] = []
    with chromium() as browser:
        # 1. The adviser sends three links: by e-mail, by SMS, by e-mail (1280 px).
        desk = browser.new_context(viewport=DESK)
        desk.on("request", lambda request: visited.append(request.url))
        adviser = desk.new_page()
        sign_in(adviser, base, org.adviser)
        mailed = _invite_and_send(
            adviser, base, family, fatima, channel=Channel.EMAIL, to=FATIMA_MAIL
        )
        texted = _invite_and_send(adviser, base, family, sem, channel=Channel.SMS, to=SEM_NUMBER)
        unopened = _invite_and_send(
            adviser, base, family, youssef, channel=Channel.EMAIL, to=YOUSSEF_MAIL
        )
        assert "in de wachtrij" in _deliveries_table(adviser, base, mailed)
        run_tasks()  # the worker of `make run`
        for invitation, channel in ((mailed, "e-mail"), (texted, "sms"), (unopened, "e-mail")):
            table = _deliveries_table(adviser, base, invitation)
            assert "verstuurd" in table and channel in table, table
        _checked(adviser, "uitnodiging")
        assert smtp_server.recipients == [[FATIMA_MAIL], [YOUSSEF_MAIL]]
        assert [m["To"] for m in sms_server.messages] == ["+31612345678"]
        sent = list(Delivery.objects.order_by("pk"))
        assert [(d.channel, d.status, d.remind) for d in sent] == [
            (Channel.EMAIL, Status.SENT, True),
            (Channel.SMS, Status.SENT, True),
            (Channel.EMAIL, Status.SENT, True),
        ]
        steps = list(
            AccessLogEntry.objects.filter(kind=AccessKind.SEND)
            .order_by("pk")
            .values_list("actor_role", "extra__channel", "extra__step")
        )
        assert [s for s in steps if s[2] == "queued"] == [
            ("adviseur", "email", "queued"),
            ("adviseur", "sms", "queued"),
            ("adviseur", "email", "queued"),
        ], steps
        assert sorted(s[1:] for s in steps if s[0] == "sending") == sorted(
            [("email", "sent"), ("sms", "sent"), ("email", "sent")]
        ), steps

        # 2. Fatima opens the link from her e-mail on her phone and sends her answers.
        fatima_mail = _plain(smtp_server.messages[0])
        assert "Hallo \u2068Fatima\u2069," in fatima_mail  # the name isolated (FSI … PDI)
        fatima_page = _phone(browser, visited)
        fatima_page.goto(LINK.search(fatima_mail).group(0))
        fatima_page.wait_for_url(f"{base}/vragenlijst/")
        _checked(fatima_page, "start")
        fatima_page.click("a.f-button")
        fatima_page.wait_for_url("**/vragenlijst/vraag/1/")
        _answer_to_the_end(fatima_page)
        mailed.refresh_from_db()
        assert mailed.completed_at is not None

        # Sem opens the link from his SMS and answers the first question, no more.
        sms_text = sms_server.messages[0]["Body"]
        assert sms_text.startswith("Hallo Sem") and sms_server.messages[0]["From"] == "OKT"
        sem_page = _phone(browser, visited)
        sem_page.goto(LINK.search(sms_text).group(0))
        sem_page.wait_for_url(f"{base}/vragenlijst/")
        _checked(sem_page, "start_sms")
        sem_page.click("a.f-button")
        sem_page.wait_for_url("**/vragenlijst/vraag/1/")
        sem_page.click("label[for=a2]")
        sem_page.click("button[value=next]")
        sem_page.wait_for_url("**/vragenlijst/vraag/2/")
        texted.refresh_from_db()
        assert texted.opened_at is not None and texted.completed_at is None

        # 3. Nobody opens Youssef's link. Three days later the daily round reminds him, once;
        # Sem's unfinished link is reminded by SMS; Fatima, who answered, gets nothing.
        assert daily(2)["reminders"] == 0
        assert daily(3)["reminders"] == 2
        assert len(smtp_server.messages) == 3 and smtp_server.recipients[2] == [YOUSSEF_MAIL]
        assert len(sms_server.messages) == 2
        assert "Je kreeg van ons een link" in sms_server.messages[1]["Body"]
        reminder = smtp_server.messages[2]
        assert reminder["Subject"].startswith("Herinnering: ")
        text = _plain(reminder)
        first_text = _plain(smtp_server.messages[1])
        link = LINK.search(first_text).group(0)
        assert "Een paar dagen geleden" in text and link in text
        code = CODE.search(text).group(1)
        assert code == CODE.search(first_text).group(1)  # the same typed code
        stop_link = STOP.search(text).group(0)
        blocks = [line for line in text.splitlines() if line.strip() and "http" not in line]
        blocks = [line for line in blocks if line.strip() != code]
        assert flesch_douma(blocks) >= 70, flesch_douma(blocks)
        reminded = AccessLogEntry.objects.filter(kind=AccessKind.SEND, extra__reminder=1)
        assert sorted(reminded.values_list("extra__channel", "extra__step")) == [
            ("email", "reminder"),
            ("email", "sent"),
            ("sms", "reminder"),
            ("sms", "sent"),
        ]
        assert daily(3) == {"reminders": 0, "erased": 0}  # the round ran again: nothing more
        assert (len(smtp_server.messages), len(sms_server.messages)) == (3, 2)
        assert "herinnering 1" in _deliveries_table(adviser, base, unopened)

        # 4. Youssef follows the reminder's stop link on his phone and says yes.
        youssef_page = _phone(browser, visited)
        youssef_page.goto(stop_link)
        _checked(youssef_page, "stoppen")
        youssef_page.click("button:has-text('Stuur mij geen berichten meer')")
        youssef_page.wait_for_selector("text=Klaar. Je krijgt geen berichten meer van ons.")
        _checked(youssef_page, "gestopt")
        assert MessageStop.objects.get().member_id == youssef.pk
        # Day 7: Sem gets his second reminder (the round works), Youssef nothing.
        assert daily(7)["reminders"] == 1
        assert len(smtp_server.messages) == 3
        assert len(sms_server.messages) == 3

        # A stop ends messages, not the link: Youssef types the reminder's code.
        youssef_page.goto(f"{base}/code/")
        _checked(youssef_page, "code")
        youssef_page.fill("#id_code", code.lower())
        youssef_page.click("main form button[type=submit]")
        youssef_page.wait_for_url(f"{base}/vragenlijst/")
        _checked(youssef_page, "start_code")
        unopened.refresh_from_db()
        assert unopened.opened_at is not None

        # The adviser's send form says Youssef stopped messages, and refuses.
        adviser.goto(f"{base}/gezinnen/{family.pk}/vragenlijsten/uitnodigen/")
        adviser.check(f"input[name=member][value='{youssef.pk}']")
        adviser.check("input[name=moment][value=tussentijds]")
        adviser.click("main form button[type=submit]:not([name=together])")
        adviser.wait_for_selector("#link")
        assert "Dit gezinslid wil geen berichten meer van ons" in adviser.inner_text("main")
        _checked(adviser, "gestopt_formulier")
        adviser.click("summary:has-text('Per e-mail')")
        adviser.fill("#id_address", YOUSSEF_MAIL)
        adviser.click("button:has-text('Versturen per e-mail')")
        adviser.wait_for_selector("main :text('Er gaat niets weg')")
        assert adviser.input_value("#id_address") == YOUSSEF_MAIL  # what was typed stays
        run_tasks(later_too=True)
        assert len(smtp_server.messages) == 3
        signed_in = desk.storage_state()  # the adviser's session, for the caseload below

    # 5. No address any browser asked for holds personal data or a typed code.
    private = [fatima.first_name, sem.first_name, youssef.first_name, "Amrani"]
    private += [FATIMA_MAIL, YOUSSEF_MAIL, *SEM_FORMS, code.replace(" ", ""), code]
    assert len(visited) > 50
    for url in visited:
        plain = unquote(url).lower()
        found = [word for word in private if word.lower() in plain]
        assert found == [], f"{url} holds {found}"

    # 6. The caseload shows the overdue, new and dropped families ("Done when", issue 16):
    # Fatima's answers are a new result; a family started 20 days ago without a begin
    # measurement is overdue; a family whose interim answers fell by 1 or more has dropped.
    late = FamilyFactory(team=org.team, display_name="Gezin Visser", advisers=[org.adviser])
    started(late, 20)
    dropped = FamilyFactory(team=org.team, display_name="Gezin Bakker", advisers=[org.adviser])
    parent = MemberFactory(family=dropped, first_name="Ilse", role=MemberRole.PARENT)
    measured(parent, org.adviser, 3, days_ago=60)
    measured(parent, org.adviser, answers(3, g05=1, g06=1), moment="tussentijds")
    with chromium() as browser:
        # The same session: a second sign-in within 30 s could not reuse the TOTP code.
        adviser = browser.new_context(viewport=DESK, storage_state=signed_in).new_page()
        adviser.goto(f"{base}/gezinnen/?sorteer=urgent")
        cards = {
            card.locator(".card__title").inner_text(): card.inner_text()
            for card in adviser.locator(".card-list > .card").all()
        }
        assert "nieuwe uitslag" in cards["Gezin Amrani"], cards
        assert "beginmeting te laat" in cards["Gezin Visser"], cards
        assert "score gedaald" in cards["Gezin Bakker"], cards
        for key, expected in (("nieuw", "Gezin Amrani"), ("begin", "Gezin Visser")):
            adviser.goto(f"{base}/gezinnen/?aandacht={key}")
            assert expected in adviser.locator(".card-list").inner_text()
        adviser.goto(f"{base}/gezinnen/?aandacht=minder")
        assert adviser.locator(".card__title").all_inner_texts() == ["Gezin Bakker"]
        assert axe_violations(adviser) == []
