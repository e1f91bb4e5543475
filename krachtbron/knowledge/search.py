"""Search across knowledge pages and cards, with Dutch stemming, ranking and highlighted snippets.

Two engines behind one function, chosen by the database:

- PostgreSQL: full-text search with the built-in `dutch` configuration (Snowball's Dutch stemmer
  and stop words), `ts_rank` over weighted title/summary/body, and `ts_headline` for the snippet.
- SQLite: an FTS5 table holding text that Python already stemmed with the same Snowball algorithm
  (`snowballstemmer`, "dutch_porter": the classic Dutch algorithm that PostgreSQL also uses), ranked
  with bm25(); the snippet is cut and highlighted in Python with the same stemmer.

The index is built from the content files, not by a migration: `ensure_index()` runs before every
search and rebuilds when the stored fingerprint differs from the loaded files (one cheap COUNT
query when nothing changed). So it also works in a fresh test database on either engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.db import IntegrityError, connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from krachtbron.knowledge import content
from krachtbron.knowledge.models import SearchDocument

MAX_QUERY_LENGTH = 100
MAX_TERMS = 10
MAX_RESULTS = 30
FTS_TABLE = "knowledge_search_fts"

# Dutch stop words, as in Snowball's Dutch list (which PostgreSQL's `dutch` configuration uses):
# a query of only these words finds nothing on either engine.
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

# Private-use characters mark a hit in ts_headline output; they never occur in our content.
_START, _STOP = "\ue000", "\ue001"
# A word is a run of letters and digits. Not `\w`: that includes "_", which FTS5's unicode61
# tokenizer and PostgreSQL's parser both treat as a separator.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    item: content.Page | content.Card
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
    return str(_stemmer().stemWord(_fold(word)))


def stem_text(text: str) -> str:
    return " ".join(stem(word) for word in _WORD.findall(text))


def query_terms(query: str) -> list[tuple[str, str]]:
    """``(word, stem)`` for the first MAX_TERMS distinct stems of the query, stop words left out.

    The words are what PostgreSQL gets (it stems them itself, with the same Snowball algorithm);
    the stems are what SQLite gets. Anything that is not a word is only a separator.
    """
    terms: list[tuple[str, str]] = []
    seen: set[str] = set()
    for word in _WORD.findall(query):
        if _fold(word) in STOP_WORDS or len(word) > 40:
            continue
        s = stem(word)
        if s and s not in seen:
            seen.add(s)
            terms.append((word, s))
    return terms[:MAX_TERMS]


def query_stems(query: str) -> list[str]:
    """The distinct stems of the query's words, stop words left out, in typed order."""
    return [s for _, s in query_terms(query)]


def clean_query(raw: str) -> str:
    """NFC, no control characters, at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# --- Index -------------------------------------------------------------------------------------


def _documents() -> list[SearchDocument]:
    lib = content.library()
    items: list[content.Page | content.Card] = [*lib.pages.values(), *lib.cards.values()]
    return [
        SearchDocument(
            doc_id=item.id,
            kind=item.kind,
            title=item.title,
            summary=item.summary,
            body=item.text,
            fingerprint=lib.fingerprint,
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
    lib = content.library()
    expected = len(lib.pages) + len(lib.cards)
    if SearchDocument.objects.filter(fingerprint=lib.fingerprint).count() != expected:
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
            [
                (doc.doc_id, stem_text(doc.title), stem_text(doc.summary), stem_text(doc.body))
                for doc in documents
            ],
        )


def ensure_index() -> None:
    if not index_is_current():
        build_index()


# --- Highlighting ------------------------------------------------------------------------------


def highlight(text: str, stems: list[str]) -> SafeString:
    """Escape text and wrap every word whose stem was searched for in <mark>."""
    wanted = set(stems)
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if stem(match.group()) in wanted:
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
        score = sum(1 for w in _WORD.findall(sentence) if stem(w) in wanted)
        if score > best_score:
            best, best_score = sentence, score
    if not best_score:
        return None
    if len(best) > width:
        first = next(m for m in _WORD.finditer(best) if stem(m.group()) in wanted)
        start = max(0, first.start() - width // 3)
        piece = best[start : start + width]
        prefix = "… " if start > 0 else ""
        suffix = " …" if start + width < len(best) else ""
        return mark_safe(prefix + highlight(piece, stems) + suffix)  # noqa: S308
    return highlight(best, stems)


def _headline_to_html(headline: str) -> SafeString:
    escaped = escape(headline)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


# --- Search ------------------------------------------------------------------------------------


def search(raw_query: str) -> list[Hit]:
    """Ranked hits for a query; [] for an empty or stop-word-only query."""
    terms = query_terms(clean_query(raw_query))
    if not terms:
        return []
    stems = [s for _, s in terms]
    ensure_index()
    if connection.vendor == "postgresql":
        rows = _search_postgres(" ".join(word for word, _ in terms))
    else:
        rows = _search_sqlite(stems)
    lib = content.library()
    hits = []
    for doc_id, rank, headline in rows:
        item = lib.get(doc_id)
        if item is None:
            continue
        snippet = None
        if headline is not None and _START in headline:
            snippet = _headline_to_html(headline)
        if snippet is None:
            snippet = python_snippet(item.text, stems) or highlight(item.summary, stems)
        hits.append(Hit(item, highlight(item.title, stems), snippet, rank))
    return hits


def _search_sqlite(stems: list[str]) -> list[tuple[str, float, str | None]]:
    # Each stem is only word characters; quoting makes FTS5 read it as a plain term (AND-ed).
    match = " ".join(f'"{s}"' for s in stems)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT doc_id, -bm25({FTS_TABLE}, 0.0, 10.0, 4.0, 1.0) AS score "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC, doc_id LIMIT %s",
            [match, MAX_RESULTS],
        )
        return [(doc_id, float(score), None) for doc_id, score in cursor.fetchall()]


def _search_postgres(words: str) -> list[tuple[str, float, str | None]]:
    # `words` holds only letters, digits and spaces; plainto_tsquery ANDs them after stemming.
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    vector = (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("body", weight="C", config="dutch")
    )
    search_query = SearchQuery(words, config="dutch", search_type="plain")
    rows = (
        SearchDocument.objects.annotate(document=vector)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                "body",
                search_query,
                config="dutch",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "doc_id")
        .values_list("doc_id", "rank", "headline")[:MAX_RESULTS]
    )
    return [(doc_id, float(rank), headline) for doc_id, rank, headline in rows]
