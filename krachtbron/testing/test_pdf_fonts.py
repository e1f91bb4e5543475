"""Every PDF shows every script the families of Amsterdam write in, and every emoji.

Issue 12: a goal in Tigrinya and an emoji came out of 'Ons krachtenplan' as empty boxes
(WeasyPrint logged ".notdef glyph"): the set-up installed only DejaVu. The set-up now installs
Debian's Noto fonts and the PDF style sheets name them. The tester of issue 12 found Chinese
printing as boxes: CJK was optional then; fonts-noto-cjk is now installed in both profiles and
required here like every other script. Each PDF is rendered with a sample line
per script; the test fails on any ".notdef" warning of the `weasyprint` logger and reads the
text back from the PDF.
"""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.families.models import FamilyMember
from krachtbron.testing.factories import GoalFactory
from krachtbron.testing.pdf import pdf_text, watch_notdef
from krachtbron.testing.personas import login
from krachtbron.testing.prepared import downloaded

# What this checks is what the page or file shows: once, on SQLite (conftest.py, `render`).
pytestmark = pytest.mark.render

SAMPLES = {
    "Dutch": "Wij eten één keer per week samen",
    "Turkish": "Işıl her gün okula yürüyor ağabeyi şimdi",
    "Polish": "Zażółć gęślą jaźń",
    "Arabic": "نريد أن نأكل معا بهدوء",
    "Tigrinya": "ምሸት ብሓባር ክንበልዕ",
    "Amharic": "አብረን እንበላለን",
    "Tamazight": "ⴰⵣⵓⵍ ⴼⵍⵍⴰⴽ",
    "Chinese": "我们 每天 一起 吃 晚饭",
    "Korean": "우리는 함께 먹어요",
    "emoji": "👍 samen 🙂",
}
# One line for a first name (at most 60 characters): the invitation shows only the name.
NAME = "Işıl ąłż مريم ምሸት ⴰⵣⵓⵍ 👍"
GENERIC = {"sans-serif", "serif", "monospace", "system-ui", "Verdana", "Arial", "inherit"}
PDF_STYLE_SHEETS = [
    "strengths/static/strengths/plan.css",
    "families/static/families/copy.css",
    "questionnaires/static/questionnaires/print.css",
]


def _missing_words(pdf: bytes, lines) -> list[str]:
    """Words of ``lines`` the PDF's text does not hold (poppler may order a line's
    right-to-left words differently, so word by word)."""
    text = pdf_text(pdf)
    return [word for line in lines for word in line.split() if word not in text]


@pytest.fixture
def notdef(caplog):
    """The '.notdef glyph' warnings WeasyPrint logs while the test renders."""
    return watch_notdef(caplog)


@pytest.fixture
def samples(org):
    for text in SAMPLES.values():
        GoalFactory(family=org.family, member=org.member, text=text)
    FamilyMember.objects.filter(pk=org.member.pk).update(first_name=NAME)
    return org


@pytest.mark.django_db
def test_ons_krachtenplan_shows_every_script(samples, notdef):
    org = samples
    response = login(Client(), org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert not notdef()
    assert not _missing_words(response.content, [*SAMPLES.values(), NAME])


@pytest.mark.django_db
def test_the_family_copy_shows_every_script(samples, notdef):
    org = samples
    client = login(Client(), org.adviser)
    response = downloaded(
        client,
        client.post(
            reverse("families:copy", args=[org.family.pk]),
            {"requester": org.member.pk, "third_parties": "0", "format": "pdf"},
        ),
    )
    assert response["Content-Type"] == "application/pdf"
    assert not notdef()
    assert not _missing_words(response.content, [*SAMPLES.values(), NAME])


@pytest.mark.django_db
def test_the_invitation_shows_every_script_in_a_name(samples, notdef):
    from krachtbron.questionnaires.tests.factories import invite

    org = samples
    invitation, token = invite(org.member, org.adviser)
    response = login(Client(), org.adviser).post(
        reverse("questionnaires:pdf", args=[invitation.pk]), {"token": token}
    )
    assert response["Content-Type"] == "application/pdf"
    assert not notdef()
    assert not _missing_words(response.content, [NAME])


@pytest.mark.django_db
def test_ons_krachtenplan_shows_a_goal_in_chinese(org, notdef):
    """The tester's example on its own: a goal in Han characters, nothing else."""
    chinese = SAMPLES["Chinese"]
    GoalFactory(family=org.family, member=org.member, text=chinese)
    response = login(Client(), org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert not notdef(), notdef()[:2]
    assert not _missing_words(response.content, [chinese])


def test_the_notdef_check_sees_a_missing_glyph(notdef):
    """The check above can fail: a character no installed font has gives the warning."""
    from krachtbron.lib.pdf import render_pdf

    render_pdf("<html><body><p>\U0001d7d8 \U00010fff</p></body></html>")
    assert notdef()


def _families(css: str) -> set[str]:
    found = set()
    for stack in re.findall(r"font(?:-family)?:\s*([^;}]+)", css):
        for name in stack.split(","):
            name = re.sub(r"^\s*[\d.]+pt\s+", "", name).strip().strip('"')
            if name and name not in GENERIC:
                found.add(name)
    return found


def test_every_font_the_pdf_style_sheets_name_is_installed():
    installed = subprocess.run(
        ["fc-list", ":", "family"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    names = {n.strip() for line in installed.splitlines() for n in line.split(",")}
    root = Path(settings.BASE_DIR) / "krachtbron"
    named = set().union(*(_families((root / path).read_text()) for path in PDF_STYLE_SHEETS))
    assert {"Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic"} <= named
    assert "Noto Sans CJK SC" in named
    assert not (named - names), "named in a PDF style sheet, not installed"
    # Emoji come by fallback: named in a stack, the emoji font would also draw digits and
    # spaces (wide "3 0  november").
    assert "Noto Color Emoji" in names and "Noto Color Emoji" not in named


def test_both_set_up_profiles_install_the_noto_fonts():
    script = (Path(settings.BASE_DIR) / "scripts" / "install-system-deps.sh").read_text()
    # The fonts are in the first list, which both profiles ("run" and "test") install.
    common = script[script.index("packages=(") : script.index('if [ "$profile" = "test" ]')]
    for package in ("fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"):
        assert package in common, package
