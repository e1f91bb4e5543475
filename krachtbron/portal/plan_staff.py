"""What the family said in Mijn Krachtbron, for the adviser: the open "hier wil ik over praten"
flags on the caseload (a note on the card) and at the top of the file's tab *Eerste vraag en
doelen* (a panel, ``families.file_tabs.register_panel``), and *Besproken* to close one; the
goals the family proposed or corrected, waiting for an answer (a note on the card).

Both places belong to lower apps (families, strengths); the portal adds to them through their
registries, so they never import the portal (ADR 12)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.families.caseload import counted_note
from krachtbron.families.choices import GoalProposal
from krachtbron.families.file_tabs import FilePanel
from krachtbron.families.models import Family, Goal
from krachtbron.instruments import available_languages, get_instrument
from krachtbron.lib.prepared import Prepared
from krachtbron.portal import plan_actions
from krachtbron.portal.models import TalkFlag
from krachtbron.portal.permissions import get_talk_flag_for_user


@dataclass(frozen=True)
class OpenFlag:
    pk: int
    who: str
    raised_at: datetime
    goal_id: int | None
    about: str  # the goal's text, or which answer of which questionnaire


def flag_subject(flag: TalkFlag) -> str:
    """What a flag is about, in words: the goal's own text, or the question (the instrument's
    own words, in the language Krachtbron's staff read) and the questionnaire's date (load
    ``goal`` and ``answer__response`` with the flag)."""
    if flag.goal is not None:
        return flag.goal.text
    answer = flag.answer
    assert answer is not None  # the check constraint: a goal or an answer
    response = answer.response
    return _("%(question)s (vragenlijst van %(date)s)") % {
        "question": _question(response.instrument_id, response.instrument_version, answer.item_id),
        "date": f"{timezone.localtime(response.started_at):%d-%m-%Y}",
    }


def _question(instrument_id: str, version: str, item_id: str) -> str:
    """The text of item ``item_id`` in the instrument's original language; the id itself only
    for an item the instrument no longer knows."""
    try:
        language = available_languages(instrument_id, version)[0]
        items = get_instrument(instrument_id, language, version).items
    except LookupError:
        return item_id
    return next((item.text for item in items if item.id == item_id), item_id)


def open_flags(family: Family) -> list[OpenFlag]:
    """The family's open flags, oldest first: one query."""
    rows = (
        TalkFlag.objects.filter(family=family, talked_at__isnull=True)
        .select_related("raised_by", "goal", "answer__response")
        .order_by("raised_at", "id")
    )
    return [
        OpenFlag(
            flag.pk, flag.raised_by.first_name, flag.raised_at, flag.goal_id, flag_subject(flag)
        )
        for flag in rows
    ]


def goals_panel(family: Family) -> FilePanel | None:
    """The panel "Hier wil het gezin over praten" on the goals tab (none when nothing is open)."""
    flags = open_flags(family)
    return FilePanel("portal/staff/talk_flags.html", flags) if flags else None


# Compiled once per process (``lib.prepared``): the caseload runs it on every view.
_OPEN_COUNTS = Prepared(
    lambda family_ids: (
        TalkFlag.objects.filter(family_id__in=family_ids, talked_at__isnull=True)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)


#: For the caseload cards: "2 onderwerpen om te bespreken" per family with open flags.
caseload_notes = counted_note(
    _OPEN_COUNTS,
    ngettext_lazy("%(n)d onderwerp om te bespreken", "%(n)d onderwerpen om te bespreken", "n"),
)


# Goals the family proposed (new, or corrected by their writer: ``own_goals``) that wait for the
# adviser's answer.
_PROPOSED_COUNTS = Prepared(
    lambda family_ids: (
        Goal.objects.filter(family_id__in=family_ids, proposal=GoalProposal.PROPOSED)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)


#: For the caseload cards: "1 doel van het gezin om te bekijken" per family with goals that
#: wait for the adviser's answer, new or corrected by the family.
proposal_notes = counted_note(
    _PROPOSED_COUNTS,
    ngettext_lazy(
        "%(n)d doel van het gezin om te bekijken", "%(n)d doelen van het gezin om te bekijken", "n"
    ),
)


@require_POST
def talk_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """*Besproken*: the adviser talked about it with the family (once)."""
    flag = get_talk_flag_for_user(request.user, pk)
    if plan_actions.mark_talked(request.user, flag):
        messages.success(request, _("Gemarkeerd als besproken."))
    return redirect(reverse("strengths:goals", args=[flag.family_id]) + "#praten")
