"""Two daily runs (or two workers) queue reminders at the same moment: one row each, never two.

Run by ``test_reminder_race.py`` through ``krachtbron.testing.parallel.run_scenario``: in-process
on PostgreSQL, in a subprocess on an SQLite file (``python -m
krachtbron.sending.tests.race_scenarios NAME``).
"""

from typing import Any

from krachtbron.testing.parallel import run_parallel, scenario_main

THREADS = 4
REPETITIONS = 8


def reminders_at_once() -> dict[str, Any]:
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    from krachtbron.questionnaires.tests.factories import invite
    from krachtbron.sending import actions
    from krachtbron.sending.models import Delivery, Purpose
    from krachtbron.sending.reminders import remind_and_erase
    from krachtbron.sending.tasks import send_delivery
    from krachtbron.sending.tests.reminding import day
    from krachtbron.testing.factories import MemberFactory
    from krachtbron.testing.personas import make_org

    org = make_org()
    rows, queued, errors = [], [], []
    for _round in range(REPETITIONS):
        member = MemberFactory(family=org.family)
        invitation, token = invite(member, org.adviser)
        first = actions.queue_email(
            org.adviser,
            member,
            purpose=Purpose.QUESTIONNAIRE,
            subject_id=invitation.pk,
            address="ouder@example.org",
            link=f"{settings.SITE_URL}/v/{token}",
            expires_at=invitation.expires_at,
            language="nl",
            remind=True,
        )
        actions.mark_sent(actions.claim(first.pk))
        results, failed = run_parallel(THREADS, lambda index: remind_and_erase(day(3))["reminders"])
        errors += failed
        rows.append(Delivery.objects.filter(reminder_of=first).count())
        queued.append(sum(results))
    tasks = DBTaskResult.objects.filter(task_path=send_delivery.module_path).count()
    return {"rows": rows, "queued": queued, "errors": errors, "tasks": tasks}


SCENARIOS = {"reminders_at_once": reminders_at_once}

if __name__ == "__main__":
    scenario_main(SCENARIOS)
