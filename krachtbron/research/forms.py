"""Forms of the research app. Each accepts only its own fields (no researcher, key or role)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.dates import EARLIEST, DateRange, fixed, years_from_today
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField

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


class ProjectForm(Form):
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
