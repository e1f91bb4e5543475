"""The adviser's answer to a goal the family proposed in Mijn Krachtbron: agree it, or mark it
to talk about first. A POST from the Eerste vraag en doelen tab; it changes once (a second click
changes nothing) through the file's write path."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.families import actions as family_actions
from krachtbron.families.choices import GoalProposal
from krachtbron.families.permissions import get_goal_for_user

ANSWERS = {"akkoord": GoalProposal.AGREED, "bespreken": GoalProposal.DISCUSS}


def _goals_tab(family_pk: int, anchor: str) -> str:
    return reverse("strengths:goals", args=[family_pk]) + f"#{anchor}"


@require_POST
def settle_goal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    answer = ANSWERS.get(request.POST.get("antwoord", ""))
    if answer is None:
        messages.error(request, _("Kies: akkoord, of eerst samen bespreken."))
    elif family_actions.settle_family_goal(request.user, goal, answer):
        if answer == GoalProposal.AGREED:
            messages.success(request, _("Het doel van het gezin staat nu in het plan."))
        else:
            messages.success(request, _("Het gezin ziet dat jullie dit doel samen bespreken."))
    return redirect(_goals_tab(goal.family_id, f"doel-{goal.pk}"))
