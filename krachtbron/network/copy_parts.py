"""The network part of the family's copy of their file: about third parties, so optional."""

from typing import Any

from krachtbron.families.models import Family
from krachtbron.network.mapdata import from_person, from_snapshot_data
from krachtbron.network.models import NetworkPerson, NetworkSnapshot


def _row(person: Any) -> dict[str, Any]:
    return {
        "wie": person.label,
        "relatie": person.relation_label,
        "hoe_dichtbij": person.closeness_label,
        "contact": person.quality_label,
        "steun": person.support_labels,
        "blijft_als_de_hulp_stopt": person.stays_after_help,
        "kan_overbelast_raken": person.may_be_overloaded,
    }


def network_part(family: Family) -> dict[str, Any]:
    persons = NetworkPerson.objects.filter(family=family).select_related("member")
    return {
        "nu": [_row(from_person(p)) for p in persons],
        "momenten": [
            {
                "datum": s.taken_on.isoformat(),
                "naam": s.title,
                "personen": [_row(p) for p in from_snapshot_data(s.data)],
            }
            for s in NetworkSnapshot.objects.filter(family=family).order_by("taken_on", "id")
        ],
    }
