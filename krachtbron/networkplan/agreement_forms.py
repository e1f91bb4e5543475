"""The forms of the afspraken: the adviser's agreement (add and edit), and the aanspreekpunt
of a network person (the adviser's and the family's, the same form)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.forms import FamilyObjectField, FamilyScopedForm, VersionField
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.families.permissions import refuse_reference
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.agreements import (
    ADVISER_VALUE,
    Performer,
    parse_performer_value,
    performer_choices,
)
from krachtbron.networkplan.choices import AgreementStatus

PERFORMER_REQUIRED = _("Kies wie het doet.")
PERFORMER_INVALID = _(
    "Kies iemand uit de lijst: iemand uit het gezin, van de netwerkkaart, of jezelf."
)


def text_field(label: Any, help_text: Any = "") -> PlainTextField:
    return PlainTextField(
        label=label,
        help_text=help_text,
        max_length=500,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf op wat jullie afspreken.")},
    )


def when_field(label: Any) -> PlainTextField:
    return PlainTextField(
        label=label,
        help_text=_("Bijvoorbeeld 'elke woensdag', 'in de herfstvakantie' of 'als het nodig is'."),
        max_length=100,
        required=False,
    )


class PerformerField(forms.ChoiceField):
    """The one select of who does it; the form sets the choices and turns the value into a
    ``Performer`` (``AgreementForm.clean_performer``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            error_messages={"required": PERFORMER_REQUIRED, "invalid_choice": PERFORMER_INVALID},
            **kwargs,
        )


def performer_from(
    value: str, members: dict[int, FamilyMember], persons: dict[int, NetworkPerson]
) -> Performer | None:
    """The performer the select's ``value`` names among ``members`` and ``persons`` (the ones
    the form offered), else None."""
    parsed = parse_performer_value(value)
    if parsed is None:
        return None
    kind, number = parsed
    if kind == ADVISER_VALUE:
        return Performer(adviser=True)
    if kind == "m" and number in members:
        return Performer(member=members[number])
    if kind == "p" and number in persons:
        return Performer(person=persons[number])
    return None


class AgreementForm(FamilyScopedForm):
    """An agreement in the file: the goal, what, who (one select), when, and its status."""

    goal = FamilyObjectField(
        label=_("Bij welk doel?"),
        queryset=Goal.objects.all(),
        empty_label=_("Kies een doel"),
        error_messages={
            "required": _("Kies bij welk doel deze afspraak hoort."),
            "invalid_choice": _("Kies een doel van dit gezin."),
        },
    )
    text = text_field(_("Wat spreken jullie af?"))
    performer = PerformerField(label=_("Wie doet het?"))
    when = when_field(_("Wanneer of hoe vaak? (mag leeg)"))
    status = forms.ChoiceField(
        label=_("Stand"), choices=AgreementStatus.choices, initial=AgreementStatus.AGREED
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = kwargs["user"]
        goal_field = self.fields["goal"]
        assert isinstance(goal_field, forms.ModelChoiceField)
        goal_field.queryset = goal_field.queryset.select_related("member").order_by(  # type: ignore[union-attr]
            "created_at", "id"
        )
        goal_field.label_from_instance = _goal_label  # type: ignore[method-assign,assignment]
        self.members = {m.pk: m for m in FamilyMember.objects.filter(family=self.family)}
        self.persons = {p.pk: p for p in NetworkPerson.objects.filter(family=self.family)}
        performer = self.fields["performer"]
        assert isinstance(performer, forms.ChoiceField)
        performer.choices = performer_choices(
            self.members.values(), self.persons.values(), str(_("ik (de hulpverlener)"))
        )
        if editing:
            self.fields["version"].required = True

    def clean_performer(self) -> Performer:
        value = self.cleaned_data["performer"]
        found = performer_from(value, self.members, self.persons)
        if found is None:
            raise forms.ValidationError(PERFORMER_INVALID)
        return found

    def full_clean(self) -> None:
        super().full_clean()
        # A member or person of another family named in the select: a refused look at that
        # family (as every field that names an object, FamilyScopedForm).
        if self.is_bound and "performer" in self.errors:
            parsed = parse_performer_value(str(self.data.get("performer", "")))
            if parsed is not None and parsed[1] is not None:
                queryset: Any = (
                    FamilyMember.objects.all() if parsed[0] == "m" else NetworkPerson.objects.all()
                )
                refuse_reference(self.user, self.family, queryset, parsed[1])

    def agreement_fields(self) -> dict[str, Any]:
        """The cleaned data as the actions' keyword arguments (without the version)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


def _goal_label(goal: Goal) -> str:
    text = goal.text if len(goal.text) <= 80 else goal.text[:79] + "…"
    who = goal.member.first_name if goal.member else str(_("hele gezin"))
    return f"{text} ({who})"


class ContactPointForm(Form):
    """Where a network person can turn when it gets too much: someone from the map, or a few
    words. ``persons``: the ones the reader may choose from (the person itself left out)."""

    turns_to = forms.ChoiceField(
        label=_("Bij wie kan deze persoon terecht?"),
        required=False,
        error_messages={"invalid_choice": _("Kies iemand uit de lijst.")},
    )
    turns_to_text = PlainTextField(
        label=_("Of schrijf het in een paar woorden"),
        help_text=_("Bijvoorbeeld 'het buurtteam' of 'de huisarts'."),
        max_length=100,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, persons: list[NetworkPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persons = {p.pk: p for p in persons}
        field = self.fields["turns_to"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Niemand van de kaart"))] + [(str(p.pk), p.label) for p in persons]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen, words = data.get("turns_to"), data.get("turns_to_text")
        if "turns_to" in self.errors or "turns_to_text" in self.errors:
            return data
        if chosen and words:
            raise forms.ValidationError(
                _("Kies iemand van de kaart, of schrijf een paar woorden. Niet allebei.")
            )
        if not chosen and not words:
            raise forms.ValidationError(_("Kies iemand van de kaart, of schrijf een paar woorden."))
        return data

    def contact_fields(self) -> dict[str, Any]:
        chosen = self.cleaned_data.get("turns_to")
        return {
            "turns_to": self.persons[int(chosen)] if chosen else None,
            "turns_to_text": self.cleaned_data.get("turns_to_text") or "",
        }
