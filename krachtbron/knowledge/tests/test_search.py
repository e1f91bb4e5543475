"""Search with Dutch word forms, ranking and highlighted snippets (SQLite and PostgreSQL)."""

import functools

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krachtbron.knowledge import search
from krachtbron.knowledge.models import SearchDocument

pytestmark = pytest.mark.django_db


def _ids(query):
    return [hit.item.id for hit in search.search(query)]


def test_netwerken_finds_the_page_about_the_network():
    ids = _ids("netwerken")
    assert "werken-met-netwerk" in ids
    assert "praktijk-sociaal" in ids


def test_other_dutch_word_forms_find_the_same_pages():
    assert "waaier-grenzen" in _ids("grenzen")
    assert set(_ids("gesprek")) == set(_ids("gesprekken"))
    assert set(_ids("jeugdige")) == set(_ids("jeugdigen"))
    assert "waaier-visies" in _ids("jeugdige")
    assert set(_ids("ouder")) == set(_ids("ouders"))
    assert "methoden" in _ids("oplossingsgerichte")


def test_a_title_match_ranks_above_a_match_in_the_body():
    ids = _ids("regie")
    assert ids[0] == "waaier-regie"
    ranks = [hit.rank for hit in search.search("regie")]
    assert ranks == sorted(ranks, reverse=True)


def test_snippets_and_titles_highlight_the_word_form_that_matched():
    hit = next(h for h in search.search("netwerken") if h.item.id == "werken-met-netwerk")
    assert "<mark>" in hit.snippet
    assert "<mark>netwerk</mark>" in hit.title


def test_every_word_must_match():
    assert "waaier-regie" in _ids("regie jongeren")
    assert _ids("regie pannenkoekenrestaurant") == []


def test_stop_words_and_empty_queries_find_nothing():
    assert _ids("de het een") == []
    assert _ids("   ") == []


@pytest.mark.parametrize(
    "query",
    ['"', "netwerk*", "NEAR(netwerk)", "-netwerk", "netwerk OR", "a:b", "'); DROP TABLE x; --"],
)
def test_search_syntax_in_a_query_is_just_text(query):
    search.search(query)  # no error on either engine


def test_the_snippet_escapes_content():
    html = search.highlight("<b>netwerk</b> & meer", ["netwerk"])
    assert html == "&lt;b&gt;<mark>netwerk</mark>&lt;/b&gt; &amp; meer"


def test_the_index_rebuilds_itself_when_the_content_changed():
    search.search("netwerk")
    SearchDocument.objects.update(fingerprint="old")
    assert not search.index_is_current()
    assert "werken-met-netwerk" in _ids("netwerk")
    assert search.index_is_current()


