"""The dashboard's filters. They hold no personal data (instrument, team id, quarter)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.lib.fields import choice_field
from krachtbron.lib.forms import Form
from krachtbron.lib.quarters import quarter_label


class DashboardFilterForm(Form):
    """Filters in the query string; ``instruments`` are the (id, label) choices of
    ``dashboards.dashboard_instruments`` (the registered answer sources)."""

    instrument = forms.ChoiceField(label=_("Vragenlijst"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    quarter = forms.ChoiceField(label=_("Kwartaal"), required=False)

    def __init__(
        self,
        *args: Any,
        teams: list[Team],
        quarters: list[int],
        instruments: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if instruments is not None:
            choice_field(self, "instrument").choices = instruments
        else:
            del self.fields["instrument"]
        if len(teams) > 1:
            choice_field(self, "team").choices = [("", _("Alle teams"))] + [
                (str(t.pk), t.name) for t in teams
            ]
        else:
            del self.fields["team"]
        choice_field(self, "quarter").choices = [("", _("Alle kwartalen"))] + [
            (str(q), quarter_label(q)) for q in reversed(quarters)
        ]


class ReportFilterForm(Form):
    """The team report's choice: the team (a reader of several teams) and one of the quarters
    in which that team has a figure (``report.report_quarters``). In the query string."""

    team = forms.ChoiceField(label=_("Team"), required=False)
    quarter = forms.ChoiceField(label=_("Kwartaal"), required=False)

    def __init__(self, *args: Any, teams: list[Team], quarters: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(teams) > 1:
            choice_field(self, "team").choices = [(str(t.pk), t.name) for t in teams]
        else:
            del self.fields["team"]
        choice_field(self, "quarter").choices = [(str(q), quarter_label(q)) for q in quarters]
