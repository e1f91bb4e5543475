"""Closing the help and follow-up in the family's copy of its file (AVG art. 15): every
closure, and every check-in with its answers. The check-ins are the whole family's."""

from typing import Any

from django.utils.translation import gettext_lazy

from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
)


def _check_in(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "maand": follow_up.month,
        "vanaf": follow_up.due,
        "ingevuld_op": follow_up.answered_at,
        "hoe_gaat_het": follow_up.score,
        "afspraken_werken": follow_up.get_agreements_work_display()
        if follow_up.agreements_work
        else "",
        "wil_weer_contact": follow_up.wants_contact,
        "ingevuld_door": follow_up.answered_by.first_name if follow_up.answered_by else "",
        "via": follow_up.get_answered_via_display() if follow_up.answered_via else "",
        "contact_opgepakt_op": follow_up.contact_handled_at,
    }


def aftercare_part(copy: CopyRequest) -> dict[str, Any]:
    closures = Closure.objects.filter(family=copy.family).order_by("closed_at", "id")
    follow_ups = FollowUp.objects.filter(family=copy.family).select_related("answered_by")
    by_closure: dict[int, list[FollowUp]] = {}
    for follow_up in follow_ups.order_by("month", "id"):
        by_closure.setdefault(follow_up.closure_id, []).append(follow_up)
    return {
        "afsluitingen": [
            {
                "afgesloten_op": closure.closed_at,
                "nazorg_afgesproken": closure.followup_consent,
                "mijn_krachtbron_tot": closure.portal_until,
                "heropend_op": closure.reopened_at,
                "checks": [_check_in(f) for f in by_closure.get(closure.pk, [])],
            }
            for closure in closures
        ]
    }


def register() -> None:
    register_copy_part(
        "nazorg",
        aftercare_part,
        title=gettext_lazy("Afsluiten en nazorg"),
        models=[Closure, FollowUp],
        template="aftercare/copy/aftercare.html",
        order=85,
    )
    register_copy_exclusion(Closure, RECORDED_BY_IN_LOG, fields=["closed_by", "reopened_by"])
    register_copy_exclusion(FollowUp, RECORDED_BY_IN_LOG, fields=["contact_handled_by"])
    register_copy_exclusion(
        FollowUp,
        "Een persoonlijke link: alleen een controlegetal, wanneer en voor wie hij is gemaakt. "
        "Het maken van de link staat in 'Wie keek mee'.",
        fields=["token_hash", "link_created_at", "link_member"],
    )
    register_copy_exclusion(
        FollowUp,
        "Het team van het gezin toen de check werd ingevuld: alleen voor de anonieme cijfers "
        "per team. Het team staat bovenaan de kopie.",
        fields=["team"],
    )
