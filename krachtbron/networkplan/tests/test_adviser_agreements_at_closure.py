"""The adviser's own open agreements at closing (issue 15 break report, finding 7): the closing
walk's netwerkplan step lists each with a link to its page (where the adviser marks it done or
stopped) and is not done while one is open; after closure an open agreement of "de
hulpverlener" no longer shows in the plan, its PDF or its shares, while a done one stays."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from krachtbron.aftercare.tests.helpers import close
from krachtbron.families.closing import step_states
from krachtbron.families.rights import rights_of
from krachtbron.networkplan import share_rows
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement
from krachtbron.networkplan.plan import build_network_plan
from krachtbron.networkplan.tests.share_helpers import make_plan, open_share, share_all
from krachtbron.testing.pdf import pdf_text
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db

OPEN_TEXT = "Zoekt buurtactiviteiten uit"
DONE_TEXT = "Belt de school over de overstap"


def _with_adviser_agreements(org):
    planned = make_plan(org)
    own = Agreement.objects.create(
        family=org.family, goal=org.goal, text=OPEN_TEXT, performer_adviser=True
    )
    Agreement.objects.create(
        family=org.family,
        goal=org.goal,
        text=DONE_TEXT,
        performer_adviser=True,
        status=AgreementStatus.DONE,
    )
    return planned, own


def _network_plan_step(family):
    return next(state for step, state in step_states(family) if step.key == "network_plan")


def test_the_closing_step_lists_the_advisers_open_agreements_with_a_link_to_each(org):
    _planned, own = _with_adviser_agreements(org)
    state = _network_plan_step(org.family)
    assert not state.done  # the plan is ready, but the adviser still carries one
    assert [(i.text, i.url) for i in state.items] == [
        (
            OPEN_TEXT,
            reverse("networkplan:agreement_edit", kwargs={"pk": own.pk}) + "?terug=afsluiten",
        )
    ]
    assert "1 open afspraak" in state.summary
    page = login(Client(), org.adviser).get(reverse("aftercare:close", args=[org.family.pk]))
    html = page.content.decode()
    assert f'href="{escape(state.items[0].url)}"><bdi>{OPEN_TEXT}</bdi>' in html
    own.status = AgreementStatus.DONE
    own.save()
    state = _network_plan_step(org.family)
    assert state.done and not state.items


def test_an_agreement_opened_from_the_walk_leads_back_to_the_walk(org):
    _planned, own = _with_adviser_agreements(org)
    url = _network_plan_step(org.family).items[0].url
    adviser = login(Client(), org.adviser)
    walk = reverse("aftercare:close", args=[org.family.pk])
    page = adviser.get(url).content.decode()
    assert f'href="{walk}">Annuleren</a>' in page
    data = {
        "goal": str(org.goal.pk),
        "text": OPEN_TEXT,
        "performer": "ik",
        "when": "",
        "status": AgreementStatus.DONE,
        "version": str(own.version),
    }
    stale = adviser.post(url, {**data, "version": str(own.version + 5)})
    assert stale.status_code == 200 and f'href="{walk}">Annuleren</a>' in stale.content.decode()
    saved = adviser.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == walk
    own.refresh_from_db()
    assert own.status == AgreementStatus.DONE
    # Opened from the Afspraken tab (no "terug"), it leads back to the tab as before.
    plain = adviser.post(url.split("?")[0], {**data, "version": str(own.version)})
    assert plain["Location"].startswith(reverse("networkplan:agreements", args=[org.family.pk]))


def test_after_closure_the_advisers_open_agreement_leaves_plan_pdf_and_shares(org):
    planned, _own = _with_adviser_agreements(org)
    share, token = share_all(org.member, planned.aunt)
    before = build_network_plan(org.family, rights_of(org.member))
    assert OPEN_TEXT in {a.text for a in before.agreements}
    close(org.adviser, org.family)
    org.family.refresh_from_db()
    for view in (
        build_network_plan(org.family, rights_of(org.member)),
        build_network_plan(org.family),
    ):
        texts = {a.text for a in view.agreements}
        assert OPEN_TEXT not in texts and DONE_TEXT in texts
    member = sign_in_member(Client(), org.member)
    for page in ("portal:network_plan", "portal:agreements", "portal:home"):
        html = member.get(reverse(page)).content.decode()
        assert OPEN_TEXT not in html and DONE_TEXT in html, page
    pdf = member.get(reverse("portal:network_plan_pdf"))
    text = pdf_text(pdf.content)
    assert OPEN_TEXT.split()[0] not in text and DONE_TEXT.split()[0] in text
    shared = open_share(Client(), token).content.decode()
    assert OPEN_TEXT not in shared and DONE_TEXT in shared
    row = next(r for r in share_rows.visible_shares(org.member, rights_of(org.member)))
    assert OPEN_TEXT not in {a.text for a in row.parts.agreements}
    assert row.share == share
