"""Search with Dutch word forms, ranking and highlighted snippets (SQLite and PostgreSQL)."""

import pytest
from django.db import connection
from django.urls import reverse

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
