"""The figures of organisation rounds, hooked into ``reflection`` (``reflection/hooks.py``).

``reflection`` stores rounds and never imports this app; ``InsightConfig.ready()`` registers
``publish_round`` (run in the transaction that closes a round) and ``round_results`` (the
results section of a closed round's page).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Team
from krachtbron.insight.dashboards import build_dashboard
from krachtbron.lib.charts import hbar_chart
from krachtbron.reflection.models import ReflectionRound, RoundScope


def round_results(request: HttpRequest, round_: ReflectionRound, teams: list[Team]) -> SafeString:
    """The published figures of a closed round over ``teams`` (its teams): the total, per
    statement and per team, each behind the one suppression rule."""
    dashboard = build_dashboard(
        round_.instrument_id,
        teams,
        all_teams=round_.scope == RoundScope.ORGANISATION,
        round_=round_,
    )
    total = dashboard.total
    chart = None
    if not total.suppressed:
        chart = hbar_chart(
            [(s.title, s.mean) for s in total.sections],
            title=_("Gemiddelde per dimensie (n = %(n)s)") % {"n": total.n},
            desc=_("De tabel eronder geeft dezelfde cijfers."),
        )
    html = render_to_string(
        "insight/_round_results.html", {"dashboard": dashboard, "chart": chart}, request=request
    )
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escapes
