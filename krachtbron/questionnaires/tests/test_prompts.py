from django.urls import NoReverseMatch, reverse

from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.questionnaires.prompts import PROMPTS, knowledge_url, prompts_for

KNOWLEDGE_PAGES = {
    "samenwerkende-houding",
    "praktijk-motivationeel",
    "praktijk-competentioneel",
    "praktijk-sociaal",
    "werken-met-netwerk",
}
SECTIONS = {"§4.1", "§4.2", "§4.3", "§4.4", "§6"}


def test_every_item_has_one_or_two_prompts_that_cite_the_handreiking():
    assert set(PROMPTS) == set(get_instrument(FAMILIES).item_ids)
    for item_id, prompts in PROMPTS.items():
        assert 1 <= len(prompts) <= 2, item_id
        for prompt in prompts:
            assert prompt.section in SECTIONS and prompt.page_id in KNOWLEDGE_PAGES


def test_the_link_goes_to_the_knowledge_page_when_the_kennisbank_has_it():
    try:
        expected = reverse("knowledge:page", args=["praktijk-sociaal"])
    except NoReverseMatch:
        expected = None  # the kennisbank is not installed in this build: no link, the § remains
    assert knowledge_url("praktijk-sociaal") == expected
    assert prompts_for("g05")[0]["url"] == expected
