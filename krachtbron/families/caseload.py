"""The caseload cards, prepared in Python.

The caseload is the page advisers open most; preparing each card's strings here (one gettext per
label, not per card) keeps the template simple and the page fast (see bench/pages.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from krachtbron.families.attention import Signal
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family, FamilyMember


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


#: Other apps add a short note to a card (``AppConfig.ready()``): ``note(family_ids)`` returns
#: {family id: text} for the families of the page, in one query for the whole page.
_CARD_NOTES: list[Callable[[list[int]], dict[int, str]]] = []


def register_card_note(note: Callable[[list[int]], dict[int, str]]) -> None:
    _CARD_NOTES.append(note)


def caseload_cards(
    families: Iterable[Family], found: dict[int, list[Signal]] | None = None
) -> list[CaseloadCard]:
    """The cards of ``families``, with the "Aandacht nodig" badges of ``found`` (family id →
    signals, ``attention.signals_by_family``)."""
    found = found or {}
    families = list(families)
    # One query for the page's member counts: counting while choosing the page would count
    # the members of every family on the caseload (issue 18).
    counts = dict(
        FamilyMember.objects.filter(family__in=[f.pk for f in families])
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
    ids = [family.pk for family in families]
    notes = [note(ids) for note in _CARD_NOTES] if ids else []
    status_labels = {value: str(label) for value, label in FamilyStatus.choices}
    substitute = gettext("vervanging")
    cards = []
    for family in families:
        count = counts.get(family.pk, 0)
        cards.append(
            CaseloadCard(
                url=reverse("families:detail", args=[family.pk]),
                label=family.label,
                reference=family.reference,
                team=family.team.name,
                status=family.status,
                status_label=status_labels.get(family.status, family.status),
                members=ngettext("%(n)d gezinslid", "%(n)d gezinsleden", count) % {"n": count},
                advisers=[
                    f"{a.adviser} ({substitute})" if a.is_substitute else str(a.adviser)
                    for a in family.assignments.all()
                ],
                notes=[note[family.pk] for note in notes if family.pk in note],
                attention=[str(s.badge) for s in found.get(family.pk, []) if s.badge is not None],
            )
        )
    return cards
