"""Forms of the reflection app. Each accepts only its own fields (no team, owner or role)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.instruments import Instrument
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib.dates import (
    EARLIEST,
    DateRange,
    DateRangeField,
    fixed,
    today,
    years_from_today,
)
from krachtbron.lib.instrument_language import instrument_for_reader
from krachtbron.lib.text import PlainTextField
from krachtbron.reflection.periods import quarter_label


class InstrumentAnswersForm(forms.Form):
    """One radio group (0–4, may be skipped) per item of an instrument."""

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        choices = [(str(o.value), f"{o.value} · {o.label}") for o in instrument.scale]
        for number, item in enumerate(instrument.items, start=1):
            self.fields[f"item_{item.id}"] = forms.TypedChoiceField(
                label=f"{number}. {item.text}",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies een antwoord van 0 tot en met 4.")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answered = [data.get(f"item_{i}") for i in self.instrument.item_ids]
        if not self.errors and all(value is None for value in answered):
            raise ValidationError(_("Geef bij minstens één vraag een antwoord."), code="empty")
        return data

    def answers(self) -> dict[str, int | None]:
        return {i: self.cleaned_data.get(f"item_{i}") for i in self.instrument.item_ids}

    def sections(self) -> list[dict[str, Any]]:
        """The item fields grouped per section, for the template."""
        return [
            {"section": section, "fields": [self[f"item_{item.id}"] for item in section.items]}
            for section in self.instrument.sections
        ]


class ReflectionForm(InstrumentAnswersForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, instrument=instrument_for_reader(PROFESSIONALS), **kwargs)
        self.fields["counts_in_team"] = forms.BooleanField(
            label=_("Tel deze reflectie anoniem mee in de cijfers van mijn team"),
            help_text=_(
                "Je team ziet nooit jouw antwoorden, alleen cijfers van minstens 5 collega's "
                "samen. Je kiest dit elke keer opnieuw."
            ),
            required=False,
        )
        self.fields["note"] = PlainTextField(
            label=_("Eigen aantekening (alleen voor jou)"),
            help_text=_("Bijvoorbeeld wat je meeneemt naar intervisie. Ten hoogste 2000 tekens."),
            max_length=2000,
            multiline=True,
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )


class RoundAnswerForm(InstrumentAnswersForm):
    def __init__(self, *args: Any, version: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, instrument=instrument_for_reader(ORGANISATION, version), **kwargs)


class RoundForm(forms.Form):
    title = PlainTextField(
        label=_("Titel"), max_length=120, help_text=_("Bijvoorbeeld 'Voorjaar 2026'.")
    )
    # A round runs at most a year and has not ended yet; it is opened at most two years ahead.
    starts_on = DateRangeField(
        label=_("Van"),
        date_range=DateRange(years_from_today(-1), years_from_today(2)),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-03-01.")},
    )
    ends_on = DateRangeField(
        label=_("Tot en met"),
        date_range=DateRange(
            today,
            years_from_today(3),
            too_early=_("De einddatum ligt in het verleden: kies vandaag of later."),
        ),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-03-31.")},
    )

    def __init__(self, *args: Any, for_organisation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_organisation = for_organisation
        if for_organisation:
            self.fields["teams"] = forms.ModelMultipleChoiceField(
                label=_("Teams"),
                help_text=_("Kies niets voor alle actieve teams."),
                queryset=Team.objects.filter(is_active=True).order_by("name"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _("Kies alleen teams uit de lijst."),
                    "invalid_pk_value": _("Kies alleen teams uit de lijst."),
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
            elif ends_on < timezone.localdate():
                self.add_error("ends_on", _("De einddatum ligt in het verleden."))
            elif ends_on - starts_on > timedelta(days=366):
                self.add_error("ends_on", _("Een ronde duurt ten hoogste een jaar."))
        return data


INSTRUMENT_LABELS = {
    FAMILIES: _("Gezinnen: Aansluiten bij de kracht van gezinnen"),
    PROFESSIONALS: _("Professionals: De kracht van professionals"),
    ORGANISATION: _("Organisatie: De kracht van de organisatie"),
}


class DashboardFilterForm(forms.Form):
    """Filters in the query string: they hold no personal data (instrument, team id, quarter)."""

    instrument = forms.ChoiceField(label=_("Vragenlijst"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    quarter = forms.ChoiceField(label=_("Kwartaal"), required=False)

    def __init__(
        self,
        *args: Any,
        teams: list[Team],
        quarters: list[int],
        with_instrument: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_instrument:
            self.fields["instrument"].choices = list(INSTRUMENT_LABELS.items())  # type: ignore[attr-defined]
        else:
            del self.fields["instrument"]
        if len(teams) > 1:
            self.fields["team"].choices = [("", _("Alle teams"))] + [  # type: ignore[attr-defined]
                (str(t.pk), t.name) for t in teams
            ]
        else:
            del self.fields["team"]
        self.fields["quarter"].choices = [("", _("Alle kwartalen"))] + [  # type: ignore[attr-defined]
            (str(q), quarter_label(q)) for q in reversed(quarters)
        ]


_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _month_start(bound: Callable[[], date]) -> Callable[[], date]:
    return lambda: bound().replace(day=1)


# Research covers Krachtbron's own months: from its start to five years ahead (a project may be
# set up before its data exist; it is exported when its last month is over).
MONTHS = DateRange(
    fixed(EARLIEST),
    _month_start(years_from_today(5)),
    too_early=_("Kies een maand vanaf %(date)s."),
    too_late=_("Kies een maand tot en met %(date)s."),
    shown_as="F Y",
)


class MonthField(forms.CharField):
    """A month as JJJJ-MM within ``MONTHS``; cleaned to the first day of that month."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=7, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "2025-01"})
        self.date_range = MONTHS

    def clean(self, value: Any) -> date:
        text = super().clean(value)
        match = _MONTH_RE.match(text or "")
        if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            raise ValidationError(
                _("Schrijf de maand als jaar-maand, bijvoorbeeld 2025-01."), code="month"
            )
        month = date(int(match.group(1)), int(match.group(2)), 1)
        self.date_range.check(month)
        return month


class ProjectForm(forms.Form):
    title = PlainTextField(label=_("Titel van het project"), max_length=120)
    purpose = PlainTextField(
        label=_("Doel van het onderzoek"),
        help_text=_("Waarvoor gebruik je de gegevens? Ten hoogste 2000 tekens."),
        max_length=2000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    first_month = MonthField(label=_("Vanaf maand (jaar-maand)"))
    last_month = MonthField(label=_("Tot en met maand (jaar-maand)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_month"), data.get("last_month")
        if first and last and last < first:
            self.add_error("last_month", _("De laatste maand ligt vóór de eerste maand."))
        return data
