"""Filters for reading the access log: a period (both pages) and the privacy officer's search.

A period is read as whole days in Amsterdam (``krachtbron.audit.reading``): "from 29 March to
29 March" is 29 March 00:00 to 30 March 00:00 Amsterdam time, whatever the clocks did that night.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import User
from krachtbron.audit.labels import ADMIN_LABELS
from krachtbron.audit.models import AccessKind, AccessResult, ActorKind
from krachtbron.lib.dates import (
    EARLIEST,
    FAMILY_DATE,
    DateRange,
    DateRangeField,
    fixed,
    today,
)
from krachtbron.lib.fields import choice_field
from krachtbron.lib.forms import Form


def _end_of_this_year() -> date:
    return today().replace(month=12, day=31)


# The log holds nothing from before Krachtbron (lib.dates.EARLIEST); a period may end later this
# year ("tot en met 31 december"), not in a year the log cannot have reached. A family fills this
# in on Ons dossier: the messages are family text here, the date in the family's language.
LOG_PERIOD = DateRange(
    fixed(EARLIEST),
    _end_of_this_year,
    too_early=_("Deze datum ligt te ver terug: kies %(date)s of later."),
    too_late=_("Deze datum ligt te ver vooruit: kies %(date)s of eerder."),
    shown_as=FAMILY_DATE,
)

_DATE_ERRORS = {"invalid": _("Dit is geen datum. Schrijf de datum als 31-12-2026.")}


class PeriodForm(Form):
    date_from = DateRangeField(
        label=_("Vanaf"), required=False, date_range=LOG_PERIOD, error_messages=_DATE_ERRORS
    )
    date_to = DateRangeField(
        label=_("Tot en met"), required=False, date_range=LOG_PERIOD, error_messages=_DATE_ERRORS
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data


class AccessLogFilterForm(PeriodForm):
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
    actor_kind = forms.ChoiceField(
        label=_("Wie"), choices=[("", _("Iedereen")), *ActorKind.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *AccessKind.choices], required=False
    )
    result = forms.ChoiceField(
        label=_("Resultaat"), choices=[("", _("Alles")), *AccessResult.choices], required=False
    )

    field_order = ["family_reference", "actor", "actor_kind", "kind", "result"]


class AdminChangeFilterForm(PeriodForm):
    """Filters of the administrative changes: what kind of change, which period."""

    object_type = forms.ChoiceField(label=_("Soort wijziging"), required=False)

    field_order = ["object_type"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = sorted(((code, str(label)) for code, label in ADMIN_LABELS.items()), key=_second)
        choice_field(self, "object_type").choices = [("", _("Alle wijzigingen")), *choices]


def _second(pair: tuple[str, str]) -> str:
    return pair[1]
