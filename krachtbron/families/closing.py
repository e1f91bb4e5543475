"""The closing walk (afsluiting, issue 15): what the adviser checks before the help stops.

Each app that adds something to the end of the help registers a *closing step* in its
``AppConfig.ready()``: ``questionnaires`` the questionnaire at closure, ``network`` who stays
when the help stops, ``networkplan`` the netwerkplan (``networkplan/closing.py``). The walk
(``aftercare:close``) shows every step's state in ``order``; a step that is not done does not
block closing, it is shown plainly. The registry lives here, below the apps that register into
it and the app that reads it (``aftercare``), as ``file_tabs`` does (docs/adr/0012-layers.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

if TYPE_CHECKING:
    from krachtbron.families.models import Family


#: A step item's page sends the adviser back to the walk after saving when its URL carries
#: ``?terug=afsluiten`` (a fixed word, not an address: nothing to redirect elsewhere).
BACK_PARAMETER, BACK_VALUE = "terug", "afsluiten"


def item_url(url: str) -> str:
    """The page of a step item, with the way back to the walk: ``"/…/?terug=afsluiten"``."""
    return f"{url}?{BACK_PARAMETER}={BACK_VALUE}"


def back_to_walk(request: HttpRequest, family: Family) -> str | None:
    """The closing walk's address when the page was opened from it (``item_url``), else None."""
    if request.GET.get(BACK_PARAMETER) != BACK_VALUE:
        return None
    return reverse("aftercare:close", kwargs={"pk": family.pk})


@dataclass(frozen=True)
class StepItem:
    """One thing in a step the adviser should look at before closing, with the page where
    they settle it (an open agreement the adviser carries, and its edit page)."""

    text: str
    url: str


@dataclass(frozen=True)
class StepState:
    """Where one step stands for one family: ``done`` or not, ``summary`` in one short Dutch
    sentence for the adviser ("2 uitnodigingen verstuurd, 1 ingevuld"), ``url`` the page
    where the adviser does the step ("" when there is none), and ``items`` the things in it
    to settle one by one (shown as a list of links under the summary)."""

    done: bool
    summary: str
    url: str = ""
    items: tuple[StepItem, ...] = ()


@dataclass(frozen=True)
class ClosingStep:
    key: str
    label: str | Promise
    order: int
    state: Callable[[Family], StepState]


_STEPS: dict[str, ClosingStep] = {}


def register_closing_step(
    key: str, label: str | Promise, order: int, state: Callable[[Family], StepState]
) -> None:
    """Add a step to the closing walk. ``state(family)`` reads what the step needs (a fixed
    number of queries) and returns a ``StepState``. Registering a key again replaces it."""
    _STEPS[key] = ClosingStep(key, label, order, state)


def closing_steps() -> list[ClosingStep]:
    """Every registered step, in ``order``."""
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.key))


def step_states(family: Family) -> list[tuple[ClosingStep, StepState]]:
    """Each step with its state for ``family``, in order."""
    return [(step, step.state(family)) for step in closing_steps()]


# --- When the family's own access ends --------------------------------------------------------

_ACCESS_ENDS: list[Callable[[Family, date], bool]] = []


def register_access_end(ended: Callable[[Family, date], bool]) -> None:
    """Declare a rule that says whether the family's own access to its plan has ended on a day
    (``aftercare``: Mijn Krachtbron ends ``PORTAL_AFTER_CLOSE_MONTHS`` after closing). What the
    family opened to others (a share of the netwerkplan) ends with it: after that no one in the
    family can see or stop it any more."""
    _ACCESS_ENDS.append(ended)


_ACCESS_END_CLEANUPS: list[Callable[[Family | None, date], int]] = []


def register_access_end_cleanup(cleanup: Callable[[Family | None, date], int]) -> None:
    """Declare what must stop for good once the family's own access has ended
    (``cleanup(family or None for every family, day)`` returns how many it stopped; the
    netwerkplan ends its shares)."""
    _ACCESS_END_CLEANUPS.append(cleanup)


def end_what_access_opened(family: Family | None = None, day: date | None = None) -> int:
    """Run every registered cleanup for ``family`` (None: every family whose access ended) on
    ``day`` (default today): from the daily round, and before a file whose access had ended is
    reopened (what ended then stays ended). Returns how many things stopped."""
    today = day or timezone.localdate()
    return sum(cleanup(family, today) for cleanup in _ACCESS_END_CLEANUPS)


def family_access_ended(family: Family, day: date | None = None) -> bool:
    """Has the family's own access to its plan ended on ``day`` (default today, Amsterdam)?
    False when no rule says so; each rule costs at most one query (none for an open file)."""
    today = day or timezone.localdate()
    return any(ended(family, today) for ended in _ACCESS_ENDS)
