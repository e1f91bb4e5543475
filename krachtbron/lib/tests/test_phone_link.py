"""A phone number reads the same in every language: ``{% phone_link %}`` (left to right, on one
line) is the only way a template links to a number."""

import re
from pathlib import Path

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from krachtbron.lib.templatetags.family_language import phone_link

ROOT = Path(__file__).resolve().parents[2]


def test_a_number_becomes_a_left_to_right_link_without_spaces_or_dashes_in_its_address():
    assert phone_link("0800-2000") == (
        '<a class="phone" href="tel:08002000" dir="ltr">0800-2000</a>'
    )
    assert 'href="tel:0205551234"' in phone_link("020 555 1234")
    assert 'href="tel:+31612345678"' in phone_link("06 12345678", "tel:+31612345678")
    assert phone_link("") == "" and phone_link(None) == ""


def test_the_number_is_text_never_markup():
    assert "<b>" not in phone_link("<b>112</b>")


def test_no_template_writes_its_own_tel_link():
    """Every ``tel:`` link goes through the tag (a hand-made one lost ``dir`` and the class)."""
    own = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if re.search(r"""["']tel:""", path.read_text())
    ]
    assert own == []


def test_both_style_sheets_keep_a_number_on_one_line():
    for sheet in ("static/css/app.css", "networkplan/static/networkplan/plan.css"):
        css = (ROOT / sheet).read_text()
        assert re.search(r"\.phone \{ white-space: nowrap; \}", css), sheet


def test_the_phone_list_in_arabic_reads_each_number_left_to_right():
    phones = {"team": "020 555 1234", "emergency": "112", "veilig_thuis": "0800-2000"}
    with translation.override("ar"):
        html = render_to_string("aftercare/_phones.html", {"phones": phones})
    links = re.findall(r"<a [^>]*>[^<]*</a>", html)
    assert len(links) == 3
    assert all('class="phone"' in link and 'dir="ltr"' in link for link in links)
    assert 'href="tel:08002000"' in html


def test_the_tag_from_a_template():
    html = Template("{% load family_language %}{% phone_link n %}").render(Context({"n": "112"}))
    assert html == '<a class="phone" href="tel:112" dir="ltr">112</a>'
