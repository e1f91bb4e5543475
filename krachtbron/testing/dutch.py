"""Finding Dutch text on a page that says it is in another language (issue 17, item 8).

A page in English may show Dutch *content* (a knowledge page, a conversation card, what a family
wrote, an instrument item that has no English translation), but then that content must carry
``lang="nl"``, so a screen reader reads it with a Dutch voice and a browser offers to translate
it. Dutch *interface* text on an English page is a string that escaped the catalogue.

`dutch_without_lang(html)` returns every visible text node (and every ``alt``, ``title``,
``aria-label`` and ``placeholder``) whose nearest ``lang`` is not Dutch and that reads as Dutch
by either test:

* it holds two or more different frequent Dutch function words that are not English words
  ("het", "een", "van", "niet", …): what catches sentences and labels of three words or more;
* it is, whole, a msgid of the English catalogue that has its own English translation
  ("Gemiddelde", "Kaart", "Doelen"): what catches the one- and two-word labels the word list
  cannot (a word that is the same in both languages, "Team", "Status", has msgstr == msgid and
  does not count).
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from krachtbron.testing.bidi import VOID_ELEMENTS

#: Frequent Dutch words that are not (frequent) English words: "of", "over", "door", "die",
#: "hem", "tot" and "al" are left out for that reason.
DUTCH_WORDS = frozenset(
    [
        "het",
        "een",
        "van",
        "niet",
        "wat",
        "voor",
        "je",
        "naar",
        "zijn",
        "ook",
        "bij",
        "geen",
        "deze",
        "dit",
        "dat",
        "er",
        "nog",
        "wordt",
        "worden",
        "kan",
        "kunt",
        "heeft",
        "hebben",
        "maar",
        "als",
        "uit",
        "met",
        "wie",
        "hoe",
        "waar",
        "welke",
        "jouw",
        "jij",
        "jullie",
        "wij",
        "ze",
        "zij",
        "hun",
        "haar",
        "ons",
        "onze",
        "meer",
        "dan",
        "zo",
        "nu",
        "wel",
        "moet",
        "eigen",
        "alle",
        "elke",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Not read: no text (script, style, template), or what someone typed into a form field, which is
#: in the language they typed it in (a ``textarea``, like an ``input``'s value).
_HIDDEN = frozenset({"script", "style", "template", "textarea"})
_SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@cache
def catalogue_labels() -> frozenset[str]:
    """The msgids of the English catalogues whose English differs from the Dutch."""
    import polib  # a dev dependency: this module only serves tests

    root = Path(__file__).resolve().parents[1]
    labels: set[str] = set()
    for po_path in root.glob("**/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid:
                labels.add(_normal(entry.msgid))
    return frozenset(labels)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2068", "").replace("\u2069", "").split())


def reads_as_dutch(text: str, *, typed: bool = False) -> bool:
    """Whether ``text`` reads as Dutch by the two tests of the module's docstring.

    ``typed``: text a person typed (inside ``<bdi>``): only the word test counts, since a
    user name such as "onderzoeker" is not an interface label."""
    normal = _normal(text)
    if not normal:
        return False
    words = {word.lower() for word in _WORD.findall(normal)}
    if len(words & DUTCH_WORDS) >= 2:
        return True
    if typed:
        return False
    return normal in catalogue_labels() or normal.rstrip(":.") in catalogue_labels()


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang) of open elements
        self.found: list[str] = []

    def _lang(self) -> str:
        for _tag, lang in reversed(self.stack):
            if lang is not None:
                return lang.lower()
        return ""

    def _typed(self) -> bool:
        return any(tag == "bdi" for tag, _lang in self.stack)

    def _hidden(self) -> bool:
        return any(tag in _HIDDEN for tag, _lang in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, lang))
        own_lang = (lang or self._lang()).lower()
        if self._hidden() or own_lang.startswith("nl"):
            return
        for name in _SPOKEN_ATTRIBUTES:
            value = values.get(name)
            if value and reads_as_dutch(value, typed=self._typed()):
                self.found.append(f"<{tag} {name}> {_normal(value)}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._hidden() or self._lang().startswith("nl"):
            return
        if reads_as_dutch(data, typed=self._typed()):
            self.found.append(_normal(data))


def dutch_without_lang(html: str) -> list[str]:
    """Every text of ``html`` that reads as Dutch without a Dutch ``lang`` around it."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found
