"""Forms of the reflection app (reflections and rounds). Each accepts only its own fields (no
team, owner or role)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.instruments import Instrument
from krachtbron.instruments.ids import ORGANISATION, PROFESSIONALS
from krachtbron.lib.dates import DateRange, DateRangeField, today, years_from_today
from krachtbron.lib.fields import ModelMultipleChoiceField
from krachtbron.lib.forms import Form
from krachtbron.lib.instrument_language import instrument_for_reader
from krachtbron.lib.text import PlainTextField


class InstrumentAnswersForm(Form):
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


class RoundForm(Form):
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
            self.fields["teams"] = ModelMultipleChoiceField(
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
