"""The conversation plans of a family (gesprekswaaier, §5.1) in the family's copy of their file.

A family plan is about the whole family; team plans have no family and are not in any copy.
"""

from typing import Any

from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    RECORDED_WHEN_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
)
from krachtbron.knowledge import library
from krachtbron.knowledge.models import ConversationPlan, PlanKind


def plans_part(copy: CopyRequest) -> list[dict[str, Any]]:
    cards = library.current().cards
    plans = ConversationPlan.objects.filter(family=copy.family, kind=PlanKind.FAMILY).order_by(
        "planned_on", "created_at", "id"
    )
    return [
        {
            "onderwerp": p.topic,
            "waarom": p.purpose,
            "met_wie": p.participants,
            "gesprekspartners": [str(library.AUDIENCES.get(a, a)) for a in p.audiences],
            "wanneer": p.planned_on,
            "hoe": p.approach,
            "kaarten": [cards[c].title for c in p.cards if c in cards],
            "status": str(p.get_status_display()),
            "aantekeningen": p.notes,
            "afspraken": p.agreements,
        }
        for p in plans
    ]


def register() -> None:
    register_copy_part(
        "gesprekken",
        plans_part,
        title=gettext_lazy("Gesprekken"),
        models=[ConversationPlan],
        template="knowledge/copy/plans.html",
        order=70,
    )
    register_copy_exclusion(ConversationPlan, RECORDED_BY_IN_LOG, fields=["owner"])
    register_copy_exclusion(
        ConversationPlan, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"]
    )
    register_copy_exclusion(
        ConversationPlan,
        "Soort gesprek, team en gezin: in de kopie staan alleen de gesprekken met dit gezin "
        "(een teamgesprek hoort bij geen gezin).",
        fields=["kind", "team", "family"],
    )
