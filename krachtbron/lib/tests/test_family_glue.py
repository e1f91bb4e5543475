"""No Latin comma glued between the parts of family text (docs/talen.md, "Punctuation").

A family reads its pages and documents in Arabic or Tigrinya too, which have their own comma
(ar "،", ti "፣"), semicolon and question mark (ar "؛", "؟"). Punctuation a template or a module
puts *between* its parts, outside any translatable string, stays Latin in every language. So a
list is joined by ``{% joined %}``/``|join_list``/``join_list`` (CLDR), a date and time by
``family_date``, and a pair of parts ("wat, waar") is one translatable string with a context,
whose translation carries the language's punctuation. This sweep reads every family template
(``testing.source.family_templates``: the family sources of ``lib.family_text``, the copy of
the file's parts and what they include) and the Python family sources, and fails for a Latin
",", ";" or "?" they glue in themselves.
"""

import ast
import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from krachtbron.lib.family_text import is_family_source
from krachtbron.testing.source import ROOT, family_templates

#: Latin punctuation that Arabic or Tigrinya writes otherwise.
GLUE = re.compile(r"[,;?]")
#: Tags whose content is translated text (the translation brings its own punctuation).
TRANSLATED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
#: The translation functions (their text is translated, punctuation and all).
GETTEXT = {"_", "gettext", "pgettext", "ngettext", "npgettext", "gettext_lazy", "pgettext_lazy"}
#: Elements whose content is not shown text.
RAW_ELEMENTS = ("style", "script")
#: Glue that is not shown text, where the sweep cannot tell on its own: (path, glue). Empty now;
#: an entry needs a reason in a comment.
ALLOWED: set[tuple[str, str]] = set()


def shown_glue(template: str) -> list[str]:
    """The Latin ",", ";" and "?" that ``template`` glues between its parts: in shown text
    outside translatable strings, with no word between it and a template tag or variable on one
    side (a sentence's own comma, as in text that is English on purpose, is not glue). Each as
    "line N: the text around it", in order. Text inside a tag's ``<...>`` (attributes,
    also a link's ``?``), in ``<style>``/``<script>``, in ``{# #}`` comments, in
    ``{% comment %}`` and in ``{% blocktranslate %}`` is not glue; ``{% translate "..." %}``
    and ``{{ }}`` are not text tokens at all."""
    found: list[str] = []
    in_tag = False  # between "<" and ">" of an HTML tag
    quote = ""  # the quote of an attribute value being read
    raw = ""  # the element whose content is raw (style, script)
    closing: str | None = None  # the end tag of a block whose text is skipped
    for token in Lexer(template).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if closing is None and name in TRANSLATED_BLOCKS:
                closing = TRANSLATED_BLOCKS[name]
            elif closing is None and name == "comment":
                closing = "endcomment"
            elif name == closing:
                closing = None
            continue
        if token.token_type != TokenType.TEXT or closing is not None:
            continue
        text = token.contents
        shown = []
        i = 0
        while i < len(text):
            char = text[i]
            if raw:
                end = text.find(f"</{raw}", i)
                if end < 0:
                    break
                raw, i = "", end
                continue
            if in_tag:
                if quote:
                    quote = "" if char == quote else quote
                elif char in "\"'":
                    quote = char
                elif char == ">":
                    in_tag = False
                    tag = re.match(r"<\s*(\w+)", text[text.rfind("<", 0, i) : i] or "")
                    if tag and tag.group(1).lower() in RAW_ELEMENTS:
                        raw = tag.group(1).lower()
            elif char == "<":
                in_tag = True
            else:
                shown.append((i, char))
            i += 1
        for n, (index, char) in enumerate(shown):
            before = "".join(c for _i, c in shown[:n])
            after = "".join(c for _i, c in shown[n + 1 :])
            if GLUE.match(char) and not (_has_words(before) and _has_words(after)):
                line = token.lineno + text.count("\n", 0, index)
                found.append(f"line {line}: {text[max(0, index - 12) : index + 12].strip()}")
    return found


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def python_glue(source: str) -> list[str]:
    """The Latin ", " and "; " a module glues between shown parts: in an f-string next to a
    value (``f"{a}, {b}"``) or as a join (``", ".join(...)``), outside ``gettext`` calls,
    docstrings and ``raise`` (an error is read by developers). Each as the source of the
    expression."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        translated = isinstance(node, ast.Call) and getattr(node.func, "id", "") in GETTEXT
        if translated or isinstance(node, ast.Raise):
            skip.update(id(inner) for inner in ast.walk(node))
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if id(node) not in skip and (_glued_fstring(node) or _glue_join(node))
    ]


def _glued_fstring(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.Constant) and re.search(r"[,;] ", str(v.value)) for v in node.values
    )


def _glue_join(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "join"
        and isinstance(node.value, ast.Constant)
        and str(node.value.value).strip() in {",", ";"}
    )


def family_modules() -> list[tuple[str, str]]:
    """(path, source) of every Python family source (``lib.family_text.FAMILY_SOURCES``)."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        name = f"krachtbron/{path.relative_to(ROOT)}"
        if "tests" not in Path(name).parts and is_family_source(name):
            found.append((name, path.read_text(encoding="utf-8")))
    return found


def test_family_templates_glue_no_latin_punctuation_between_their_parts():
    templates = family_templates()
    assert len(templates) > 60  # the sweep sees the family templates, the copy's parts too
    glued = [
        f"{name}, {glue}"
        for name, text in templates
        for glue in shown_glue(text)
        if (name, glue) not in ALLOWED
    ]
    assert not glued, "join with {% joined %}/|join_list or translate the pair:\n" + "\n".join(
        glued
    )


