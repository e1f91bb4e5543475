"""Find text that is shown without bidi isolation (lib/bidi.py), for the generated tests.

`PLANTED` names carry a right-to-left override (U+202E), a right-to-left isolate left open
(U+2067) and a right-to-left embedding (U+202B). Every place one of them appears must isolate
it from what follows:

- HTML body text: inside ``<bdi>``, inside an element with a ``dir`` attribute, inside a form
  control (``<textarea>``: the browser shows its text on its own), or between FSI and PDI;
- ``<title>``, ``<option>``, SVG ``<text>`` and ``<title>`` and attribute values (except an
  ``<input>``'s own ``value``): between FSI and PDI, since no element can go there;
- plain text (a CSV cell, an SVG parsed as XML): between FSI and PDI.

"Between FSI and PDI" is checked as the Unicode bidi algorithm reads it: at the override an
isolate is open, and at the end of the text every isolate is closed again (an unclosed one would
run into the text after it).
"""

from html.parser import HTMLParser

RLO, RLI, RLE = "\u202e", "\u2067", "\u202b"
PLANTED = (f"abc{RLO}def", f"abc{RLI}def", f"abc{RLE}def")
OVERRIDES = frozenset((RLO, RLI, RLE))
_OPENERS = frozenset("\u2066\u2067\u2068")
_PDI = "\u2069"
#: HTML elements without an end tag (also read by testing/dutch.py).
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose content the browser shows isolated from the text around it.
_ISOLATING = frozenset({"bdi", "textarea"})


def text_problems(text: str) -> list[str]:
    """Why an override in ``text`` is not between FSI and PDI (empty: all isolated). One
    problem per text at most: the first override found outside, or an isolate left open."""
    if not OVERRIDES.intersection(text):
        return []
    depth = 0
    for position, char in enumerate(text):
        if char in OVERRIDES and depth == 0:
            return [_around(text, position)]
        if char in _OPENERS:
            depth += 1
        elif char == _PDI:
            depth -= 1
            if depth < 0:
                return [f"a PDI closes more than was opened: {_around(text, position)}"]
    if depth > 0:
        return [f"an isolate is left open: {_around(text, len(text) - 1)}"]
    return []


def _around(text: str, position: int) -> str:
    return repr(text[max(0, position - 40) : position + 20])


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.problems: list[str] = []

    def _isolated(self) -> bool:
        # <title> and <option> hold only text: an element around them does not help inside.
        for tag, isolating in reversed(self.stack):
            if tag in ("title", "option", "text"):
                return False
            if isolating:
                return True
        return False

    def _where(self) -> str:
        return "/".join(tag for tag, _isolating in self.stack[-4:])

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value or (tag == "input" and name == "value"):
                continue
            for problem in text_problems(value):
                self.problems.append(f"<{tag} {name}=…> in {self._where()}: {problem}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag in VOID_ELEMENTS:
            return
        isolating = tag in _ISOLATING or any(name == "dir" for name, _v in attrs)
        self.stack.append((tag, isolating))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not OVERRIDES.intersection(data) or self._isolated():
            return
        for problem in text_problems(data):
            self.problems.append(f"text in {self._where() or 'the document'}: {problem}")


def html_problems(html: str) -> list[str]:
    """Every override in ``html`` that is shown without isolation, with where it is."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems
