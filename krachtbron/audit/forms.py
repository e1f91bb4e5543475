from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import User
from krachtbron.audit.labels import ADMIN_LABELS
from krachtbron.audit.models import AccessKind, AccessResult


class AccessLogFilterForm(forms.Form):
    family_reference = forms.RegexField(
        label=_("Dossiernummer"),
        regex=r"^[A-Za-z0-9-]{1,32}$",
        max_length=32,
        required=False,
        error_messages={"invalid": _("Gebruik alleen letters, cijfers en streepjes.")},
    )
    actor = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=User.objects.all(),
        required=False,
        empty_label=_("Iedereen"),
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *AccessKind.choices], required=False
    )
    result = forms.ChoiceField(
        label=_("Resultaat"), choices=[("", _("Alles")), *AccessResult.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data


class AdminChangeFilterForm(forms.Form):
    """Filters of the administrative changes: what kind of change, which period."""

    object_type = forms.ChoiceField(label=_("Soort wijziging"), required=False)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = sorted(((code, str(label)) for code, label in ADMIN_LABELS.items()), key=_second)
        self.fields["object_type"].choices = [("", _("Alle wijzigingen")), *choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data


def _second(pair: tuple[str, str]) -> str:
    return pair[1]
