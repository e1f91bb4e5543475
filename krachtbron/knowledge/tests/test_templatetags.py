"""The in-context template tags and the Python API other apps use."""

import pytest
from django.template import Context, Template

from krachtbron.knowledge import library
from krachtbron.knowledge.library import UnknownContentError


def _render(source: str, **context) -> str:
    return Template("{% load knowledge %}" + source).render(Context(context))


def test_knowledge_link_renders_an_accessible_link_with_the_title():
    html = _render('{% knowledge_link "werken-met-netwerk" %}')
    assert 'href="/kennisbank/werken-met-netwerk/"' in html
    assert "Meer in de kennisbank:" in html
    assert "Werken met het netwerk" in html


def test_knowledge_link_works_for_a_card_and_takes_a_label():
    html = _render('{% knowledge_link "waaier-regie" label="Gesprekskaart:" %}')
    assert 'href="/kennisbank/waaier/waaier-regie/"' in html
    assert "Gesprekskaart:" in html and "Regie bij eigen kracht" in html


def test_an_unknown_id_fails_loudly_instead_of_a_dead_link():
    with pytest.raises(UnknownContentError):
        _render('{% knowledge_link "bestaat-niet" %}')
    with pytest.raises(UnknownContentError):
        library.page_url("bestaat-niet")


def test_pages_for_a_dimension_and_a_theme():
    html = _render(
        '{% knowledge_pages dimension="social" as pages %}'
        "{% for p in pages %}[{{ p.id }}]{% endfor %}"
        '{% for p in "netwerk"|pages_for_theme %}<{{ p.id }}>{% endfor %}'
    )
    assert "[werken-met-netwerk]" in html and "[praktijk-sociaal]" in html
    assert "[praktijk-competentioneel]" not in html
    assert "<werken-met-netwerk>" in html


def test_the_dimension_filter_uses_the_app_wide_dimension_keys():
    from krachtbron.families.choices import Dimension

    for dimension in Dimension.values:
        assert library.pages_for_dimension(dimension)
    with pytest.raises(UnknownContentError):
        library.pages_for_dimension("sociaal")


def test_knowledge_links_lists_pages_and_cards_of_a_theme():
    html = _render('{% knowledge_links theme="regie" %}')
    # The title is Dutch content, marked so for screen readers on an English page.
    assert 'Gesprekskaart: <span lang="nl">Regie bij eigen kracht</span>' in html
    html = _render('{% knowledge_links dimension="motivation" title="Over willen en durven" %}')
    assert "Over willen en durven" in html
    assert "/kennisbank/praktijk-motivationeel/" in html


def test_knowledge_url_and_python_api():
    assert _render('{% knowledge_url "methoden" %}') == "/kennisbank/methoden/"
    assert library.get_page("methoden").title.startswith("Methoden")
    assert library.page_url("eigen-kracht") == "/kennisbank/eigen-kracht/"
    assert library.card_url("waaier-visies") == "/kennisbank/waaier/waaier-visies/"
