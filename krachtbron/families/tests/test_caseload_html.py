"""The caseload's card list is built in Python (``caseload.cards_html``, issue 18): it must give
exactly the HTML the template loop gave before, escaping included."""

from django.template import engines
from django.utils.translation import override
from hypothesis import given, settings
from hypothesis import strategies as st

from krachtbron.families.caseload import CaseloadCard, cards_html

# The template loop of families/caseload.html before issue 18, word for word.
FORMER_TEMPLATE = """{% load i18n inert %}<ul class="card-list">
  {% translate "Adviseurs:" as advisers_label %}{% translate "Aandacht nodig:" as attention_label %}
  {% for card in cards %}
  <li class="card">
    <h2 class="card__title"><a href="{{ card.url }}"><bdi{% lang_nl %}>{{ card.label }}</bdi></a></h2>
    <p class="card__meta">
      <span>{{ card.reference }}</span>
      <span><bdi{% lang_nl %}>{{ card.team }}</bdi></span>
      <span class="tag tag--{{ card.status }}">{{ card.status_label }}</span>
    </p>
    <p class="card__meta">
      <span>{{ card.members }}</span>
      <span>{{ advisers_label }} {% for name in card.advisers %}<bdi{% lang_nl %}>{{ name }}</bdi>{% if not forloop.last %}, {% endif %}{% endfor %}</span>
    </p>
    {% if card.attention %}<p class="card__meta attention"><span class="attention__label">{{ attention_label }}</span> {% for badge in card.attention %}<span class="tag tag--warn">{{ badge }}</span>{% endfor %}</p>{% endif %}
    {% if card.notes %}<p class="card__meta">{% for note in card.notes %}<span class="tag tag--family">{{ note }}</span>{% endfor %}</p>{% endif %}
  </li>
  {% endfor %}
</ul>"""  # noqa: E501

TEXT = st.text(alphabet=st.sampled_from("aZ09 <>&\"'é/ש"), max_size=12)
CARD = st.builds(
    CaseloadCard,
    url=TEXT,
    label=TEXT,
    reference=TEXT,
    team=TEXT,
    status=TEXT,
    status_label=TEXT,
    members=TEXT,
    advisers=st.lists(TEXT, max_size=3),
    notes=st.lists(TEXT, max_size=2),
    attention=st.lists(TEXT, max_size=3),
)


def _former(cards: list[CaseloadCard]) -> str:
    return engines["django"].from_string(FORMER_TEMPLATE).render({"cards": cards})


@settings(max_examples=60, deadline=None)
@given(st.lists(CARD, max_size=4))
def test_cards_html_is_the_former_template_output(cards: list[CaseloadCard]) -> None:
    assert cards_html(cards) == _former(cards)


def test_cards_html_escapes_and_translates() -> None:
    card = CaseloadCard(
        url="/gezinnen/1/",
        label="<script>x</script>",
        reference="KB-1",
        team="Team & Co",
        status="new",
        status_label="Nieuw",
        members="3 gezinsleden",
        advisers=['A "B"', "C (vervanging)"],
        attention=["Signaal"],
    )
    with override("en"):
        html = cards_html([card])
        assert html == _former([card])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Advisers:" in html
    assert '<bdi lang="nl">A &quot;B&quot;</bdi>, <bdi lang="nl">C (vervanging)</bdi>' in html
