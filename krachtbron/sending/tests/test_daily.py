"""The retention purge runs as a background task, once a day, and schedules the next day."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from krachtbron.families.models import Family
from krachtbron.sending.tasks import daily_upkeep, next_daily_run
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _waiting():
    return DBTaskResult.objects.filter(task_path=daily_upkeep.module_path, status="READY")


def test_schedule_daily_queues_one_run_at_three_and_each_run_queues_the_next(org):
    call_command("schedule_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("schedule_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _waiting().count() == 1
    first = _waiting().get()
    assert timezone.localtime(first.run_after).hour == 3
    run_tasks(later_too=True)
    first.refresh_from_db()
    assert first.status == "SUCCESSFUL"
    assert first.return_value == {
        "files": 0,
        "addresses": 0,
        "share_addresses": 0,
        "form_keys": 0,
        "kept_forms": 0,
        "ended_after_access": 0,
        "prepared_files": 0,
        "stored_pdfs": 0,
        "reminders": 0,
        "erased": 0,
        "publication_queued": 1,  # insight's daily work (sending.tasks.on_daily)
    }
    assert _waiting().count() == 1  # tomorrow's


def test_the_daily_task_destroys_files_past_retention(org, settings):
    Family.objects.filter(pk=org.family.pk).update(
        updated_at=timezone.now() - timedelta(days=366 * 21)
    )
    daily_upkeep.enqueue()
    run_tasks()
    assert not Family.objects.filter(pk=org.family.pk).exists()


def test_the_next_run_is_the_coming_three_oclock():
    now = timezone.now()
    run = next_daily_run(now)
    assert timedelta(0) < run - now <= timedelta(days=1)
    assert timezone.localtime(run).hour == 3


def test_the_daily_task_forgets_expired_kept_input(org):
    """What a user typed when their session ran out is kept for minutes (lib.kept_forms); a
    user who never signs in again must not leave it behind."""
    from django.http import QueryDict

    from krachtbron.lib import kept_forms
    from krachtbron.lib.models import KeptForm

    assert kept_forms.keep(org.adviser.pk, "/gezinnen/1/wijzigen/", QueryDict("naam=Oma+Els"))
    assert kept_forms.keep(org.colleague.pk, "/gezinnen/2/wijzigen/", QueryDict("naam=Sem"))
    KeptForm.objects.filter(user=org.adviser).update(expires_at=timezone.now())
    assert daily_upkeep.call()["kept_forms"] == 1
    assert list(KeptForm.objects.values_list("user_id", flat=True)) == [org.colleague.pk]
    assert kept_forms.forget_expired() == 0
