"""The forms of Ons plan in Mijn Krachtbron: a goal in the member's own words, and scoring
yourself with the file's own solution-focused questions (``strengths.forms``)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import LifeDomain
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.strengths.forms import SolutionFocusedForm

FOR_ME, FOR_ALL = "mij", "gezin"


class FamilyGoalForm(Form):
    text = PlainTextField(
        label=_("Wat wil je bereiken?"),
        help_text=_("Schrijf het op in je eigen woorden. Bijvoorbeeld: 'Ik wil weer goed slapen.'"),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op wat je wilt bereiken.")},
    )
    life_domain = forms.ChoiceField(
        label=_("Waar gaat het over?"),
        choices=[("", _("Kies er een")), *LifeDomain.choices],
        error_messages={"required": _("Kies waar het over gaat.")},
    )
    for_whom = forms.ChoiceField(
        label=_("Voor wie is dit doel?"),
        choices=[(FOR_ME, _("Voor mij")), (FOR_ALL, _("Voor ons hele gezin"))],
        widget=forms.RadioSelect,
        initial=FOR_ME,
        error_messages={"required": _("Kies voor wie dit doel is.")},
    )


class OwnGoalForm(FamilyGoalForm):
    """The member corrects a goal they wrote: the same fields, and the version the form read
    (``lib.locking``: a change by the adviser in between is not overwritten)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TakeBackForm(Form):
    """ "Ja, neem terug": only the version the confirm page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OwnScoreForm(SolutionFocusedForm):
    """Score yourself on a goal or a dimension; the score's label says what 0 and 10 mean."""

    def __init__(self, *args: Any, score_label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if score_label is not None:
            self.fields["score"].label = score_label
