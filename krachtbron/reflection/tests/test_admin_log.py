"""Rounds opened and closed and research export projects are administrative changes: one
access-log row each, with old and new values, in the same transaction (SECURITY.md 18)."""

from datetime import date, timedelta

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection import actions
from krachtbron.reflection.models import ReflectionRound, RoundScope
from krachtbron.research import actions as research_actions
from krachtbron.research.models import ExportProject

pytestmark = pytest.mark.django_db


def rows(object_type):
    return list(AccessLogEntry.objects.filter(object_type=object_type).order_by("id"))


def test_opening_a_round_logs_who_for_whom_and_when(org, as_user):
    today = timezone.localdate()
    as_user(org.beheerder).post(
        reverse("reflection:round_new"),
        {
            "title": "Najaar",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=14)).isoformat(),
            "teams": [org.team.pk, org.other_team.pk],
        },
    )
    round_ = ReflectionRound.objects.get()
    [row] = rows("reflection_round")
    assert (row.actor, row.kind, row.object_id, row.family_id) == (
        org.beheerder,
        AccessKind.CREATE,
        round_.pk,
        None,
    )
    assert row.extra == {
        "status": [None, "open"],
        "scope": [None, "organisation"],
        "teams": [None, sorted([org.team.pk, org.other_team.pk])],
        "starts_on": [None, today.isoformat()],
        "ends_on": [None, (today + timedelta(days=14)).isoformat()],
    }


def test_closing_a_round_logs_who_closed_it(org, as_user):
    today = timezone.localdate()
    round_ = actions.open_round(
        org.teamleider,
        title="Team",
        scope=RoundScope.TEAM,
        teams=[org.team],
        starts_on=today,
        ends_on=today,
    )
    as_user(org.teamleider).post(reverse("reflection:round_close", args=[round_.pk]))
    closed = rows("reflection_round")[-1]
    assert (closed.actor, closed.kind, closed.object_id) == (
        org.teamleider,
        AccessKind.CHANGE,
        round_.pk,
    )
    assert closed.extra == {"status": ["open", "closed"]}
    # Closing again changes nothing and logs nothing.
    as_user(org.teamleider).post(reverse("reflection:round_close", args=[round_.pk]))
    assert len(rows("reflection_round")) == 2


def test_a_new_export_project_logs_researcher_questionnaire_and_months(org, as_user):
    as_user(org.onderzoeker).post(
        reverse("research:project_new"),
        {
            "title": "Eigen kracht",
            "purpose": "Verkennen",
            "first_month": "2025-01",
            "last_month": "2025-06",
        },
    )
    project = ExportProject.objects.get()
    [row] = rows("export_project")
    assert (row.actor, row.kind, row.object_id) == (org.onderzoeker, AccessKind.CREATE, project.pk)
    assert row.extra == {
        "researcher": [None, org.onderzoeker.pk],
        "instrument_id": [None, FAMILIES],
        "first_month": [None, "2025-01-01"],
        "last_month": [None, "2025-06-01"],
    }
    assert "Eigen kracht" not in str(row.extra) and "Verkennen" not in str(row.extra)


def test_a_failed_log_row_undoes_the_round_and_the_project(org, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("log unavailable")

    today = timezone.localdate()
    round_ = actions.open_round(
        org.teamleider,
        title="T",
        scope=RoundScope.TEAM,
        teams=[org.team],
        starts_on=today,
        ends_on=today,
    )
    monkeypatch.setattr(actions, "log_admin_change", broken)
    monkeypatch.setattr(research_actions, "log_admin_change", broken)
    with pytest.raises(DatabaseError):
        actions.open_round(
            org.teamleider,
            title="U",
            scope=RoundScope.TEAM,
            teams=[org.team],
            starts_on=today,
            ends_on=today,
        )
    with pytest.raises(DatabaseError):
        actions.close_round(round_, by=org.teamleider)
    with pytest.raises(DatabaseError):
        research_actions.create_project(
            org.onderzoeker,
            title="P",
            purpose="D",
            instrument_id=FAMILIES,
            first_month=date(2025, 1, 1),
            last_month=date(2025, 2, 1),
        )
    assert list(ReflectionRound.objects.values_list("title", "status")) == [("T", "open")]
    assert not ExportProject.objects.exists()
    assert len(rows("reflection_round")) == 1
