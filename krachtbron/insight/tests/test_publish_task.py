"""Cells of closed periods are computed in the background, once (insight/tasks.py): a page only
reads them and queues the task when a closed period has none; the daily upkeep queues it; a
worker killed mid-run leaves a RUNNING row that never blocks the work from being done again."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from krachtbron.families.retention import destroy_family
from krachtbron.insight.models import PublishedCell, PublishedPeriod
from krachtbron.insight.tasks import publish_periods, request_publication
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.quarters import current_quarter, previous_quarter
from krachtbron.questionnaires.models import Response
from krachtbron.reflection.tests.factories import closed_quarter_moment, family_response
from krachtbron.sending.tasks import daily_upkeep
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _queued(status: str = "READY") -> int:
    return DBTaskResult.objects.filter(task_path=publish_periods.module_path, status=status).count()


def _six_families(team) -> None:
    for k in range(6):
        family_response(team, {"g01": k % 5, "g02": 2}, completed_at=closed_quarter_moment())


def test_a_page_never_computes_it_queues_the_task_once(org, as_user):
    _six_families(org.team)
    client = as_user(org.teamleider)
    first = client.get(reverse("insight:dashboard")).content.decode()
    assert "n = 6 respondenten" not in first
    assert not PublishedCell.objects.exists() and _queued() == 1
    client.get(reverse("insight:dashboard_csv"))
    client.get(reverse("insight:mirror"))
    assert _queued() == 1  # one waiting task is enough
    run_tasks()
    assert _queued() == 0 and _queued("SUCCESSFUL") == 1
    assert "n = 6 respondenten" in client.get(reverse("insight:dashboard")).content.decode()
    client.get(reverse("insight:dashboard"))
    assert _queued() == 0  # everything closed is published: nothing more to queue


def test_the_daily_upkeep_queues_the_publication_of_quarters_closed_by_the_calendar(org):
    _six_families(org.team)
    done = daily_upkeep.call()
    assert done["publication_queued"] == 1 and _queued() == 1
    run_tasks()
    period = PublishedPeriod.objects.get(
        instrument_id=FAMILIES, unit=previous_quarter(current_quarter())
    )
    (cell,) = period.cells.all()
    assert (cell.team_key, cell.respondents) == (org.team.pk, 6)


def test_a_killed_workers_task_is_done_again_and_nothing_is_stored_twice(org, as_user):
    _six_families(org.team)
    assert request_publication()
    # A worker killed mid-run: its transaction rolled back, its row stays RUNNING for ever.
    DBTaskResult.objects.filter(task_path=publish_periods.module_path).update(status="RUNNING")
    assert not PublishedCell.objects.exists()
    as_user(org.teamleider).get(reverse("insight:dashboard"))
    assert _queued() == 1  # the RUNNING row did not stop the page from queueing it again
    run_tasks()
    cells = list(PublishedCell.objects.values_list("period__unit", "team_key", "respondents"))
    assert cells == [(previous_quarter(current_quarter()), org.team.pk, 6)]
    # Running the work once more (a duplicate task, a second worker) stores nothing twice.
    assert publish_periods.call()[FAMILIES] == 0
    assert list(PublishedCell.objects.values_list("period__unit", "team_key", "respondents")) == (
        cells
    )


def test_a_file_destroyed_after_publication_leaves_the_stored_cells_as_they_were(org, as_user):
    _six_families(org.team)
    request_publication()
    run_tasks()
    before = list(PublishedCell.objects.values("respondents", "persons", "items"))
    response = Response.objects.filter(team=org.team).first()
    assert response is not None
    destroy_family(response.family, "bewaartermijn")
    assert Response.objects.filter(team=org.team).count() == 5
    request_publication()
    run_tasks()
    assert list(PublishedCell.objects.values("respondents", "persons", "items")) == before
    page = as_user(org.teamleider).get(reverse("insight:dashboard")).content.decode()
    assert "n = 6 respondenten" in page
