"""How easy a Dutch text is to read: the Flesch–Douma reading ease.

    leesgemak = 206.835 − 0.93 × (woorden per zin) − 77 × (lettergrepen per woord)

W.H. Douma (1960), *De leesbaarheid van landbouwbladen*, Bulletin 17, Afdeling Sociologie en
Sociografie, Landbouwhogeschool Wageningen: Flesch's reading-ease formula (R. Flesch, "A new
readability yardstick", *Journal of Applied Psychology* 32 (1948) 221–233) with the weights
adapted to Dutch, whose words are longer than English ones. As with Flesch, higher is easier:
about 60–70 is ordinary text, 70–80 fairly easy, 80 and up easy. Krachtbron asks ≥ 70 for the
texts it writes to families (B1).

Syllables are counted as groups of vowels (``aa``, ``ie``, ``eeuw``… count once; a vowel with a
diaeresis such as the ``ë`` in *België* starts a new syllable). That is the usual approximation
for Dutch; it is right for nearly all words and off by one for a few (*beamen*).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+")
_VOWELS = set("aeiouyáéíóúàèìòùâêîôûäëïöü")
_DIAERESIS = set("äëïöü")


def syllables(word: str) -> int:
    """The number of syllables of one Dutch word (vowel groups), at least 1."""
    count = 0
    previous_vowel = False
    for char in word.lower():
        vowel = char in _VOWELS
        # A diaeresis marks a new syllable right after a vowel: ru-ï-ne, Bel-gi-ë.
        if vowel and (not previous_vowel or char in _DIAERESIS):
            count += 1
        previous_vowel = vowel
    return max(count, 1)


@dataclass(frozen=True)
class TextStats:
    sentences: int
    words: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        """The Flesch–Douma score; 0.0 for a text without words."""
        if not self.words:
            return 0.0
        return 206.835 - 0.93 * (self.words / self.sentences) - 77 * (self.syllables / self.words)


def text_stats(blocks: str | Iterable[str]) -> TextStats:
    """Count sentences, words and syllables. Each block (a paragraph, a heading, a table cell)
    ends a sentence even without a full stop; inside a block ``.``, ``!``, ``?`` end one."""
    if isinstance(blocks, str):
        blocks = [blocks]
    sentences = words = syllable_count = 0
    for block in blocks:
        for sentence in _SENTENCE_END.split(block):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syllable_count += sum(syllables(w) for w in found)
    return TextStats(sentences, words, syllable_count)


def flesch_douma(blocks: str | Iterable[str]) -> float:
    """The Flesch–Douma reading ease of a text (or of blocks of text), see the module doc."""
    return text_stats(blocks).reading_ease


_BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "th",
    "td",
    "caption",
    "dt",
    "dd",
    "figcaption",
    "legend",
    "label",
    "title",
}
_VOID_TAGS = {"br", "img", "input", "link", "meta", "hr", "wbr", "col", "source"}


class _BlockCollector(HTMLParser):
    def __init__(self, skip_tags: set[str], skip_classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_tags, self.skip_classes = skip_tags, skip_classes
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag == "br" and not self._skipping():
                self.current.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipped = tag in self.skip_tags or bool(classes & self.skip_classes)
        if tag in _BLOCK_TAGS and not self._skipping():
            self._flush()
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in _BLOCK_TAGS and not self._skipping():
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping() and self.stack and self.stack[-1][0] not in ("style", "script"):
            self.current.append(data)


def text_blocks(
    html: str, *, skip_tags: Iterable[str] = (), skip_classes: Iterable[str] = ()
) -> list[str]:
    """The visible text of an HTML document as blocks (paragraphs, headings, cells…), leaving
    out elements with a tag in ``skip_tags`` or a class in ``skip_classes`` (with everything
    inside them). For measuring only the text the application wrote itself."""
    collector = _BlockCollector(set(skip_tags), set(skip_classes))
    collector.feed(html)
    collector.close()
    collector._flush()
    return collector.blocks
