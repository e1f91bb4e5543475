import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.networkplan.tests.share_helpers import make_plan, open_share, share_all
from krachtbron.testing.portal import sign_in_member

pytestmark = pytest.mark.django_db


def test_smoke(org, client):
    planned = make_plan(org)
    member = sign_in_member(Client(), org.member)
    page = member.get(reverse("portal:network_plan"))
    assert page.status_code == 200, page.content.decode()[:3000]
    assert "Tante Noor" in page.content.decode()
    share, token = share_all(org.member, planned.aunt)
    shown = open_share(Client(), token)
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "Als ik ziek ben" in text and "GEHEIM" not in text
    page = member.get(reverse("portal:network_plan"))
    assert page.status_code == 200
    assert member.get(reverse("portal:network_plan_pdf")).status_code == 200
    assert member.get(reverse("portal:share_new")).status_code == 200
    assert member.get(reverse("portal:network_plan_call")).status_code == 200
