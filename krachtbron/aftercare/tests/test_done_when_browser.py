"""Issue 15's "Done when", walked once in Debian's Chromium as one story.

The adviser (1280 px) adds agreements with the family in the file's tab *Afspraken*; the parent
(Fatima, on her phone at 360 px, through a one-time link) adds who to call and says *Ons plan is
klaar*; the adviser closes the help with the family's yes to follow-up; after closing, Fatima
shares the plan with her aunt (only the aunt's line, agreement and the family's goal); the aunt
opens the link on her own phone and sees only that; Fatima stops the sharing and the aunt's
reload says so; a month later Fatima answers the check-in in Mijn Krachtbron, and once the
quarter is over and five families of the team answered (the four others seeded through the same
actions), the teamleider sees the figures in *Nazorg in cijfers*. axe-core (WCAG 2.1 AA) finds
nothing on any page; nothing is wider than the screen. Screenshots: screenshots/done15_*.png.

Two things are moved in time, as the calendar would: the 1-month check-in is made due today (a
month passes), and the five answers are moved into the last closed quarter (figures exist only
for a quarter that is over, docs/anonimiteit.md).
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.families.choices import FamilyStatus
from krachtbron.lib.quarters import quarter_start
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan.agreements import person_value
from krachtbron.networkplan.models import Agreement, PlanCall, Share
from krachtbron.testing.browser import (
    check_page,
    chromium,
    sign_in,
)
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.portal import one_time_link
from krachtbron.testing.tasks import publish_closed_periods

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
SHOTS = Path(django_settings.BASE_DIR) / "screenshots"


def _checked(page, where, width):
    check_page(page, where, width, shot=f"done15_{where}_{width}", whole_words=True)


def _other_families_answer(org, count):
    """``count`` more families of the team close with follow-up and answer their 1-month
    check-in, through the same actions as the app."""
    for index in range(count):
        family = FamilyFactory(team=org.team, advisers=[org.adviser], status=FamilyStatus.ACTIVE)
        member = MemberFactory(family=family)
        closure = actions.close_family(org.adviser, family, family.version, followup_consent=True)
        follow_up = FollowUp.objects.get(closure=closure, month=1)
        FollowUp.objects.filter(pk=follow_up.pk).update(due=timezone.localdate())
        actions.answer_follow_up(
            follow_up,
            score=6 + index % 3,
            agreements_work="ja",
            wants_contact=False,
            member=member,
            via="portaal",
        )


@pytest.mark.django_db(transaction=True)
def test_done_when_agreements_plan_closing_sharing_and_follow_up_figures(org, live_server):
    base = live_server.url
    family = org.family
    aunt = NetworkPersonFactory(family=family, label="Tante Noor", stays_after_help=True)
    neighbour = NetworkPersonFactory(family=family, label="Buurman Kees", stays_after_help=True)
    with chromium() as browser:
        # 1. The adviser adds the agreements with the family (1280 px).
        adviser = browser.new_context(viewport=DESK).new_page()
        sign_in(adviser, base, org.adviser)
        for person, text in (
            (aunt, "Tante Noor haalt Sem op woensdag uit school."),
            (neighbour, "Buurman Kees kijkt op zondag de weekplanning na."),
        ):
            adviser.goto(base + reverse("networkplan:agreement_add", args=[family.pk]))
            adviser.select_option("#id_goal", str(org.goal.pk))
            adviser.fill("#id_text", text)
            adviser.select_option("#id_performer", person_value(person.pk))
            adviser.fill("#id_when", "elke week")
            adviser.click("main form button[type=submit]")
            adviser.wait_for_url(lambda url: "/nieuw/" not in url)
        assert "Tante Noor haalt Sem" in adviser.inner_text("main")
        _checked(adviser, "afspraken", DESK["width"])
        assert Agreement.objects.filter(family=family).count() == 2

        # 2. The parent makes the plan ready on her phone (360 px).
        parent = browser.new_context(viewport=PHONE).new_page()
        parent.goto(base + one_time_link(org.member))
        parent.click("main form button[type=submit]")
        parent.wait_for_url(f"{base}/mijn/")
        for person, call_for in ((aunt, "Als ik ziek ben"), (neighbour, "Als het te druk wordt")):
            parent.goto(base + reverse("portal:network_plan_call"))
            parent.select_option("#id_person", str(person.pk))
            parent.fill("#id_call_for", call_for)
            parent.fill("#id_phone", "06-12345678")
            parent.click("main form button[type=submit]")
            parent.wait_for_url(lambda url: url.split("#")[0] == f"{base}/mijn/netwerkplan/")
        parent.check(f"#id_goals input[value='{org.goal.pk}']")
        parent.click("text=Doelen bewaren")
        _checked(parent, "netwerkplan", PHONE["width"])
        parent.click("text=Ons plan is klaar")
        parent.wait_for_selector("text=Plan delen")

        # 3. The adviser closes the help; the family agreed to follow-up.
        adviser.goto(base + reverse("aftercare:close", args=[family.pk]))
        assert "Het netwerkplan is klaar" in adviser.inner_text("main")
        _checked(adviser, "afsluiten", DESK["width"])
        adviser.check("#id_followup_0")
        adviser.click("main form[novalidate] button[type=submit]")
        adviser.wait_for_selector("text=Het gezin heeft ingestemd met nazorg.")
        _checked(adviser, "afgesloten", DESK["width"])
        closure = Closure.objects.get(family=family)
        assert closure.followup_consent

        # 4. After closing, the parent shares the plan with her aunt: only the aunt's parts.
        parent.goto(base + reverse("portal:share_new"))
        parent.select_option("#id_person", str(aunt.pk))
        aunt_call = PlanCall.objects.get(plan__family=family, person=aunt)
        parent.check(f"#id_calls input[value='{aunt_call.pk}']")
        aunt_agreement = Agreement.objects.get(performer_person=aunt)
        parent.check(f"#id_agreements input[value='{aunt_agreement.pk}']")
        parent.check(f"#id_goals input[value='{org.goal.pk}']")
        _checked(parent, "delen", PHONE["width"])
        parent.click("main form button[type=submit]")
        link = parent.input_value("#link")
        _checked(parent, "link", PHONE["width"])

        # 5. The aunt opens it on her own phone and sees only what was shared.
        aunt_page = browser.new_context(viewport=PHONE).new_page()
        aunt_page.goto(link)
        aunt_page.wait_for_url(f"{base}/gedeeld/")
        text = aunt_page.inner_text("main")
        assert "Als ik ziek ben" in text and "Tante Noor haalt Sem" in text
        assert org.goal.text in text
        assert "Buurman Kees" not in text and "Als het te druk wordt" not in text
        _checked(aunt_page, "tante", PHONE["width"])

        # 6. The parent withdraws it; the aunt's reload says so.
        share = Share.objects.get(person=aunt)
        parent.goto(base + reverse("portal:network_plan"))
        parent.click(f"#gedeeld-{share.pk} button[type=submit]")
        assert "Het delen is gestopt" in parent.inner_text("main")
        _checked(parent, "gestopt", PHONE["width"])
        aunt_page.reload()
        assert "Het gezin deelt dit plan niet meer met je" in aunt_page.inner_text("main")
        _checked(aunt_page, "tante_gestopt", PHONE["width"])

        # 7. A month later the parent answers the check-in in Mijn Krachtbron.
        FollowUp.objects.filter(closure=closure, month=1).update(due=timezone.localdate())
        parent.goto(base + reverse("portal:home"))
        parent.click("text=Vertel hoe het gaat (2 minuten)")
        _checked(parent, "check", PHONE["width"])
        parent.check("input[name=score][value='8']")
        parent.check("input[name=agreements_work][value='ja']")
        parent.check("input[name=wants_contact][value='nee']")
        parent.click("main form button[type=submit]")
        parent.wait_for_url(lambda url: "/klaar/" in url)
        _checked(parent, "check_klaar", PHONE["width"])
        answered = FollowUp.objects.get(closure=closure, month=1)
        assert answered.score == 8 and answered.answered_by_id == org.member.pk

        # 8. Four more families answer; the quarter closes; the teamleider sees the figures.
        _other_families_answer(org, 4)
        from krachtbron.insight.published import last_closed_quarter

        moment = quarter_start(last_closed_quarter()) + timedelta(days=20, hours=10)
        assert FollowUp.objects.filter(answered_at__isnull=False, team=org.team).count() == 5
        FollowUp.objects.filter(answered_at__isnull=False).update(answered_at=moment)
        # The figures of the closed quarter are stored by the background task (the daily round
        # or the first page that needs them queues it; here the real worker runs it at once).
        publish_closed_periods()
        leader = browser.new_context(viewport=DESK).new_page()
        sign_in(leader, base, org.teamleider)
        leader.goto(base + reverse("insight:outcomes"))
        row = leader.locator("main tr", has_text=org.team.name).first.inner_text()
        assert "100%" in row and "7,0" in row, row  # all five: agreements work, mean 7.0
        _checked(leader, "nazorg_cijfers", DESK["width"])
        leader.set_viewport_size(PHONE)
        _checked(leader, "nazorg_cijfers", PHONE["width"])
