"""What an app above this one does when a round closes, and shows on a closed round's page.

``reflection`` sits below ``insight`` in the layers (docs/adr/0012-layers.md): it stores rounds
and answers, ``insight`` publishes and shows their group figures, and this app never imports it.
Instead ``insight`` registers here, in its ``AppConfig.ready()``:

* ``on_round_closed(callback)``: ``callback(round_)`` runs inside ``actions.close_round``'s
  transaction, with the round row locked and its answer sets stored, so the figures are
  published in the same transaction as the close (or neither happens).
* ``register_round_results(render)``: ``render(request, round_, teams)`` returns the HTML of a
  closed round's results for its page. A closed round's page without it is a configuration
  error (``ImproperlyConfigured``), not a page without results.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.safestring import SafeString

from krachtbron.accounts.models import Team
from krachtbron.reflection.models import ReflectionRound

RoundClosed = Callable[[ReflectionRound], object]
RoundResults = Callable[[HttpRequest, ReflectionRound, list[Team]], SafeString]

_closed: list[RoundClosed] = []
_results: list[RoundResults] = []


def on_round_closed(callback: RoundClosed) -> None:
    """Call ``callback(round_)`` in the transaction that closes a round (once per callback,
    however often ``ready()`` runs)."""
    if callback not in _closed:
        _closed.append(callback)


def round_closed(round_: ReflectionRound) -> None:
    """Run the registered callbacks for a round that has just been closed (``close_round``)."""
    for callback in _closed:
        callback(round_)


def register_round_results(render: RoundResults) -> None:
    """Let one app render the results of a closed round; a second, different one is an error."""
    if _results and _results[0] != render:
        raise ImproperlyConfigured("the results of a round are already rendered by another app")
    _results[:] = [render]


def round_results(request: HttpRequest, round_: ReflectionRound, teams: list[Team]) -> SafeString:
    """The HTML of a closed round's results (``register_round_results``)."""
    if not _results:
        raise ImproperlyConfigured("no app renders the results of a round (insight not installed?)")
    return _results[0](request, round_, teams)
