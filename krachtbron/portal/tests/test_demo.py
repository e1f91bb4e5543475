"""The demo shows Mijn Krachtbron through one-time links, and only in the demo."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from krachtbron.portal.demo_data import portal_families, portal_members

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render


@pytest.mark.django_db
def test_the_demo_link_command_is_refused_outside_the_demo(settings):
    settings.DEMO_MODE, settings.DEBUG = False, False
    with pytest.raises(CommandError):
        call_command("demo_portal_link")


@pytest.mark.django_db
def test_the_demo_has_two_families_whose_parent_and_youth_sign_in_by_link(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    families = portal_families()
    assert len(families) == 2
    for family in families:
        assert [m.role for m in portal_members(family)] == ["opvoeder", "jeugdige"]
    out = StringIO()
    call_command("demo_portal_link", stdout=out)
    paths = re.findall(r"https?://[^/\s]+(/mijn/l/\S+)", out.getvalue())
    assert len(paths) == 5  # and the parent of the closed follow-up family
    client = Client()
    assert client.post(paths[1]).status_code == 302  # the young person of the first family
    assert client.get(reverse("portal:home")).status_code == 200
    # Each link's typed code is printed under it: the parent's opens Mijn Krachtbron too.
    codes = re.findall(r"of typ op https?://\S+/code/: ((?:[2-9A-Z]{4} ?){5})", out.getvalue())
    assert len(codes) == 5
    typed = Client()
    assert typed.post(reverse("portal:code"), {"code": codes[0]}).status_code == 302
    assert typed.get(reverse("portal:home")).status_code == 200


@pytest.mark.django_db
def test_the_demo_members_have_an_open_questionnaire_task(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_portal_link", stdout=out)
    paths = re.findall(r"https?://[^/\s]+(/mijn/l/\S+)", out.getvalue())
    for path in paths[:2]:  # the parent and the young person of the first family
        client = Client()
        client.post(path)
        tasks = client.get(reverse("portal:questionnaires")).context["tasks"]
        assert len(tasks) == 1, tasks


@pytest.mark.django_db
def test_the_demo_shows_a_correction_request_on_the_caseload(settings):
    from krachtbron.portal.models import CorrectionRequest

    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    assert CorrectionRequest.objects.filter(answered_at=None).count() == 2


@pytest.mark.django_db
def test_one_demo_family_reads_mijn_krachtbron_in_english_and_arabic(settings):
    from krachtbron.portal.demo_data import ENGLISH_PARENT
    from krachtbron.portal.language import language_of

    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    languages = [[language_of(m) for m in portal_members(f)] for f in portal_families()]
    expected = [["nl", "nl"], ["nl", "nl"]]
    expected[ENGLISH_PARENT] = ["en", "ar"]  # the parent English, the young person Arabic
    assert languages == expected
    out = StringIO()
    call_command("demo_portal_link", stdout=out)
    english = re.search(r"Opvoeder\s+en https?://[^/\s]+(/mijn/l/\S+)", out.getvalue())
    assert english, out.getvalue()
    client = Client()
    client.post(english.group(1))
    assert 'lang="en"' in client.get(reverse("portal:home")).content.decode()
    arabic = re.search(r"Jeugdige\s+ar https?://[^/\s]+(/mijn/l/\S+)", out.getvalue())
    assert arabic, out.getvalue()
    client = Client()
    client.post(arabic.group(1))
    home = client.get(reverse("portal:home")).content.decode()
    assert 'lang="ar" dir="rtl"' in home and "?origineel=nl" in home  # concept banner


@pytest.mark.django_db
def test_the_demo_link_command_names_each_member_and_keeps_a_link_the_adviser_made(settings):
    from krachtbron.portal import actions

    settings.DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())
    family = portal_families()[0]
    youth = portal_members(family)[1]
    adviser = family.advisers.order_by("pk").first()
    _link, token = actions.make_one_time_link(adviser, youth)  # in the adviser's tab
    out = StringIO()
    call_command("demo_portal_link", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "/mijn/l/" in line]
    members = [m for f in portal_families() for m in portal_members(f)]
    for line, member in zip(lines, members, strict=False):
        assert line.split()[0] == member.first_name, line
    # The link the adviser made still opens Mijn Krachtbron.
    client = Client()
    assert client.post(reverse("portal:open", args=[token])).status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200
