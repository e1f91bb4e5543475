"""The search page repeats the typed query isolated (tester of issue 12, finding 5).

The sentence "0 resultaten voor ‘…’" showed the query as it was: a query with U+202E turned the
rest of the sentence around, an Arabic query swapped places with the quote marks. The query is
typed and shown back without being stored, so the stored-field bidi test did not see it;
testing/test_bidi_isolation.py now plants overrides in every query parameter as well.
"""

import re

import pytest
from django.urls import reverse

from krachtbron.testing.personas import client_for


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["netwerk\u202egnikrew", "شبكة 2"])
def test_the_query_repeated_in_the_result_sentence_is_isolated(org, query):
    client = client_for(org, "adviser")
    html = client.get(reverse("knowledge:search"), {"q": query}).content.decode()
    sentence = re.search(r'<p class="result-count"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert f"<bdi>{query}</bdi>" in sentence or f"\u2068{query}\u2069" in sentence, sentence
