"""Who may see what in Mijn Krachtbron: a portal link, its family's own advisers
(families.permissions); a part of the file, a signed-in member as ``families.rights`` allows."""

from typing import Any, NoReturn, TypeVar

from django.db import models
from django.http import Http404

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.families.models import FamilyMember
from krachtbron.families.permissions import get_owned_for_user
from krachtbron.families.rights import ViewerRights
from krachtbron.lib.lookup import pk_or_404
from krachtbron.network.models import NetworkProposal
from krachtbron.portal.models import CorrectionRequest, MemberLink, TalkFlag

M = TypeVar("M", bound=models.Model)


def get_link_for_user(user: User, pk: Any) -> MemberLink:
    return get_owned_for_user(user, MemberLink.objects.select_related("family", "member"), pk)


def get_talk_flag_for_user(user: User, pk: Any) -> TalkFlag:
    """A "hier wil ik over praten" flag, for the family's own advisers."""
    return get_owned_for_user(user, TalkFlag.objects.select_related("family"), pk)


def get_network_proposal_for_user(user: User, pk: Any) -> NetworkProposal:
    """A family's proposal for its network (Onze mensen), for the family's own advisers."""
    return get_owned_for_user(user, NetworkProposal.objects.select_related("family", "person"), pk)


def get_for_member(
    member: FamilyMember,
    rights: ViewerRights,
    queryset: "models.QuerySet[M]",
    pk: Any,
    family_path: str = "family",
    member_path: str | None = None,
) -> M:
    """The object ``pk`` of ``queryset`` when this signed-in member may see it (their own
    family, and ``rights`` let them: a sibling's own part or another family's stays out), else
    404. A refused look at something that exists is a DENIED access-log row for its family,
    with the member as the actor (NEN 7513), as ``families.permissions`` does for staff.

    A part of the file (``rights.filter`` knows its model) needs nothing more; for another kind
    (a questionnaire answer) ``member_path`` leads to the member whose own data it is
    ("response__member"), and ``rights.may_see_member`` decides."""
    number = pk_or_404(pk)
    if member_path is None:
        found = rights.filter(queryset).filter(pk=number).first()
    else:
        *hops, last = member_path.split("__")
        row = queryset.select_related("__".join(hops) or None).filter(
            pk=number, **{f"{family_path}_id": rights.family_id}
        )
        found = row.first()
        owner: Any = found
        for hop in hops:
            owner = getattr(owner, hop, None)
        if found is not None and not rights.may_see_member(getattr(owner, f"{last}_id", None)):
            found = None
    if found is not None:
        return found
    refuse(member, queryset.model, number, family_path)


def refuse(
    member: FamilyMember, model: type[models.Model], number: int, family_path: str = "family"
) -> NoReturn:
    """404 for the object ``number`` of ``model`` that this member may not see; when it exists,
    first a DENIED row for its family, with the member as the actor (NEN 7513)."""
    owner = (
        model._default_manager.filter(pk=number)
        .values_list(f"{family_path}__pk", f"{family_path}__reference")
        .first()
    )
    if owner is not None and owner[0] is not None:
        log_access(
            Actor.family_member(member),
            FamilyRef(*owner),
            AccessKind.READ,
            object_type=model.__name__.lower(),
            object_id=number,
            result=AccessResult.DENIED,
        )
    raise Http404


def refuse_posted(
    request: Any,
    rights: ViewerRights,
    name: str,
    queryset: "models.QuerySet[M]",
    family_path: str = "family",
    member_path: str | None = None,
) -> None:
    """Every id posted in the field ``name`` (a select or checkboxes) must be one this member
    may see: one of another family, or a sibling's own, is a 404 with a DENIED row for its
    family (``get_for_member``), not a form error without a trace; an id of nothing is a 404
    without a row. Values that are no id (empty, letters, longer than an id) are left to the
    form. ``request``: a MemberHttpRequest (``request.member``)."""
    if request.method != "POST":
        return
    for value in request.POST.getlist(name)[:500]:
        if value.isascii() and value.isdigit() and len(value) < 12:
            get_for_member(request.member, rights, queryset, value, family_path, member_path)


def get_correction_for_user(user: User, pk: Any) -> CorrectionRequest:
    """A correction request of a family on this user's caseload (else 404, logged)."""
    return get_owned_for_user(
        user, CorrectionRequest.objects.select_related("family", "member"), pk
    )
