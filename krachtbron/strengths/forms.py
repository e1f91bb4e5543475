import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Dimension, LifeDomain, Visibility
from krachtbron.families.forms import VersionField, visibility_form_field
from krachtbron.lib.dates import (
    NOT_IN_THE_FUTURE,
    DateRange,
    DateRangeField,
    days_from_today,
    today,
)
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.strengths.models import (
    SCALE_MAX,
    SCALE_MIN,
    FirstQuestionStatus,
    Perspective,
)

SCORE_CHOICES = [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
# Scalings are noted during or after a conversation; older ones may be copied from paper
# notes, but not from before any family file here could have existed.
OLDEST_NOTE_DAYS = 366 * 5


def _text(label: Any, help_text: Any = "", max_length: int = 1000) -> PlainTextField:
    return PlainTextField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _ScaleRadios(forms.RadioSelect):
    """Radio buttons whose choices are the fixed scale: a form's copy shares them."""

    def __deepcopy__(self, memo: dict[int, Any]) -> "_ScaleRadios":
        copied = copy.copy(self)
        copied.attrs = self.attrs.copy()
        memo[id(self)] = copied
        return copied


class ScoreField(forms.TypedChoiceField):
    """0-10 as radio buttons: one tap on a phone, no typing errors.

    Every form copies its fields (Django deep-copies ``base_fields``); the 0-10 choices never
    change, so a copy shares them (``__deepcopy__``) instead of copying eleven pairs twice,
    which was most of a score form's cost (docs/mijn-krachtbron.md, "Snelheid"). Giving a
    form's field other choices (``field.choices = ...``) replaces them for that form only.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=SCORE_CHOICES,
            coerce=int,
            widget=_ScaleRadios(attrs={"class": "scale"}),
            error_messages={
                "required": _("Kies een cijfer van 0 tot en met 10."),
                "invalid_choice": _("Kies een cijfer van 0 tot en met 10."),
            },
            **kwargs,
        )

    def __deepcopy__(self, memo: dict[int, Any]) -> "ScoreField":
        # Field's copy (widget, error messages, validators), not ChoiceField's deep copy of
        # the fixed choices.
        copied: ScoreField = forms.Field.__deepcopy__(self, memo)
        return copied


class NotedOnField(DateRangeField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Datum"),
            date_range=DateRange(
                days_from_today(-OLDEST_NOTE_DAYS), today, too_late=NOT_IN_THE_FUTURE
            ),
            error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2025-03-14.")},
            **kwargs,
        )


class StrengthEntryForm(Form):
    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
    life_domain = forms.ChoiceField(
        label=_("Leefgebied (mag leeg)"),
        help_text=_("Laat leeg als het over het leven in het algemeen gaat."),
        choices=[("", _("Algemeen, geen apart leefgebied")), *LifeDomain.choices],
        required=False,
    )
    goes_well = _text(
        _("Wat gaat goed? (krachtbronnen)"),
        _("Kwaliteiten, talenten, wat iemand al voor elkaar kreeg."),
    )
    is_hard = _text(_("Wat is moeilijk?"))
    gives_energy = _text(_("Waar krijgt dit gezinslid energie van?"))
    visibility = visibility_form_field(_("Wie ziet dit deel van het krachtenprofiel?"))
    version = VersionField(required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # Which dimension and domain an entry is about is fixed once it exists.
            del self.fields["dimension"]
            del self.fields["life_domain"]
            self.fields["version"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = [data.get(name) for name in ("goes_well", "is_hard", "gives_energy")]
        if not self.errors and not any(texts):
            raise forms.ValidationError(_("Vul minstens één van de drie vragen in."))
        return data


#: The solution-focused scaling questions (§5.2), asked in the file and in Mijn Krachtbron.
WHERE_NOW = _("Waar sta je nu? (0 = het slechtst denkbaar, 10 = het beste)")
NOT_ZERO = _("Wat maakt dat het geen 0 is?")
ONE_STEP = _("Wat is één stap hoger? Wat zou je dan merken?")


class SolutionFocusedForm(Form):
    """The scaling question 0-10 with its two follow-ups, as the file asks them (§5.2)."""

    score = ScoreField(label=WHERE_NOW)
    not_zero_because = _text(NOT_ZERO)
    one_step_higher = _text(ONE_STEP)


class ScalingForm(SolutionFocusedForm):
    dimension = forms.ChoiceField(label=_("Dimensie"), choices=Dimension.choices)
    perspective = forms.ChoiceField(
        label=_("Wie geeft het cijfer?"),
        choices=Perspective.choices,
        widget=forms.RadioSelect,
        initial=Perspective.MEMBER,
    )
    noted_on = NotedOnField()
    visibility = forms.ChoiceField(
        label=_("Wie ziet dit cijfer?"),
        choices=[
            (
                "",
                _("Zoals gewoonlijk: het gezin ziet een eigen cijfer, niet dat van de adviseur"),
            ),
            *Visibility.choices,
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    field_order = [
        "dimension",
        "perspective",
        "score",
        "not_zero_because",
        "one_step_higher",
        "noted_on",
        "visibility",
    ]


class GoalScalingForm(Form):
    score = ScoreField(label=_("Hoe ver is het gezin met dit doel? (0 = nog niets, 10 = bereikt)"))
    note = _text(_("Wat hielp, of wat is de volgende stap? (mag leeg)"), max_length=500)
    noted_on = NotedOnField()
    visibility = visibility_form_field(_("Wie ziet dit cijfer?"))


class FirstQuestionForm(Form):
    text = PlainTextField(
        label=_("De eerste vraag van het gezin, in hun eigen woorden"),
        help_text=_("Bijvoorbeeld: 'Ik krijg een brief over de huur die ik niet snap.'"),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=FirstQuestionStatus.choices)
    practical_help = _text(
        _("Wat doen we er samen aan? (mag leeg)"),
        _("Praktische hulp eerst als de nood hoog is (handreiking §3.2)."),
    )
    visibility = visibility_form_field(_("Wie ziet de eerste vraag?"))
    version = VersionField(required=False)


class PlanReaderForm(Form):
    """'Ons krachtenplan' for whom: the whole family (what the adviser shares with the family),
    or one member, with exactly what that member may see (families.rights) — the plan a parent
    takes home then leaves out what a 16-year-old keeps to themselves. GET ``voor``."""

    voor = forms.TypedChoiceField(
        label=_("Voor wie is dit plan?"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies iemand uit de lijst.")},
    )

    def __init__(self, *args: Any, readers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["voor"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Het hele gezin")), *readers]
