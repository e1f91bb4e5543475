"""What one signed-in member may see of their family's file: the portal's one door to the
rules of privacy inside a family (``families.rights``).

TEMPORARY until ``families.rights.rights_of`` (visibility per part, ``visible_to``/``can_see``)
is on main: a minimal, conservative rule with the same shape. A member sees the parts about the
whole family and the parts about themselves, nothing about another member. When the rights
module lands, ``viewer_rights`` returns ``rights.rights_of(member, today)`` and this class goes.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import may_have_portal

M = TypeVar("M", bound=models.Model)

# Per model: the lookup to its family and to the member it is about (None: the whole family).
_PATHS: dict[str, tuple[str, str | None]] = {
    "families.goal": ("family", "member"),
    "strengths.firstquestion": ("family", None),
    "strengths.strengthentry": ("member__family", "member"),
    "strengths.scaling": ("member__family", "member"),
    "strengths.goalscaling": ("goal__family", "goal__member"),
}


@dataclass(frozen=True)
class ViewerRights:
    """The same interface as ``families.rights.ViewerRights`` (see the module doc)."""

    viewer_id: int
    family_id: int
    day: date
    has_portal: bool
    members: frozenset[int]

    def filter(self, queryset: "models.QuerySet[M]") -> "models.QuerySet[M]":
        family_path, member_path = _PATHS[queryset.model._meta.label_lower]
        if not self.has_portal:
            return queryset.none()
        queryset = queryset.filter(**{family_path: self.family_id})
        if member_path is not None:
            queryset = queryset.filter(
                Q(**{f"{member_path}__isnull": True})
                | Q(**{f"{member_path}__in": sorted(self.members)})
            )
        return queryset

    def may_see_member(self, member_id: int | None) -> bool:
        return self.has_portal and (member_id is None or member_id in self.members)

    def can_see(self, part: Any) -> bool:
        family_path, member_path = _PATHS[part._meta.label_lower]
        return bool(self.filter(type(part).objects.filter(pk=part.pk)).exists())


def viewer_rights(member: FamilyMember, today: date | None = None) -> ViewerRights:
    """The rights of ``member`` on ``today`` (default: today in Amsterdam); no query."""
    day = today or timezone.localdate()
    return ViewerRights(
        member.pk, member.family_id, day, may_have_portal(member, day), frozenset({member.pk})
    )