def test_family_modules_glue_no_latin_punctuation_between_their_parts():
    modules = family_modules()
    assert len(modules) > 30
    glued = [f"{name}: {expr}" for name, source in modules for expr in python_glue(source)]
    assert not glued, "use join_list or a translatable string:\n" + "\n".join(glued)


def test_the_sweeps_see_what_they_are_for():
    assert shown_glue("{{ a }}, {{ b }}") == ["line 1: ,"]
    assert shown_glue("{% for m in ms %}{{ m }}{% if not forloop.last %}, {% endif %}{% endfor %}")
    assert shown_glue("<td>{{ wie }}</td>, <td>\n{{ x }}") == ["line 1: </td>, <td>"]
    assert shown_glue("\n{% if x %}; {{ y }}{% endif %}") == ["line 2: ;"]
    assert shown_glue("{{ wie }}? Ja")  # a Latin question mark after a part
    assert not shown_glue('<p lang="en">{{ a }} Thank you, that is all.</p>')  # a sentence
    # Not glue: translated text, attributes (also split by a variable), CSS, comments
    assert not shown_glue("{% blocktranslate %}{{ wat }}, {{ waar }}{% endblocktranslate %}")
    assert not shown_glue('{% translate "a, b" %}{{ x|join_list }}')
    assert not shown_glue('<a href="?{{ q }}&amp;page={{ n }}">{{ n }}</a>')
    assert not shown_glue('<a title="a, b" href="?page={{ n }}">x</a>')
    assert not shown_glue("<style>h1, h2 { margin: 0; }</style>{{ a }}")
    assert not shown_glue("{# a, b #}{% comment %}{{ a }}, {{ b }}{% endcomment %}")
    assert python_glue('x = f"{a}, {b}"') and python_glue('x = ", ".join(parts)')
    assert not python_glue('x = _("%(a)s, %(b)s")') and not python_glue(
        'raise ValueError(f"{a}, b")'
    )
    assert not python_glue('points = f"{x},{y}"')


# --- What an Arabic reader gets -----------------------------------------------------------------

ARABIC_COMMA = "،"


def _text(html: str) -> str:
    """``html``'s text: tags out, runs of space as one."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.django_db
def test_mijn_krachtbron_netwerkplan_in_arabic_joins_its_parts_with_the_arabic_comma(org):
    """Ons netwerkplan in Mijn Krachtbron: the card that asks "Mag dit?" names an agreement's
    "who: …، when: …", and the list of what the member shared counts its parts "… و…"."""
    from krachtbron.networkplan.models import Agreement
    from krachtbron.networkplan.tests.share_helpers import make_plan, share_all
    from krachtbron.portal.actions import choose_language
    from krachtbron.testing.portal import sign_in_member

    planned = make_plan(org, youth=org.youth)
    Agreement.objects.filter(pk=planned.youth_agreement.pk).update(when="WANNEER-Sem")
    share_all(org.member, planned.aunt)  # Fatima shared: Sem is asked about his agreement
    share_all(org.youth, planned.neighbour)  # what Sem shared: his list
    choose_language(org.youth, "ar")
    sem = sign_in_member(Client(), org.youth)
    page = sem.get(reverse("portal:network_plan"))
    assert page.status_code == 200 and page.wsgi_request.LANGUAGE_CODE == "ar"
    html = page.content.decode()
    asked = _text(
        html[
            html.index('class="np-about-me"') : html.index(
                "</ul>", html.index('class="np-about-me"')
            )
        ]
    )
    assert f"{ARABIC_COMMA} متى: WANNEER-Sem" in asked, asked
    assert ", " not in asked
    with translation.override("ar"):
        label = translation.gettext("Wat jij ervan mag zien:")
    shared = _text(html[html.index('id="gedeeld-') :])
    counted = shared[shared.index(label) :].split(".")[0]
    assert " و" in counted and ", " not in counted, counted


def _rows(html: str, section: str, tag: str, after: str = "") -> list[str]:
    """The text of each ``<tag>`` in the copy's part ``section`` (its key), from ``after``."""
    start = html.index(f"copy__section--{section}")
    part = html[start : html.index("</section>", start)]
    part = part[part.index(after) :] if after else part
    return [_text(row) for row in re.findall(rf"<{tag}[ >].*?</{tag}>", part, re.S)]


@pytest.mark.django_db
def test_the_copy_of_the_file_in_arabic_joins_its_parts_with_the_arabic_comma(org):
    """The copy (PDF) a member gets in Arabic: a check-in's date and who answered it, a
    questionnaire's moment and date, a proposal's person, relation and closeness, who proposed
    it when, and its state and date."""
    from django.template.loader import render_to_string

    from krachtbron.families.file_copy import build_copy, copy_request
    from krachtbron.families.tests.copy_family import make_copy_family

    family = make_copy_family(org)
    with translation.override("ar"):
        made = build_copy(copy_request(org.family, family.fatima, include_third_parties=True))
        html = render_to_string("families/copy_pdf.html", {"copy": made})
        proposals = translation.gettext("Jullie voorstellen in Mijn Krachtbron")
    checks = [row for row in _rows(html, "nazorg", "td") if "Fatima" in row or "Sara" in row]
    assert len(checks) == 2, checks  # answered by Fatima in the portal, by Sara by link
    assert all(re.search(rf"\d{ARABIC_COMMA} (Fatima|Sara)", row) for row in checks), checks
    proposal = _rows(html, "netwerk", "tr", after=proposals)[1]  # after the heading row
    assert proposal.count(ARABIC_COMMA) == 4 and ", " not in proposal, proposal
    headings = _rows(html, "vragenlijsten", "h3")
    assert len(headings) == 3, headings  # her own two and Noah's (under 16): all sent in
    assert all(ARABIC_COMMA in h and ", " not in h for h in headings), headings
