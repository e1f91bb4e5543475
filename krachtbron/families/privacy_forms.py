from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.models import Family
from krachtbron.lib.dates import DateRange, DateRangeField, days_from_today, years_from_today
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField


class ReferenceField(forms.RegexField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            regex=r"^[A-Za-z0-9-]{3,32}$",
            max_length=32,
            label=_("Dossiernummer"),
            error_messages={"invalid": _("Gebruik 3 tot 32 letters, cijfers of streepjes.")},
            **kwargs,
        )


class _FamilyByReferenceForm(Form):
    reference = ReferenceField()

    def clean_reference(self) -> Family:
        reference = self.cleaned_data["reference"]
        family = Family.objects.filter(reference__iexact=reference).first()
        if family is None:
            raise forms.ValidationError(_("Er is geen dossier met dit nummer."))
        return family


class DestroyForm(_FamilyByReferenceForm):
    note = PlainTextField(
        label=_("Besluit en toelichting"),
        help_text=_("Bijvoorbeeld: verzoek van de moeder van 3 november, getoetst en toegekend."),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat het dossier en alles wat erbij hoort definitief verdwijnt."),
        error_messages={"required": _("Vink dit aan om het dossier te vernietigen.")},
    )


class HoldForm(_FamilyByReferenceForm):
    # Keeping longer is for a reason that ends (a complaint, a court case): at most 25 years
    # ahead, a little beyond the 20 years a file is kept anyway (SECURITY.md 19).
    until = DateRangeField(
        label=_("Bewaren tot"),
        date_range=DateRange(
            days_from_today(1),
            years_from_today(25),
            too_early=_("Kies een datum in de toekomst."),
            too_late=_("Bewaren kan tot ten hoogste 25 jaar vooruit: kies %(date)s of eerder."),
        ),
    )
    reason = PlainTextField(
        label=_("Reden"), max_length=1000, multiline=True, widget=forms.Textarea(attrs={"rows": 3})
    )
