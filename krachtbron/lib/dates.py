"""Dates people type get a sensible range, with a Dutch message that names the limit.

Without one, "bewaren tot 9999-12-31" is a valid retention hold and a plan can be dated in the
year 9999 (or 0001): the date is kept, sorts before or after everything, and a day added to it
is an error. Every date field of every form is a `DateRangeField` (or, for a month, reflection's
`MonthField` with a `DateRange`); `krachtbron/testing/test_form_inputs.py` finds every form and
checks that 0001-01-01 and 9999-12-31 are refused.

A range is two bounds, each fixed or relative to today (Amsterdam). The ranges per field, and
why, are in docs/invoer-en-bestanden.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.family_language import family_date

#: Nothing in Krachtbron is older: the Jeugdwet, and with it the Ouder- en Kindteams
#: Amsterdam, started on 1 January 2015.
EARLIEST = date(2015, 1, 1)

Bound = Callable[[], date]
#: ``DateRange.shown_as`` for a form a family fills in: the date as family text writes it.
FAMILY_DATE = "j E Y"


def fixed(day: date) -> Bound:
    return lambda: day


def today() -> date:
    return timezone.localdate()


def days_from_today(days: int) -> Bound:
    """A bound ``days`` after today (negative: before)."""
    return lambda: today() + timedelta(days=days)


def years_from_today(years: int) -> Bound:
    """A bound ``years`` calendar years after today (negative: before); 29 February becomes
    28 February in a year without it."""

    def bound() -> date:
        now = today()
        try:
            return now.replace(year=now.year + years)
        except ValueError:
            return now.replace(year=now.year + years, day=28)

    return bound


@dataclass(frozen=True)
class DateRange:
    """The first and last date a field accepts, with the messages for a date outside them.

    A message may use ``%(date)s``: the bound, written out in ``shown_as`` ("14 maart 2026";
    a month field writes "maart 2026"). ``FAMILY_DATE`` ("j E Y") writes it as family text
    does, in every family language (``lib.family_language.family_date``: "1 ጥሪ 2015")."""

    earliest: Bound
    latest: Bound
    too_early: Any = _("Deze datum ligt te ver terug: kies %(date)s of later.")
    too_late: Any = _("Deze datum ligt te ver vooruit: kies %(date)s of eerder.")
    shown_as: str = "j F Y"

    def check(self, value: date) -> None:
        """Raise a ValidationError with the Dutch message when ``value`` is outside."""
        first, last = self.earliest(), self.latest()
        if value < first:
            raise forms.ValidationError(
                self.too_early, code="too_early", params={"date": self.shown(first)}
            )
        if value > last:
            raise forms.ValidationError(
                self.too_late, code="too_late", params={"date": self.shown(last)}
            )

    def shown(self, day: date) -> str:
        """``day`` as the messages write it (``shown_as``)."""
        if self.shown_as == FAMILY_DATE:
            return family_date(day)
        return date_format(day, self.shown_as)


NOT_IN_THE_FUTURE = _("Deze datum ligt in de toekomst: kies vandaag of eerder.")


class RangeDateInput(forms.DateInput):
    """``<input type="date">`` with ``min`` and ``max`` of the field's range, worked out when
    the page is drawn (a relative bound moves with the day)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
        self.range: DateRange | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.range is not None:
            widget_attrs = context["widget"]["attrs"]
            widget_attrs["min"] = self.range.earliest().isoformat()
            widget_attrs["max"] = self.range.latest().isoformat()
        return context


class DateRangeField(forms.DateField):
    """A date between ``date_range.earliest()`` and ``date_range.latest()``, both included.

    Typed as ``<input type="date">`` sends it (2026-03-14) or in the language's own notation."""

    widget = RangeDateInput

    def __init__(self, *, date_range: DateRange, **kwargs: Any) -> None:
        messages = {
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 2026-03-14."),
        }
        messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(error_messages=messages, **kwargs)
        self.date_range = date_range
        if isinstance(self.widget, RangeDateInput):
            self.widget.range = date_range

    def __deepcopy__(self, memo: dict[int, Any]) -> "DateRangeField":
        copied: DateRangeField = super().__deepcopy__(memo)
        if isinstance(copied.widget, RangeDateInput):
            copied.widget.range = copied.date_range
        return copied

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            self.date_range.check(value)
