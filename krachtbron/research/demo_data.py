"""Demo data for research: an export project for the onderzoeker, over twelve closed months."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from krachtbron.demo.context import DemoContext
from krachtbron.instruments.ids import FAMILIES
from krachtbron.research import actions


def _export_project(ctx: DemoContext) -> None:
    # The twelve months up to last month: all closed, so the dataset can be downloaded.
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    actions.create_project(
        ctx.users["onderzoeker"],
        title="Eigen kracht van gezinnen in het afgelopen jaar",
        purpose=(
            "Verkennen hoe gezinnen de aansluiting bij hun eigen kracht ervaren, per dimensie en "
            "per moment van afname."
        ),
        instrument_id=FAMILIES,
        first_month=date(last_month.year - 1, last_month.month, 1),
        last_month=last_month,
    )


def load(ctx: DemoContext) -> None:
    _export_project(ctx)
