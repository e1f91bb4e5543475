"""Search across knowledge pages and cards, with Dutch stemming, ranking and highlighted snippets.

One way of reading text, two index engines behind one function:

- Python reads every text — the pages and cards when the index is built, the query when someone
  searches — into index words: runs of letters and digits (every other character only separates
  words), Dutch stop words and words over MAX_WORD_LENGTH left out, each word lower-cased, without
  accents and stemmed with Snowball's classic Dutch algorithm (`snowballstemmer`, "dutch_porter",
  the one PostgreSQL's `dutch` configuration also uses). `SearchDocument` keeps these words.
- SQLite: an FTS5 table with the index words, each query stem a quoted term (AND), bm25() ranking.
- PostgreSQL: `to_tsvector('simple', …)` of the same index words (weighted title A, summary B, body
  C), the query as a tsquery *literal* of the same stems AND-ed (cast, never parsed: no
  `websearch_to_tsquery`, which reads `-word` as NOT and `OR` as OR), `ts_rank` ranking.
- The snippet and the highlighting are made in Python for both.

So a page is found on both engines exactly when its index words contain every stem of the query;
`-`, quotes, `&`, `|`, `!`, `:*`, `<->`, brackets, `*`, `^` and `_` only separate words, and `OR`,
`AND`, `NOT`, `NEAR` and a column name like `title` are words like any other. Only the order of the
results can differ (bm25 against ts_rank).

The index is built from the content files, not by a migration: `ensure_index()` runs before every
search and rebuilds when the stored fingerprint differs from the loaded files and INDEX_FORMAT (one
cheap COUNT query when nothing changed). So it also works in a fresh test database on either engine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.db import IntegrityError, connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from krachtbron.knowledge import library
from krachtbron.knowledge.models import SearchDocument
from krachtbron.lib.text import forbidden_kind

MAX_QUERY_LENGTH = 100
MAX_TERMS = 10
MAX_RESULTS = 30
#: Longer words are not indexed (and never searched for): no Dutch word needs more.
MAX_WORD_LENGTH = 40
FTS_TABLE = "knowledge_search_fts"
#: Changes whenever the way text becomes index words changes, so stored indexes rebuild.
INDEX_FORMAT = "2"

# Dutch stop words, as in Snowball's Dutch list (which PostgreSQL's `dutch` configuration uses):
# never indexed, never searched for; a query of only these words finds nothing.
# fmt: off
STOP_WORDS = frozenset([
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn",
    "is", "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan",
    "zou", "of", "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij",
    "ook", "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft",
    "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat",
    "iets", "worden", "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben",
    "zonder", "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier", "wie", "werd",
    "altijd", "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds",
    "wil", "kon", "niets", "uw", "iemand", "geweest", "andere",
])
# fmt: on

# A word is a run of letters and digits. Not `\w`: that includes "_", which FTS5's unicode61
# tokenizer and PostgreSQL's parser both treat as a separator.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    item: library.Page | library.Card
    title: SafeString
    snippet: SafeString
    rank: float

    @property
    def kind(self) -> str:
        return self.item.kind


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch_porter")


def _fold(word: str) -> str:
    """Lower-case and drop accents, as the Snowball Dutch stemmer does (`één` → `een`)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """The stem of one word (lower-cased, without accents), as the index keeps it."""
    return str(_stemmer().stemWord(_fold(word)))


def _pieces(word: str) -> list[str]:
    """The indexed parts of one word of a text: folded (`ﬁ` → `fi`, `½` → `1`, `2`), stop words
    and over-long words left out. Folding can bring in a separator, so it splits again."""
    if len(word) > MAX_WORD_LENGTH:
        return []
    return [piece for piece in _WORD.findall(_fold(word)) if piece not in STOP_WORDS]


def index_words(text: str) -> list[str]:
    """The index words of a text, in order: stems of its words, stop words left out.

    Each is a run of lower-case letters and digits, so FTS5 and PostgreSQL's parser both read it
    as exactly one token.
    """
    stemmer = _stemmer()
    return [s for word in _WORD.findall(text) for p in _pieces(word) if (s := stemmer.stemWord(p))]


def stem_text(text: str) -> str:
    """``index_words`` joined by spaces: what the index stores for a title, summary or body."""
    return " ".join(index_words(text))


def query_stems(query: str) -> list[str]:
    """The distinct index words of the query, in typed order, at most MAX_TERMS."""
    return list(dict.fromkeys(index_words(query)))[:MAX_TERMS]


