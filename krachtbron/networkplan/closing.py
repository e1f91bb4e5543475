"""The netwerkplan as a step of the closing walk (``families.closing``, issue 15 item 3).

The step also lists the agreements the adviser still carries ("de hulpverlener", agreed or
running), each with a link to its page, where the adviser marks it done or stopped. What is
still open at closing no longer shows in the plan, its PDF or its shares after closure
(``networkplan.plan.hides_open_adviser_agreements``): a plan "for when the help stops" does
not show tasks of someone who has stopped. After closure the step says what the plan is, in
words that ask nothing more of the adviser (breaker report 2 of issue 15, finding 6).
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import StepItem, StepState, item_url, register_closing_step
from krachtbron.families.models import Family
from krachtbron.networkplan.choices import OPEN_STATUSES
from krachtbron.networkplan.models import Agreement, NetworkPlan
from krachtbron.networkplan.plan import build_network_plan


def plan_state(family: Family) -> StepState:
    """Done when the family's netwerkplan exists, the family said it is ready and the adviser
    carries no open agreement. The summary names the plan's state, the number of agreements
    in the plan (as the plan tab counts them) and the adviser's open ones (listed as
    ``items``). Seven queries."""
    plan = NetworkPlan.objects.filter(family=family).only("ready_at").first()
    # What the plan tab shows, by the plan's own rule (second break report, finding 7).
    agreements = len(build_network_plan(family).agreements)
    own = list(
        Agreement.objects.filter(family=family, performer_adviser=True, status__in=OPEN_STATUSES)
        .order_by("created_at", "id")
        .only("pk", "text")
    )
    if family.status == FamilyStatus.CLOSED:
        return _after_closure(family, plan, agreements, len(own))
    if plan is None:
        state = _("Er is nog geen netwerkplan.")
    elif plan.ready_at is None:
        state = _("Het netwerkplan is er, maar nog niet klaar.")
    else:
        state = _("Het netwerkplan is klaar.")
    count = ngettext("%(count)d afspraak.", "%(count)d afspraken.", agreements) % {
        "count": agreements
    }
    summary = f"{state} {count}"
    if own:
        summary += " " + ngettext(
            "Je hebt zelf nog %(count)d open afspraak. Zet die op gedaan of gestopt: na het "
            "afsluiten staat die niet meer in het plan.",
            "Je hebt zelf nog %(count)d open afspraken. Zet die op gedaan of gestopt: na het "
            "afsluiten staan die niet meer in het plan.",
            len(own),
        ) % {"count": len(own)}
    try:
        url = reverse("networkplan:plan", kwargs={"pk": family.pk})
    except NoReverseMatch:  # the plan page comes with the netwerkplan part (issue 15 item 2)
        url = ""
    return StepState(
        done=plan is not None and plan.ready_at is not None and not own,
        summary=summary,
        url=url,
        items=tuple(
            StepItem(a.text, item_url(reverse("networkplan:agreement_edit", kwargs={"pk": a.pk})))
            for a in own
        ),
    )


def _after_closure(
    family: Family, plan: NetworkPlan | None, agreements: int, own: int
) -> StepState:
    """The step of a closed file: what the plan is, in words that ask nothing more of the
    adviser (the file is closed; reopening it is the way to work in it again)."""
    if plan is None:
        state = _("Er is geen netwerkplan gemaakt.")
    elif plan.ready_at is None:
        state = _("Het gezin had het netwerkplan nog niet klaar gezet.")
    else:
        state = _("Het netwerkplan is klaar.")
    parts = [state]
    if plan is not None:
        parts.append(
            ngettext("%(count)d afspraak.", "%(count)d afspraken.", agreements)
            % {"count": agreements}
        )
    if own:
        parts.append(
            ngettext(
                "%(count)d afspraak van jou stond bij het afsluiten nog open. Die staat niet meer "
                "in het plan.",
                "%(count)d afspraken van jou stonden bij het afsluiten nog open. Die staan niet "
                "meer in het plan.",
                own,
            )
            % {"count": own}
        )
    url = reverse("networkplan:plan", kwargs={"pk": family.pk}) if plan is not None else ""
    return StepState(
        done=plan is not None and plan.ready_at is not None, summary=" ".join(parts), url=url
    )


def register() -> None:
    register_closing_step("network_plan", gettext_lazy("Het netwerkplan"), 30, plan_state)