def test_the_management_command_builds_the_index():
    from django.core.management import call_command

    call_command("build_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert search.index_is_current()


def test_the_engine_matches_the_database():
    search.search("netwerk")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")  # noqa: S608
            assert cursor.fetchone()[0] == SearchDocument.objects.count()
    else:
        assert connection.vendor == "postgresql"


# --- The search page -----------------------------------------------------------------------------


def test_the_search_page_shows_ranked_results_with_highlights(org, as_user):
    response = as_user(org.beheerder).get(reverse("knowledge:search"), {"q": "netwerken"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html
    assert reverse("knowledge:page", args=["werken-met-netwerk"]) in html
    assert 'value="netwerken"' in html


def test_a_long_query_is_cut_with_a_message_not_an_error(org, as_user):
    response = as_user(org.adviser).get(reverse("knowledge:search"), {"q": "netwerk " * 500})
    assert response.status_code == 200
    assert "Je zoekvraag was te lang" in response.content.decode()


def test_a_query_with_markup_is_shown_as_text(org, as_user):
    response = as_user(org.adviser).get(reverse("knowledge:search"), {"q": "<script>x</script>"})
    html = response.content.decode()
    assert "<script>x" not in html
    assert "&lt;script&gt;" in html


def test_no_results_gets_a_helpful_message(org, as_user):
    response = as_user(org.adviser).get(reverse("knowledge:search"), {"q": "xylofoon"})
    assert "Niets gevonden" in response.content.decode()


# --- Operator-like input is text on both engines ------------------------------------------------
# Issue 12 §4: websearch syntax on PostgreSQL made "-netwerk" find the pages *without* "netwerk"
# and "netwerk OR school" join two result lists, while SQLite read them as words. Every query
# below must give the same pages as the engine-independent expectation: the pages whose words
# (stemmed in Python) contain every stem of the query's words.

OPERATOR_QUERIES = [
    "-netwerk",
    "netwerk -school",
    "netwerk OR school",
    "netwerk or school",
    "netwerk | school",
    "netwerk || school",
    "netwerk & school",
    "netwerk && school",
    "!netwerk",
    "netwerk !school",
    "netwerk:*",
    "netw:*",
    "netwerk <-> school",
    "netwerk <2> school",
    "(netwerk school)",
    "(netwerk | school) & !regie",
    "netwerk*",
    "NEAR(netwerk school)",
    "NEAR(netwerk school, 2)",
    "netwerk AND school",
    "netwerk NOT school",
    "NOT netwerk",
    "title:netwerk",
    "title : netwerk",
    "{title summary}:netwerk",
    "^netwerk",
    "+netwerk",
    '"netwerk school"',
    '"netwerk',
    "'netwerk' & 'school'",
    "netwerk\\ school",
    "netwerk_school",
    "werken_met_netwerk",
    "regie OR jongeren",
    "-regie jongeren",
    "ouders -netwerk",
    # Read differently by PostgreSQL's own parser and dictionary before: the stem of a stop word
    # ("voor" -> "vor"), and numbers inside "§3.2".
    "Vor",
    "3",
    "§3.2",
]
_OPERATOR_CHARS = "-|&!:*<>(){}^+\"'\\,_"


@functools.cache
def _stems_per_item():
    lib = search.library.current()
    return {
        item.id: set(search.stem_text(f"{item.title} {item.summary} {item.text}").split())
        for item in [*lib.pages.values(), *lib.cards.values()]
    }


def _expected(query):
    """The engine-independent result set: pages containing every stem of the query's words."""
    stems = set(search.query_stems(search.clean_query(query)))
    if not stems:
        return set()
    return {item_id for item_id, words in _stems_per_item().items() if stems <= words}


def _as_text(query):
    return "".join(" " if ch in _OPERATOR_CHARS else ch for ch in query)


def test_the_expectation_is_not_trivial():
    # The expectation must tell the two readings apart: "-netwerk" finds the netwerk pages, and
    # "netwerk OR school" finds only pages with all three words (none here), not the union.
    assert "werken-met-netwerk" in _expected("-netwerk")
    assert _expected("netwerk OR school") < (_expected("netwerk") | _expected("school"))
    assert _expected("ouders -netwerk") == _expected("ouders") & _expected("netwerk")


@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_operator_like_input_is_plain_text(query):
    ids = _ids(query)
    assert len(ids) == len(set(ids))
    assert set(ids) == _expected(query)
    # The same list, in the same order, as the query with its operator characters as spaces.
    assert ids == _ids(_as_text(query))


def test_both_engines_index_exactly_the_index_words():
    # Python reads the text; the engine must keep each index word as one token, nothing more.
    search.search("netwerk")
    expected = {
        doc.doc_id: set(f"{doc.title} {doc.summary} {doc.body}".split())
        for doc in SearchDocument.objects.all()
    }
    assert len(expected) == len(_stems_per_item())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT doc_id, tsvector_to_array(to_tsvector('simple', title) || "
                "to_tsvector('simple', summary) || to_tsvector('simple', body)) "
                "FROM knowledge_searchdocument"
            )
            found = {doc_id: set(words) for doc_id, words in cursor.fetchall()}
        else:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab("
                f"main, {search.FTS_TABLE}, 'instance')"
            )
            cursor.execute(
                f"SELECT f.doc_id, v.term FROM temp.vocab v JOIN {search.FTS_TABLE} f "  # noqa: S608
                "ON f.rowid = v.doc"
            )
            found = {}
            for doc_id, term in cursor.fetchall():
                found.setdefault(doc_id, set()).add(term)
    assert found == expected
    # And the index words are what the expectation below uses.
    assert expected == _stems_per_item()


def test_a_minus_does_not_negate_and_or_does_not_join():
    assert "werken-met-netwerk" in _ids("-netwerk")
    both = set(_ids("netwerk")) & set(_ids("school"))
    assert set(_ids("netwerk school")) == both
    assert set(_ids("netwerk OR school")) <= both


_query_text = st.lists(
    st.one_of(
        st.sampled_from([*_OPERATOR_CHARS, " ", "OR", "AND", "NOT", "NEAR", "or", ":*", "<->"]),
        st.sampled_from(["netwerk", "regie", "ouders", "jongeren", "school", "de", "gesprek"]),
        st.characters(codec="utf-8"),
    ),
    max_size=25,
).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=_query_text)
def test_random_queries_never_fail_and_operators_stay_text(query):
    ids = _ids(query)
    assert set(ids) == _expected(query)
    assert ids == _ids(_as_text(query))
