"""The afspraken in the family's copy (SECURITY.md 21, issue 14's Ons dossier copy).

An agreement is about its goal's member (``families.rights``): in a copy only when the copy may
hold that member's own data. Who does it may be a person from the network: without third
parties their name is left out ("iemand uit het netwerk"), and so are the aanspreekpunten
(who a person from the network turns to is about third parties only). A person from one
member's own network is that member's own data, as on the map.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    RECORDED_WHEN_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.networkplan.models import Agreement, ContactPoint


def _performer(agreement: Agreement, copy: CopyRequest) -> str:
    if agreement.performer_member is not None:
        return agreement.performer_member.first_name
    if agreement.performer_person is not None:
        person = agreement.performer_person
        if copy.include_third_parties and copy.may_see(person.member_id):
            return person.label
        return _("iemand uit het netwerk")
    return _("de hulpverlener")


def agreements_part(copy: CopyRequest) -> dict[str, Any]:
    agreements = (
        Agreement.objects.filter(family=copy.family)
        .select_related(
            "goal", "performer_member", "performer_person", "added_by_member", "changed_by_member"
        )
        .order_by("created_at", "id")
    )
    rows = [
        {
            "doel": agreement.goal.text,
            "wat": agreement.text,
            "wie_doet_het": _performer(agreement, copy),
            "wanneer": agreement.when,
            "stand": agreement.get_status_display(),
            "toegevoegd_door": (
                agreement.added_by_member.first_name if agreement.added_by_member else ""
            ),
            "gewijzigd_door": (
                agreement.changed_by_member.first_name if agreement.changed_by_member else ""
            ),
        }
        for agreement in agreements
        if copy.may_see(agreement.goal.member_id)
    ]
    contacts = []
    if copy.include_third_parties:
        points = ContactPoint.objects.filter(person__family=copy.family).select_related(
            "person", "turns_to"
        )
        contacts = [
            {
                "wie": point.person.label,
                "kan_terecht_bij": point.turns_to.label if point.turns_to else point.turns_to_text,
            }
            for point in points
            if copy.may_see(point.person.member_id)
            and (point.turns_to is None or copy.may_see(point.turns_to.member_id))
        ]
    return {"afspraken": rows, "aanspreekpunten": contacts}


def _members_of_agreements(ids: set[int]) -> dict[int, int | None]:
    return dict(Agreement.objects.filter(pk__in=ids).values_list("pk", "goal__member_id"))


def _members_of_contact_points(ids: set[int]) -> dict[int, int | None]:
    return dict(ContactPoint.objects.filter(pk__in=ids).values_list("pk", "person__member_id"))


def register() -> None:
    register_private_log_rows(["agreement"], _members_of_agreements)
    register_private_log_rows(["contactpoint"], _members_of_contact_points)
    register_copy_part(
        "afspraken",
        agreements_part,
        title=gettext_lazy("Wat we hebben afgesproken"),
        models=[Agreement, ContactPoint],
        template="networkplan/copy/agreements.html",
        order=58,
    )
    register_copy_exclusion(Agreement, RECORDED_BY_IN_LOG, fields=["added_by"])
    register_copy_exclusion(
        Agreement,
        RECORDED_WHEN_IN_LOG,
        fields=["created_at", "updated_at", "family_changed_at"],
    )
    register_copy_exclusion(
        Agreement,
        "Of de adviseur een wijziging van het gezin al heeft gezien: een werkaantekening voor "
        "de adviseur. Wie iets toevoegde of wijzigde staat wel in de kopie.",
        fields=["awaits_adviser"],
    )
    register_copy_exclusion(ContactPoint, RECORDED_WHEN_IN_LOG, fields=["updated_at"])
