"""The caseload's "Aandacht nodig" filter and its sorting, as GET parameters (docs/aandacht.md).

``?aandacht=alle`` (every family with a signal) or ``?aandacht=<signal key>`` and
``?sorteer=urgent|naam|datum``: only the names of a rule and an order reach the URL, never
anything about a family, so a link can be bookmarked and works without JavaScript. The search
words stay in the session form as before (``lib/filters.py``).

Without the filter and with the date order, the page is chosen in the database and the signals
are found for its 25 families only. With the filter or "most urgent first", the signals are
found for every family on the caseload (still one query for all signals) and the page is cut
from the ordered ids.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from krachtbron.families.attention import Signal, all_signals, signals_by_family, urgency_key
from krachtbron.families.models import Family
from krachtbron.lib.forms import Form

EVERY = "alle"
BY_URGENCY, BY_NAME, BY_DATE = "urgent", "naam", "datum"


class AttentionForm(Form):
    """The GET form above the caseload: which signal, which order. A value that is not on the
    list is ignored (the default is used): a stale bookmark still opens the caseload."""

    aandacht = forms.ChoiceField(label=_("Aandacht nodig"), required=False)
    sorteer = forms.ChoiceField(
        label=_("Sorteer"),
        required=False,
        choices=[
            (BY_DATE, _("laatst gewijzigd eerst")),
            (BY_URGENCY, _("meest dringend eerst")),
            (BY_NAME, _("op naam")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("Alle gezinnen")), (EVERY, _("Alle signalen"))]
        choices += [(s.key, s.label) for s in all_signals()]
        self.fields["aandacht"].choices = choices  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Choice:
    signal: str  # "" (no filter), EVERY, or a signal key
    order: str

    @property
    def query(self) -> str:
        """The parameters for the pagination links ("" for the defaults)."""
        params = {"aandacht": self.signal, "sorteer": self.order if self.order != BY_DATE else ""}
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def active(self) -> bool:
        return bool(self.signal) or self.order != BY_DATE


def read_choice(data: Any) -> tuple[AttentionForm, Choice]:
    form = AttentionForm(data)
    if not form.is_valid():
        return AttentionForm(), Choice("", BY_DATE)
    return form, Choice(form.cleaned_data["aandacht"], form.cleaned_data["sorteer"] or BY_DATE)


def _name() -> Lower:
    return Lower(Coalesce(NullIf("display_name", Value("")), "reference"))


def caseload_page(
    families: QuerySet[Family],
    choice: Choice,
    *,
    prepare: Callable[[QuerySet[Family]], QuerySet[Family]],
    adviser_id: int,
    now: datetime,
    page_size: int,
    number: Any,
    count: int | None = None,
) -> tuple[Page[Family], dict[int, list[Signal]]]:
    """The page of ``families`` to show for ``choice``, and the signals of its families.

    ``families`` is the filtered caseload (no order); ``prepare`` adds what the cards need
    (annotations, prefetches) to the query that fetches the page. ``count``: how many
    families ``families`` holds, when the caller knows it already (else it is counted). The
    page's ``object_list`` holds ``Family`` rows in the chosen order."""
    if not choice.signal and choice.order != BY_URGENCY:
        order = (_name(), "pk") if choice.order == BY_NAME else ("-updated_at", "pk")
        paginator = Paginator(prepare(families).order_by(*order), page_size)
        if count is not None:
            paginator.count = count  # a cached_property: set, it is not asked again
        page = paginator.get_page(number)
        return page, signals_by_family([f.pk for f in page.object_list], now, adviser_id)
    found = signals_by_family(families.values("pk"), now, adviser_id)
    if choice.signal == EVERY:
        families = families.filter(pk__in=list(found))
    elif choice.signal:
        families = families.filter(
            pk__in=[
                pk for pk, signals in found.items() if any(s.key == choice.signal for s in signals)
            ]
        )
    if choice.order == BY_URGENCY:
        rows = families.order_by("-updated_at", "pk").values_list("pk", flat=True)
        ids = sorted(rows, key=lambda pk: urgency_key(found.get(pk, [])))  # stable: date next
        id_page = Paginator(ids, page_size).get_page(number)
        by_id = prepare(families).in_bulk(list(id_page.object_list))
        page = cast("Page[Family]", id_page)
        page.object_list = [by_id[pk] for pk in id_page.object_list]
        return page, found
    order = (_name(), "pk") if choice.order == BY_NAME else ("-updated_at", "pk")
    return Paginator(prepare(families).order_by(*order), page_size).get_page(number), found
