"""The caseload cards, prepared in Python.

The caseload is the page advisers open most; preparing each card's strings here (one gettext per
label, not per card) keeps the template simple and the page fast (see bench/pages.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from krachtbron.families.attention import Signal
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import CaseAssignment, Family, FamilyMember
from krachtbron.lib.prepared import Prepared
from krachtbron.lib.templatetags.inert import lang_nl


@dataclass(frozen=True)
class CaseloadCard:
    url: str
    label: str
    reference: str
    team: str
    status: str
    status_label: str
    members: str
    advisers: list[str]
    notes: list[str] = field(default_factory=list)  # e.g. "2 onderwerpen om te bespreken"
    attention: list[str] = field(default_factory=list)  # "Aandacht nodig" badges, most urgent first


# The page's queries, compiled once per process (``lib.prepared``; issue 18).
_MEMBER_COUNTS = Prepared(
    lambda ids: (
        FamilyMember.objects.filter(family_id__in=ids)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)
_ADVISERS = Prepared(
    lambda ids: (
        CaseAssignment.objects.filter(family_id__in=ids)
        .order_by("pk")
        .values_list(
            "family_id",
            "is_substitute",
            "adviser__first_name",
            "adviser__last_name",
            "adviser__username",
        )
    )
)


@dataclass(frozen=True)
class CaseloadTeam:
    """A team with families on a caseload: its id, name, and how many of those families."""

    pk: int
    name: str
    families: int


def caseload_teams(caseload: QuerySet[Family]) -> list[CaseloadTeam]:
    """The teams of the families in ``caseload`` (``permissions.visible_families``, nothing
    filtered), by name, each with its number of those families, in one grouped query.

    It gives the team select its options and, summed, the caseload's size: the page needs no
    DISTINCT over the caseload for the select and no COUNT over it for the pagination when
    nothing is filtered (two scans of every family on the caseload, issue 18)."""
    rows = (
        caseload.order_by()
        .values_list("team_id", "team__name")
        .annotate(n=Count("pk"))
        .order_by("team__name", "team_id")
    )
    return [CaseloadTeam(pk, name, n) for pk, name, n in rows]


#: Other apps add a short note to a card (``AppConfig.ready()``): ``note(family_ids)`` returns
#: {family id: text} for the families of the page, in one query for the whole page.
_CARD_NOTES: list[Callable[[list[int]], dict[int, str]]] = []


def register_card_note(note: Callable[[list[int]], dict[int, str]]) -> None:
    _CARD_NOTES.append(note)


def counted_note(counts: Prepared, words: Promise) -> Callable[[list[int]], dict[int, str]]:
    """A card note made of a number per family: ``counts`` a ``Prepared`` query that takes a
    tuple of family ids and returns (family id, n) rows, for families with n ≥ 1 only;
    ``words`` an ``ngettext_lazy(singular, plural, "n")`` with ``%(n)d`` in it ("2 onderwerpen
    om te bespreken"). Returns the ``note(family_ids)`` for ``register_card_note``: one query
    for the whole page."""

    def note(family_ids: list[int]) -> dict[int, str]:
        return {family_id: str(words % {"n": n}) for family_id, n in counts.rows(tuple(family_ids))}

    return note


def caseload_cards(
    families: Iterable[Family], found: dict[int, list[Signal]] | None = None
) -> list[CaseloadCard]:
    """The cards of ``families``, with the "Aandacht nodig" badges of ``found`` (family id →
    signals, ``attention.signals_by_family``)."""
    found = found or {}
    families = list(families)
    # One query for the page's member counts: counting while choosing the page would count
    # the members of every family on the caseload (issue 18).
    ids = [family.pk for family in families]
    counts = dict(_MEMBER_COUNTS.rows(tuple(ids)))
    advisers = _advisers(ids)
    notes = [note(ids) for note in _CARD_NOTES] if ids else []
    urls = _detail_urls()
    status_labels = {value: str(label) for value, label in FamilyStatus.choices}
    substitute = gettext("vervanging")
    cards = []
    for family in families:
        count = counts.get(family.pk, 0)
        cards.append(
            CaseloadCard(
                url=urls.format(family.pk),
                label=family.label,
                reference=family.reference,
                team=family.team.name,
                status=family.status,
                status_label=status_labels.get(family.status, family.status),
                members=ngettext("%(n)d gezinslid", "%(n)d gezinsleden", count) % {"n": count},
                advisers=[
                    f"{name} ({substitute})" if is_substitute else name
                    for name, is_substitute in advisers.get(family.pk, [])
                ],
                notes=[note[family.pk] for note in notes if family.pk in note],
                attention=[str(s.badge) for s in found.get(family.pk, []) if s.badge is not None],
            )
        )
    return cards


#: A stand-in id, put in the family file's URL once and replaced by each card's own id.
_STAND_IN = 2_087_654_321


def _detail_urls() -> str:
    """The family file's URL (``families:detail``) with ``{}`` where the id goes: one
    ``reverse()`` for the page instead of one per card (some 40 µs each, a tenth of the page's
    time). The id is the URL's only argument, written as the number (the ``int`` converter)."""
    url = reverse("families:detail", args=[_STAND_IN])
    if url.count(str(_STAND_IN)) != 1:
        raise ValueError(f"The stand-in id is not once in {url!r}")
    return url.replace("{", "{{").replace("}", "}}").replace(str(_STAND_IN), "{}")


def _advisers(ids: list[int]) -> dict[int, list[tuple[str, bool]]]:
    """{family id: [(adviser name, is substitute)]} for the page, in one values() query (no
    assignment or user objects: ``str(user)`` is its full name or else its username)."""
    rows = _ADVISERS.rows(tuple(ids))
    found: dict[int, list[tuple[str, bool]]] = {}
    for family_id, is_substitute, first, last, username in rows:
        name = f"{first} {last}".strip() or username
        found.setdefault(family_id, []).append((name, is_substitute))
    return found


def cards_html(cards: list[CaseloadCard]) -> SafeString:
    """The caseload's ``<ul class="card-list">``, built here rather than by a template loop:
    25 cards of a dozen fields each were most of the page's template time (issue 18). Exactly
    the HTML the template gave before (``tests/test_caseload_html.py``); every value escaped."""
    e = conditional_escape
    nl = lang_nl()  # names are Dutch text on a page in another language
    advisers_label = e(gettext("Adviseurs:"))
    attention_label = e(gettext("Aandacht nodig:"))
    parts = ['<ul class="card-list">\n  \n  ']
    for card in cards:
        advisers = ", ".join(f"<bdi{nl}>{e(name)}</bdi>" for name in card.advisers)
        attention = (
            f'<p class="card__meta attention"><span class="attention__label">{attention_label}'
            "</span> "
            + "".join(f'<span class="tag tag--warn">{e(badge)}</span>' for badge in card.attention)
            + "</p>"
            if card.attention
            else ""
        )
        notes = (
            '<p class="card__meta">'
            + "".join(f'<span class="tag tag--family">{e(note)}</span>' for note in card.notes)
            + "</p>"
            if card.notes
            else ""
        )
        parts.append(
            f'\n  <li class="card">\n'
            f'    <h2 class="card__title"><a href="{e(card.url)}">'
            f"<bdi{nl}>{e(card.label)}</bdi></a></h2>\n"
            '    <p class="card__meta">\n'
            f"      <span>{e(card.reference)}</span>\n"
            f"      <span><bdi{nl}>{e(card.team)}</bdi></span>\n"
            f'      <span class="tag tag--{e(card.status)}">{e(card.status_label)}</span>\n'
            "    </p>\n"
            '    <p class="card__meta">\n'
            f"      <span>{e(card.members)}</span>\n"
            f"      <span>{advisers_label} {advisers}</span>\n"
            "    </p>\n"
            f"    {attention}\n"
            f"    {notes}\n"
            "  </li>\n  "
        )
    parts.append("\n</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
