"""Who may see and change which family file. Every view with family data goes through here.

The rule (DESIGN.md, roles): only an active adviser or teamleider who is assigned to the family
may see or change its content. A teamleider manages assignments in their own team without seeing
content; a beheerder and an onderzoeker never see family content.

Every refused look-up of something that exists and belongs to a family — the file itself or any
object in it — writes a DENIED access-log row naming that family (NEN 7513), whoever is signed
in; the visitor still gets a plain 404, so the answer does not reveal that it exists.
"""

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from krachtbron.accounts.models import Role, Team, User
from krachtbron.accounts.roles import WORKS_WITH_FAMILIES, has_role
from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.families.models import Family, FamilyMember, Goal, PreparedFile, RightsDecision
from krachtbron.lib.lookup import pk_or_404, pk_or_none

M = TypeVar("M", bound=models.Model)


def _works_with_families(user: User) -> bool:
    return has_role(user, *WORKS_WITH_FAMILIES)


def visible_families(user: User) -> models.QuerySet[Family]:
    """The families whose content this user may see: their own caseload."""
    if not _works_with_families(user):
        return Family.objects.none()
    return Family.objects.filter(assignments__adviser=user)


def get_family_for_user(user: User, pk: Any) -> Family:
    """Return the family if this user may see it, else 404 (and log the refused attempt)."""
    number = pk_or_404(pk)
    family = visible_families(user).select_related("team").filter(pk=number).first()
    if family is None:
        _log_denied(user, Family.objects.filter(pk=number), "pk", "family", number)
        raise Http404
    return family


def get_prepared_file_for_user(user: User, pk: Any) -> PreparedFile:
    """A file made in the background (``families.prepared``) for this very user, about a
    family of their caseload, else 404: only the one who asked may see or download it, not
    a colleague on the same file. A refused look-up is logged (DENIED) like any other."""
    file = get_owned_for_user(user, PreparedFile.objects.all(), pk)
    if file.owner_user_id != user.pk:
        _log_denied(
            user, PreparedFile.objects.filter(pk=file.pk), "family", "preparedfile", file.pk
        )
        raise Http404
    return file


def get_owned_for_user(
    user: User, queryset: models.QuerySet[M], pk: Any, family_path: str = "family"
) -> M:
    """Return an object that belongs to a family of this user's caseload, else 404.

    One mechanism for every family-owned object kind (member, goal, invitation, network ...):
    ``family_path`` is the lookup from the object to its family ("member__family"). A refused
    look-up of an object in ``queryset`` that exists is logged as DENIED for its family.
    """
    number = pk_or_404(pk)
    if _works_with_families(user):
        obj = queryset.filter(pk=number, **{f"{family_path}__assignments__adviser": user}).first()
        if obj is not None:
            return obj
    _log_denied(user, queryset.filter(pk=number), family_path, queryset.model.__name__, number)
    raise Http404


def refuse_reference(
    user: User,
    family: Family,
    queryset: models.QuerySet[Any],
    value: Any,
    family_path: str = "family",
) -> None:
    """A form field or query parameter named object ``value`` of ``queryset`` while ``user``
    worked in ``family``, and it was refused. When it is an object of another family, that is
    a refused look at that family: a DENIED row naming it, as ``get_owned_for_user`` writes.

    Nothing is logged for a value that is no id, an object that does not exist, or one of
    ``family`` itself (refused for another reason, e.g. a role that cannot be invited). Form
    fields call this through ``families.forms.FamilyScopedForm``; query parameters through
    ``get_in_family``.
    """
    number = pk_or_none(value)
    if number is None:
        return
    others = queryset.filter(pk=number).exclude(**{family_path: family})
    _log_denied(user, others, family_path, queryset.model.__name__, number)


def get_in_family(
    user: User,
    family: Family,
    queryset: models.QuerySet[M],
    value: Any,
    family_path: str = "family",
) -> M:
    """The object ``value`` (an id from a query parameter) of ``queryset`` if it belongs to
    ``family`` (already checked with ``get_family_for_user``), else 404; an object of another
    family is logged as a refused look at that family (``refuse_reference``)."""
    number = pk_or_404(value)
    obj = queryset.filter(pk=number, **{family_path: family}).first()
    if obj is None:
        refuse_reference(user, family, queryset, number, family_path)
        raise Http404
    return obj


def get_member_for_user(user: User, pk: Any) -> FamilyMember:
    return get_owned_for_user(user, FamilyMember.objects.select_related("family"), pk)


def get_goal_for_user(user: User, pk: Any) -> Goal:
    return get_owned_for_user(user, Goal.objects.select_related("family", "member"), pk)


def get_rights_decision_for_user(user: User, pk: Any) -> RightsDecision:
    decisions = RightsDecision.objects.select_related("family", "subject", "other")
    return get_owned_for_user(user, decisions, pk)


def managed_team(user: User) -> Team:
    """The team a teamleider manages (assignments, counts); 404 for anyone else."""
    if not (has_role(user, Role.TEAMLEIDER) and user.team is not None):
        raise Http404
    return user.team


def get_team_family_for_leader(user: User, pk: Any) -> Family:
    """A family of the teamleider's team, for assignment only (never its content)."""
    number = pk_or_404(pk)
    try:
        team: Team | None = managed_team(user)
    except Http404:
        team = None
    family = Family.objects.filter(pk=number, team=team).first() if team else None
    if family is None:
        _log_denied(user, Family.objects.filter(pk=number), "pk", "assignment", number)
        raise Http404
    return family


def _log_denied(
    user: User, found: models.QuerySet[Any], family_path: str, object_type: str, pk: int
) -> None:
    """A refused look at something of a family is itself worth a log row (NEN 7513).

    ``found``: the object looked up, without the permission rule; ``family_path`` leads from it
    to its family's id ("pk" when it is the family). Nothing is logged when it does not exist
    (there is no family to name) or nobody is signed in (there is no actor).
    """
    if not getattr(user, "is_authenticated", False):
        return
    prefix = "" if family_path == "pk" else f"{family_path}__"
    owner = found.values_list(f"{prefix}pk", f"{prefix}reference").first()
    if owner is None or owner[0] is None:
        return
    log_access(
        user,
        FamilyRef(*owner),
        AccessKind.READ,
        object_type=object_type.lower(),
        object_id=pk,
        result=AccessResult.DENIED,
    )
