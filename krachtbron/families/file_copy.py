"""A copy of the family file for the family itself (SECURITY.md 21, AVG art. 15).

Each app adds its part with `register_copy_part` in AppConfig.ready(). Parts about other people
(the network map, say) are marked `third_party=True`, so they can be left out of the copy.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from krachtbron.families.models import Family


@dataclass(frozen=True)
class CopyPart:
    key: str
    build: Callable[[Family], Any]  # returns JSON-ready data
    third_party: bool = False


_PARTS: dict[str, CopyPart] = {}


def register_copy_part(
    key: str, build: Callable[[Family], Any], *, third_party: bool = False
) -> None:
    _PARTS[key] = CopyPart(key, build, third_party)


def family_copy(family: Family, *, include_third_parties: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "dossiernummer": family.reference,
        "gemaakt_op": timezone.now().isoformat(timespec="seconds"),
        "derden_weggelaten": not include_third_parties,
    }
    for part in _PARTS.values():
        if part.third_party and not include_third_parties:
            continue
        data[part.key] = part.build(family)
    return data


def _family_part(family: Family) -> dict[str, Any]:
    return {
        "naam": family.display_name,
        "team": family.team.name,
        "status": family.get_status_display(),
        "adviseurs": [str(a.adviser) for a in family.assignments.select_related("adviser")],
    }


def _members_part(family: Family) -> list[dict[str, Any]]:
    return [
        {"naam": m.first_name, "rol": m.get_role_display(), "geboortejaar": m.birth_year}
        for m in family.members.all()
    ]


def _goals_part(family: Family) -> list[dict[str, Any]]:
    return [
        {
            "doel": g.text,
            "voor": g.member.first_name if g.member else "het hele gezin",
            "leefgebied": g.get_life_domain_display(),
            "status": g.get_status_display(),
        }
        for g in family.goals.select_related("member")
    ]


register_copy_part("gezin", _family_part)
register_copy_part("gezinsleden", _members_part)
register_copy_part("doelen", _goals_part)
