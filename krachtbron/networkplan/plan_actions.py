"""Changes to the netwerkplan: a call added or removed, the goals chosen, "ons plan is klaar".

The family makes the plan in Mijn Krachtbron and the adviser may make the same changes in the
file's tab "Netwerkplan". Each change is one transaction with its access-log row
(``families.actions.record_file_change``): the adviser as a staff user, a member as
``Actor.family_member``. The caller checks that the person or goal is one the actor may see.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from krachtbron.audit.log import Who
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.models import Family
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.models import NetworkPlan, PlanCall


def plan_of(family: Family) -> NetworkPlan:
    """The family's netwerkplan, made on the first change (one per family)."""
    plan, _new = NetworkPlan.objects.get_or_create(family=family)
    return plan


def add_call(
    who: Who, family: Family, person: NetworkPerson, call_for: str, phone: str = ""
) -> PlanCall:
    """Add "wie bel je waarvoor": ``person`` (of ``family``'s map), what for, and a phone
    number already normalised (``plan.normalise_phone``)."""
    if person.family_id != family.pk:
        raise ValueError("The person is not on this family's map.")
    with transaction.atomic():
        plan = plan_of(family)
        call = PlanCall.objects.create(plan=plan, person=person, call_for=call_for, phone=phone)
        NetworkPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
        record_file_change(who, family, AccessKind.CREATE, call)
    return call


def remove_call(who: Who, call: PlanCall) -> None:
    """Take a line out of the plan (a share that held it no longer shows it)."""
    family = call.plan.family
    with transaction.atomic():
        record_file_change(who, family, AccessKind.DELETE, call)
        call.delete()
        NetworkPlan.objects.filter(pk=call.plan_id).update(version=F("version") + 1)


def choose_goals(who: Who, family: Family, chosen: Iterable[int], among: Iterable[int]) -> bool:
    """Put the goals ``chosen`` in the plan and take the others of ``among`` out. ``among`` is
    what the actor may see: a goal outside it (a young person's own goal a parent may not see)
    keeps its place, whatever was posted. True when something changed."""
    among_ids = set(among)
    wanted = set(chosen) & among_ids
    with transaction.atomic():
        plan = plan_of(family)
        current = set(plan.shared_goals.values_list("pk", flat=True))
        new = (current - among_ids) | wanted
        if new == current:
            return False
        plan.shared_goals.set(sorted(new))
        NetworkPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
        record_file_change(
            who,
            family,
            AccessKind.CHANGE,
            plan,
            extra={"goals": len(new)},
        )
    return True


def mark_ready(who: Who, family: Family) -> bool:
    """ "Ons plan is klaar": from now on it can be shared. False when it already was."""
    with transaction.atomic():
        plan = plan_of(family)
        changed = NetworkPlan.objects.filter(pk=plan.pk, ready_at__isnull=True).update(
            ready_at=timezone.now(), version=F("version") + 1
        )
        if changed:
            record_file_change(who, family, AccessKind.CHANGE, plan, extra={"ready": True})
    return bool(changed)
