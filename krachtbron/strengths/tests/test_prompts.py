from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from krachtbron.strengths.prompts import PROMPTS
from krachtbron.strengths.templatetags.strengths_tags import knowledge_url

KNOWN_PAGES = {
    "eigen-kracht",
    "drie-dimensies",
    "zelfreflectie-zelfregulatie",
    "grenzen-aan-eigen-kracht",
    "maatschappelijk-perspectief",
    "samenwerkende-houding",
    "praktijk-motivationeel",
    "praktijk-competentioneel",
    "praktijk-sociaal",
    "werken-met-netwerk",
    "methoden",
    "instrumenten-per-dimensie",
    "reflectie-parallel-proces",
    "organisatievoorwaarden",
}


def test_every_part_has_two_to_four_prompts_with_a_section_and_a_known_page():
    for part, prompts in PROMPTS.items():
        assert 2 <= len(prompts) <= 4, part
        for prompt in prompts:
            assert prompt.section.startswith("§"), prompt
            assert prompt.knowledge_page in KNOWN_PAGES, prompt


def test_the_link_goes_to_the_knowledge_page_when_it_exists():
    try:
        expected = reverse("knowledge:page", args=["methoden"])
    except NoReverseMatch:
        expected = ""
    assert knowledge_url("methoden") == expected


def test_an_id_the_knowledge_app_cannot_serve_renders_without_a_link():
    assert knowledge_url("niet/een/pagina") == ""
    html = Template(
        "{% load strengths_tags %}{% knowledge_url 'niet/een/pagina' as u %}[{{ u }}]"
    ).render(Context())
    assert html == "[]"


def test_the_prompts_box_cites_the_handreiking(db):
    html = Template('{% load strengths_tags %}{% conversation_prompts "network" %}').render(
        Context()
    )
    assert "handreiking §4.4" in html
    assert "Als ik straks stop" in html
