"""Ons netwerkplan in the family's copy of the file (families/file_copy.py): who to call for
what, the goals in the plan, and with whom the family shared it (and who agreed). About people
from the network (third parties), so the adviser may leave it out as the network part.

A line to a person of one member's own network, a goal of one member and a member's consent are
that member's private data: filtered with ``copy.may_see``. A share's token hash means nothing
to the family and is left out; every view of a share is in "Wie keek mee".
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_WHEN_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
)
from krachtbron.networkplan.models import NetworkPlan, PlanCall, Share, ShareConsent


def _local(moment: Any) -> Any:
    return timezone.localtime(moment).replace(microsecond=0) if moment else None


def network_plan_part(copy: CopyRequest) -> dict[str, Any]:
    """The plan as the copy shows it (five queries)."""
    plan = NetworkPlan.objects.filter(family=copy.family).first()
    if plan is None:
        return {"klaar_op": None, "wie_bel_je_waarvoor": [], "doelen": [], "gedeeld_met": []}
    calls = PlanCall.objects.filter(plan=plan).select_related("person").order_by("id")
    shares = (
        Share.objects.filter(plan=plan)
        .select_related("person", "created_by", "withdrawn_by")
        .prefetch_related("consents__member")
        .order_by("created_at", "id")
    )
    return {
        "klaar_op": _local(plan.ready_at),
        "wie_bel_je_waarvoor": [
            {
                "wie": call.person.label,
                "waarvoor": call.call_for,
                "telefoon": call.phone,  # as stored: +31612345678
            }
            for call in calls
            if copy.may_see(call.person.member_id)
        ],
        "doelen": [
            goal.text for goal in plan.shared_goals.order_by("id") if copy.may_see(goal.member_id)
        ],
        "gedeeld_met": [
            {
                "met_wie": share.person_label,
                "gedeeld_door": share.created_by.first_name if share.created_by else "",
                "gedeeld_op": _local(share.created_at),
                "werkt_tot": _local(share.expires_at),
                "gestopt_op": _local(share.withdrawn_at),
                "gestopt_door": share.withdrawn_by.first_name if share.withdrawn_by else "",
                "waarom_gestopt": str(share.get_end_reason_display()) if share.end_reason else "",
                "laatst_bekeken_op": _local(share.last_viewed_at),
                "toestemming": [
                    {
                        "gezinslid": c.member.first_name,
                        "keuze": str(c.get_decision_display()),
                        "gekozen_op": _local(c.decided_at),
                    }
                    for c in share.consents.all()
                    if copy.may_see(c.member_id)
                ],
            }
            for share in shares
            if share.person is None or copy.may_see(share.person.member_id)
        ],
    }


def register() -> None:
    register_copy_part(
        "netwerkplan",
        network_plan_part,
        title=gettext_lazy("Ons netwerkplan"),
        models=[NetworkPlan, PlanCall, Share, ShareConsent],
        template="networkplan/copy/netwerkplan.html",
        order=62,
        third_party=True,
    )
    register_copy_exclusion(
        Share,
        "De code achter de link zegt het gezin niets. Elke keer dat iemand keek, staat bij "
        "'Wie keek mee'.",
        fields=["token_hash"],
    )
    register_copy_exclusion(
        Share, "Een instelling: de taal van de pagina die de ander ziet.", fields=["language"]
    )
    register_copy_exclusion(
        ShareConsent,
        "Vingerafdrukken van de delen waarover ja of nee gezegd is: die zeggen het gezin niets. "
        "De keuze zelf staat erbij.",
        fields=["parts"],
    )
    register_copy_exclusion(NetworkPlan, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"])
    register_copy_exclusion(PlanCall, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    part_of = "Bij welk plan of welke keer delen dit hoort: de kopie toont het daar."
    register_copy_exclusion(PlanCall, part_of, fields=["plan"])
    register_copy_exclusion(Share, part_of, fields=["plan"])
    register_copy_exclusion(ShareConsent, part_of, fields=["share"])
