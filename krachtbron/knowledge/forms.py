from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.forms import VersionField
from krachtbron.knowledge import library
from krachtbron.knowledge.models import PlanStatus
from krachtbron.lib.dates import EARLIEST, DateRange, DateRangeField, fixed, years_from_today
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField


def _card_choices() -> list[tuple[str, str]]:
    return [(card.id, f"{card.number}. {card.title}") for card in library.all_cards()]


def _audience_choices() -> list[tuple[str, Any]]:
    return [(key, library.AUDIENCES[key]) for key in library.CARD_AUDIENCES]


class PlanForm(Form):
    """Preparing a conversation (§5.1): why, with whom, when, how, and which cards."""

    topic = PlainTextField(
        label=_("Onderwerp"),
        help_text=_("Kort: waar gaat het gesprek over?"),
        max_length=150,
    )
    purpose = PlainTextField(
        label=_("Waarom dit gesprek?"),
        help_text=_("Wat wil je ervan leren of samen bereiken?"),
        max_length=2000,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Met wie praat je?"),
        help_text=_("De kaarten tonen dan de vragen voor deze gesprekspartners."),
        choices=_audience_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    participants = PlainTextField(
        label=_("Wie doen er mee? (mag leeg)"),
        max_length=500,
        required=False,
    )
    # Planned up to two years ahead; an old plan of a long-running file stays editable.
    planned_on = DateRangeField(
        label=_("Wanneer? (mag leeg)"),
        required=False,
        date_range=DateRange(fixed(EARLIEST), years_from_today(2)),
    )
    approach = PlainTextField(
        label=_("Hoe pak je het aan?"),
        help_text=_("Werkvorm, plek, tijd, wie leidt het gesprek."),
        max_length=2000,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cards = forms.MultipleChoiceField(
        label=_("Gesprekskaarten"),
        choices=_card_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, family_plan: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if family_plan:
            self.fields["participants"].help_text = _(
                "Bijvoorbeeld 'moeder en oudste zoon'. Alleen wat nodig is."
            )
        else:
            self.fields["participants"].help_text = _(
                "Een teamgesprek gaat over het werk: noem hier geen gezinnen."
            )


class RecordForm(Form):
    """What came out of the conversation."""

    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    notes = PlainTextField(
        label=_("Aantekeningen"),
        max_length=5000,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    agreements = PlainTextField(
        label=_("Afspraken"),
        help_text=_("Wie doet wat, en wanneer kijk je er samen naar terug?"),
        max_length=3000,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = VersionField()
