"""The caseload cards, prepared in Python.

The caseload is the page advisers open most; preparing each card's strings here (one gettext per
label, not per card) keeps the template simple and the page fast (see bench/pages.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family


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


def caseload_cards(families: Iterable[Family]) -> list[CaseloadCard]:
    status_labels = {value: str(label) for value, label in FamilyStatus.choices}
    substitute = gettext("vervanging")
    cards = []
    for family in families:
        count = family.member_count  # type: ignore[attr-defined]
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
            )
        )
    return cards