def clean_query(raw: str) -> str:
    """NFC, none of the characters the input rule refuses (control characters, noncharacters:
    ``lib.text``), at most MAX_QUERY_LENGTH characters. A search cleans instead of refusing."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if forbidden_kind(ch) else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# --- Index -------------------------------------------------------------------------------------


def _fingerprint() -> str:
    """The loaded content and the index format: when either changes, the index is rebuilt."""
    return hashlib.sha256(f"{INDEX_FORMAT}:{library.current().fingerprint}".encode()).hexdigest()


def _documents() -> list[SearchDocument]:
    lib = library.current()
    items: list[library.Page | library.Card] = [*lib.pages.values(), *lib.cards.values()]
    fingerprint = _fingerprint()
    return [
        SearchDocument(
            doc_id=item.id,
            kind=item.kind,
            title=stem_text(item.title),
            summary=stem_text(item.summary),
            body=stem_text(item.text),
            fingerprint=fingerprint,
        )
        for item in items
    ]


def _sqlite_table_ready(expected: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE]
        )
        if cursor.fetchone()[0] == 0:
            return False
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")  # noqa: S608 - constant name
        return bool(cursor.fetchone()[0] == expected)


def index_is_current() -> bool:
    lib = library.current()
    expected = len(lib.pages) + len(lib.cards)
    if SearchDocument.objects.filter(fingerprint=_fingerprint()).count() != expected:
        return False
    if SearchDocument.objects.count() != expected:
        return False
    return connection.vendor != "sqlite" or _sqlite_table_ready(expected)


def build_index() -> int:
    """Replace the index with the loaded content. Returns the number of documents."""
    documents = _documents()
    try:
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchDocument.objects.bulk_create(documents)
            if connection.vendor == "sqlite":
                _fill_sqlite(documents)
    except IntegrityError:
        # Another process rebuilt the index at the same moment; its result is just as good.
        pass
    return len(documents)


def _fill_sqlite(documents: list[SearchDocument]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "doc_id UNINDEXED, title, summary, body, tokenize='unicode61')"
        )
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - constant name
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (doc_id, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(doc.doc_id, doc.title, doc.summary, doc.body) for doc in documents],
        )


def ensure_index() -> None:
    if not index_is_current():
        build_index()


# --- Highlighting ------------------------------------------------------------------------------


def _is_hit(word: str, wanted: set[str]) -> bool:
    """Was this word of a text searched for? (Exactly when one of its index words was.)"""
    return any(stem in wanted for stem in index_words(word))


def highlight(text: str, stems: list[str]) -> SafeString:
    """Escape text and wrap every word whose stem was searched for in <mark>."""
    wanted = set(stems)
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if _is_hit(match.group(), wanted):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def python_snippet(text: str, stems: list[str], width: int = 220) -> SafeString | None:
    """The sentence with most hits, cut to about `width` characters around the first hit."""
    wanted = set(stems)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    best, best_score = "", 0
    for sentence in sentences:
        score = sum(1 for w in _WORD.findall(sentence) if _is_hit(w, wanted))
        if score > best_score:
            best, best_score = sentence, score
    if not best_score:
        return None
    if len(best) > width:
        first = next(m for m in _WORD.finditer(best) if _is_hit(m.group(), wanted))
        start = max(0, first.start() - width // 3)
        piece = best[start : start + width]
        prefix = "… " if start > 0 else ""
        suffix = " …" if start + width < len(best) else ""
        return mark_safe(prefix + highlight(piece, stems) + suffix)  # noqa: S308
    return highlight(best, stems)


# --- Search ------------------------------------------------------------------------------------


def search(raw_query: str) -> list[Hit]:
    """Ranked hits for a query; [] for an empty or stop-word-only query."""
    stems = query_stems(clean_query(raw_query))
    if not stems:
        return []
    ensure_index()
    rows = _search_postgres(stems) if connection.vendor == "postgresql" else _search_sqlite(stems)
    lib = library.current()
    hits = []
    for doc_id, rank in rows:
        item = lib.get(doc_id)
        if item is None:
            continue
        snippet = python_snippet(item.text, stems) or highlight(item.summary, stems)
        hits.append(Hit(item, highlight(item.title, stems), snippet, rank))
    return hits


def _search_sqlite(stems: list[str]) -> list[tuple[str, float]]:
    # Each stem is only letters and digits; quoting makes FTS5 read it as a plain term (AND-ed).
    match = " ".join(f'"{s}"' for s in stems)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT doc_id, -bm25({FTS_TABLE}, 0.0, 10.0, 4.0, 1.0) AS score "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC, doc_id LIMIT %s",
            [match, MAX_RESULTS],
        )
        return [(doc_id, float(score)) for doc_id, score in cursor.fetchall()]


def tsquery_literal(stems: list[str]) -> str:
    """The stems as a PostgreSQL tsquery literal, AND-ed: ``'netwerk' & 'school'``.

    A literal is taken as it is (no parser, no dictionary), so each stem is exactly one lexeme.
    Stems hold only letters and digits; quotes and backslashes are escaped all the same.
    """
    quoted = (s.replace("\\", "\\\\").replace("'", "''") for s in stems)
    return " & ".join(f"'{s}'" for s in quoted)


def _search_postgres(stems: list[str]) -> list[tuple[str, float]]:
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT doc_id, ts_rank(document, query) AS rank FROM ("  # noqa: S608 - constant name
            "  SELECT doc_id,"
            "    setweight(to_tsvector('simple', title), 'A')"
            "    || setweight(to_tsvector('simple', summary), 'B')"
            "    || setweight(to_tsvector('simple', body), 'C') AS document"
            f"  FROM {table}"
            ") AS documents, CAST(%s AS tsquery) AS query "
            "WHERE document @@ query ORDER BY rank DESC, doc_id LIMIT %s",
            [tsquery_literal(stems), MAX_RESULTS],
        )
        return [(doc_id, float(rank)) for doc_id, rank in cursor.fetchall()]
