from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Visibility
from krachtbron.families.forms import (
    FamilyObjectChoiceField,
    FamilyObjectField,
    FamilyScopedForm,
    VersionField,
    visibility_form_field,
)
from krachtbron.families.models import FamilyMember
from krachtbron.lib.dates import (
    NOT_IN_THE_FUTURE,
    DateRange,
    DateRangeField,
    days_from_today,
    today,
)
from krachtbron.lib.forms import Form
from krachtbron.lib.quick_select import QuickSelect
from krachtbron.lib.text import PlainTextField
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind
from krachtbron.network.models import NetworkSnapshot

NOW = "nu"


class PersonForm(FamilyScopedForm):
    label = PlainTextField(
        label=_("Voornaam of rol"),
        help_text=_("Bijvoorbeeld 'oma', 'buurvrouw Els' of 'juf'. Een achternaam is niet nodig."),
        max_length=60,
    )
    member = FamilyObjectField(
        label=_("Van wie is dit een belangrijke ander?"),
        queryset=FamilyMember.objects.all(),
        required=False,
        empty_label=_("Het hele gezin"),
    )
    relation = forms.ChoiceField(label=_("Soort relatie"), choices=RelationKind.choices)
    closeness = forms.TypedChoiceField(
        label=_("Hoe dichtbij?"),
        choices=Closeness.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Closeness.MIDDLE,
    )
    quality = forms.ChoiceField(
        label=_("Hoe is het contact?"),
        choices=Quality.choices,
        widget=forms.RadioSelect,
        initial=Quality.SUPPORTIVE,
    )
    support = forms.MultipleChoiceField(
        label=_("Wat voor steun geeft deze persoon? (mag leeg)"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stays_after_help = forms.BooleanField(label=_("Blijft er als de hulp stopt"), required=False)
    may_be_overloaded = forms.BooleanField(
        label=_("Kan overbelast raken (bijvoorbeeld als mantelzorger)"), required=False
    )
    note = PlainTextField(
        label=_("Notitie (mag leeg)"),
        max_length=500,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    marks_visibility = visibility_form_field(
        _("Wie ziet hoe het contact is, 'kan overbelast raken' en de notitie?"),
        initial=Visibility.PROFESSIONALS,
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["version"].required = True

    def person_fields(self) -> dict[str, Any]:
        """The cleaned data as NetworkPerson field values."""
        data = dict(self.cleaned_data)
        support = set(data.pop("support", []))
        data.pop("version", None)
        data["gives_practical"] = SupportKind.PRACTICAL in support
        data["gives_emotional"] = SupportKind.EMOTIONAL in support
        data["gives_advice"] = SupportKind.ADVICE in support
        return data


class SnapshotForm(Form):
    # A moment of the map: today, or copied from earlier notes (at most five years back).
    taken_on = DateRangeField(
        label=_("Datum"),
        date_range=DateRange(days_from_today(-366 * 5), today, too_late=NOT_IN_THE_FUTURE),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2025-03-14.")},
    )
    title = PlainTextField(
        label=_("Naam van dit moment (mag leeg)"),
        help_text=_("Bijvoorbeeld 'bij de start' of 'na drie maanden'."),
        max_length=80,
        required=False,
    )


def moment_choices(snapshots: Sequence[NetworkSnapshot]) -> list[tuple[str, str]]:
    """(value, label) of every moment to compare: "nu" (the map today) first, then
    ``snapshots`` in their order (the Netwerk tab's: newest first)."""
    return [(NOW, gettext("Nu"))] + [
        (str(s.pk), f"{s.taken_on:%d-%m-%Y}" + (f" · {s.title}" if s.title else ""))
        for s in snapshots
    ]


class CompareForm(FamilyScopedForm):
    """Two moments of the map: a snapshot id each, or 'nu' for the map as it is today."""

    # QuickSelect: one option per moment, 50 moments and more on a long file (issue 18).
    a = FamilyObjectChoiceField(
        label=_("Eerste moment"), objects=NetworkSnapshot.objects.all(), widget=QuickSelect
    )
    b = FamilyObjectChoiceField(
        label=_("Tweede moment"), objects=NetworkSnapshot.objects.all(), widget=QuickSelect
    )

    def __init__(self, *args: Any, snapshots: list[NetworkSnapshot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = moment_choices(snapshots)
        for name in ("a", "b"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
            field.error_messages["invalid_choice"] = _("Kies een moment uit de lijst.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Kies twee verschillende momenten."))
        return data
