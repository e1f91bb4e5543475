"""The network part of the family's copy: about third parties, so the adviser may leave it out.

A person on one member's own map (``member`` set) is also that member's private data: filtered
with ``copy.may_see``, in the map of now and in every saved moment.
"""

from typing import Any

from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    RECORDED_WHEN_IN_LOG,
    VISIBILITY_REASON,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.network.choices import Closeness, RelationKind
from krachtbron.network.mapdata import MapPerson, from_person, from_snapshot_data
from krachtbron.network.models import NetworkPerson, NetworkProposal, NetworkSnapshot


def _row(person: MapPerson, note: str | None = None) -> dict[str, Any]:
    row = {
        "wie": person.label,
        "van_wie": person.member_label,
        "relatie": person.relation_label,
        "hoe_dichtbij": person.closeness_label,
        "contact": person.quality_label,
        "steun": person.support_labels,
        "blijft_als_de_hulp_stopt": person.stays_after_help,
        "kan_overbelast_raken": person.may_be_overloaded,
    }
    if note is not None:
        row["notitie"] = note
    return row


def _proposal_row(proposal: NetworkProposal) -> dict[str, Any]:
    """A proposal of the family (Mijn Krachtbron, Onze mensen) as the copy shows it."""
    return {
        "soort": proposal.get_kind_display(),
        "voorgesteld_door": proposal.proposed_by.first_name,
        "voorgesteld_op": proposal.created_at,
        "van_wie": proposal.member.first_name if proposal.member else "",
        "over": proposal.person.label if proposal.person else "",
        "wie": proposal.label,
        "relatie": str(RelationKind(proposal.relation).label) if proposal.relation else "",
        "hoe_dichtbij": str(Closeness(proposal.closeness).label) if proposal.closeness else "",
        "in_eigen_woorden": proposal.own_words,
        "blijft_als_de_hulp_stopt": proposal.stays_after_help,
        "stand": proposal.get_status_display(),
        "beslist_op": proposal.decided_at,
        "reden": proposal.reason,
    }


def network_part(copy: CopyRequest) -> dict[str, Any]:
    persons = NetworkPerson.objects.filter(family=copy.family).select_related("member")
    proposals = NetworkProposal.objects.filter(family=copy.family).select_related(
        "proposed_by", "member", "person"
    )
    return {
        "voorstellen": [_proposal_row(p) for p in proposals if copy.may_see(p.member_id)],
        "nu": [_row(from_person(p), p.note) for p in persons if copy.may_see(p.member_id)],
        "momenten": [
            {
                "datum": s.taken_on,
                "naam": s.title,
                "personen": [
                    _row(p) for p in from_snapshot_data(s.data) if copy.may_see(p.member_id)
                ],
            }
            for s in NetworkSnapshot.objects.filter(family=copy.family).order_by("taken_on", "id")
        ],
    }


def _members_of_persons(ids: set[int]) -> dict[int, int | None]:
    return dict(NetworkPerson.objects.filter(pk__in=ids).values_list("pk", "member_id"))


def _members_of_proposals(ids: set[int]) -> dict[int, int | None]:
    return dict(NetworkProposal.objects.filter(pk__in=ids).values_list("pk", "member_id"))


def register() -> None:
    register_private_log_rows(["networkperson"], _members_of_persons)
    # The adviser's decision on a proposal about a member's own network is that member's too.
    register_private_log_rows(["networkproposal"], _members_of_proposals)
    register_copy_part(
        "netwerk",
        network_part,
        title=gettext_lazy("Het netwerk"),
        models=[NetworkPerson, NetworkSnapshot, NetworkProposal],
        template="network/copy/network.html",
        order=60,
        third_party=True,
    )
    register_copy_exclusion(NetworkSnapshot, RECORDED_BY_IN_LOG, fields=["by"])
    register_copy_exclusion(NetworkProposal, RECORDED_BY_IN_LOG, fields=["decided_by"])
    register_copy_exclusion(NetworkPerson, VISIBILITY_REASON, fields=["marks_visibility"])
    register_copy_exclusion(NetworkSnapshot, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    register_copy_exclusion(
        NetworkPerson, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"]
    )
    register_copy_exclusion(
        NetworkSnapshot,
        "Het aantal mensen in een bewaard moment: de kopie noemt ze allemaal.",
        fields=["person_count"],
    )
