"""Writes of the research app: plain functions in one transaction each, called by views."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from krachtbron.accounts.models import User
from krachtbron.audit.log import log_admin_change
from krachtbron.audit.models import AccessKind
from krachtbron.research.models import ExportProject


@transaction.atomic
def create_project(
    user: User,
    *,
    title: str,
    purpose: str,
    instrument_id: str,
    first_month: date,
    last_month: date,
) -> ExportProject:
    """A new research project with its own secret key (generated here, never shown).

    Logged as an administrative change: who, which questionnaire, which months (the title and
    purpose are free text and stay out of the log).
    """
    project = ExportProject.objects.create(
        title=title,
        purpose=purpose,
        researcher=user,
        instrument_id=instrument_id,
        first_month=first_month.replace(day=1),
        last_month=last_month.replace(day=1),
    )
    log_admin_change(
        user,
        project,
        {
            "researcher": [None, user.pk],
            "instrument_id": [None, instrument_id],
            "first_month": [None, project.first_month],
            "last_month": [None, project.last_month],
        },
        object_type="export_project",
        kind=AccessKind.CREATE,
    )
    return project
