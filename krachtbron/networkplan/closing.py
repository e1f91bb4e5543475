"""The netwerkplan as a step of the closing walk (``families.closing``, issue 15 item 3)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krachtbron.families.closing import StepState, register_closing_step
from krachtbron.families.models import Family
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement, NetworkPlan


def plan_state(family: Family) -> StepState:
    """Done when the family's netwerkplan exists and the family said it is ready. The summary
    names the plan's state and the number of agreements that still run. Two queries."""
    plan = NetworkPlan.objects.filter(family=family).only("ready_at").first()
    agreements = (
        Agreement.objects.filter(family=family).exclude(status=AgreementStatus.STOPPED).count()
    )
    if plan is None:
        state = _("Er is nog geen netwerkplan.")
    elif plan.ready_at is None:
        state = _("Het netwerkplan is er, maar nog niet klaar.")
    else:
        state = _("Het netwerkplan is klaar.")
    count = ngettext("%(count)d afspraak.", "%(count)d afspraken.", agreements) % {
        "count": agreements
    }
    try:
        url = reverse("networkplan:plan", kwargs={"pk": family.pk})
    except NoReverseMatch:  # the plan page comes with the netwerkplan part (issue 15 item 2)
        url = ""
    return StepState(
        done=plan is not None and plan.ready_at is not None, summary=f"{state} {count}", url=url
    )


def register() -> None:
    register_closing_step("network_plan", gettext_lazy("Het netwerkplan"), 30, plan_state)
