"""Concurrency scenarios for the idempotent submit, each thread with its own DB connection.

On PostgreSQL the tests run these in-process against the test database. SQLite's in-memory
test database cannot hold several connections at once, so on SQLite the tests run this module
in a subprocess against a fresh SQLite *file* in WAL mode — the way Krachtbron really runs:

    SQLITE_PATH=/tmp/x.sqlite3 python -m krachtbron.questionnaires.tests.parallel_scenarios NAME
"""

import json
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

THREADS = 4


def run_parallel(count: int, work: Callable[[], Any]) -> tuple[list[Any], list[str]]:
    """Run work() in `count` threads that start together; each closes its own connection."""
    from django.db import connection

    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _invitation() -> Any:
    from krachtbron.questionnaires import actions
    from krachtbron.testing.factories import FamilyFactory, MemberFactory, TeamFactory, UserFactory

    team = TeamFactory()
    adviser = UserFactory(team=team)
    member = MemberFactory(family=FamilyFactory(team=team, advisers=[adviser]))
    invitation, _token = actions.invite_member(
        adviser, member.family, member, moment="begin", language="nl"
    )
    return invitation


def double_submit() -> dict[str, Any]:
    """Several submits of one answered questionnaire at the same moment."""
    from krachtbron.audit.models import AccessLogEntry
    from krachtbron.questionnaires import actions
    from krachtbron.questionnaires.models import Invitation, Response

    invitation = _invitation()
    actions.save_answer(invitation, "g01", 2)

    def submit() -> str:
        fresh = Invitation.objects.select_related("response").get(pk=invitation.pk)
        return actions.submit_response(fresh).receipt

    receipts, errors = run_parallel(THREADS, submit)
    response = Response.objects.filter(invitation=invitation).first()
    return {
        "receipts": receipts,
        "errors": errors,
        "responses": Response.objects.filter(member_id=invitation.member_id).count(),
        "stored_receipt": response.receipt if response else None,
        "submit_log_rows": AccessLogEntry.objects.filter(extra__action="submit").count(),
    }


def double_submit_as_the_view_does() -> dict[str, Any]:
    """The same, through the view's hot path first (``fastpath.submit``), then the ordinary one."""
    from krachtbron.audit.models import AccessLogEntry
    from krachtbron.questionnaires import actions, fastpath
    from krachtbron.questionnaires.models import Invitation, Response

    invitation = _invitation()
    actions.save_answer(invitation, "g01", 2)
    actions.save_answer(invitation, "g02", 3)

    def submit() -> str:
        receipt = fastpath.submit(invitation.pk)
        if receipt:
            return receipt
        fresh = Invitation.objects.select_related("response").get(pk=invitation.pk)
        return actions.submit_response(fresh).receipt

    receipts, errors = run_parallel(THREADS, submit)
    response = Response.objects.filter(invitation=invitation).first()
    return {
        "receipts": receipts,
        "errors": errors,
        "responses": Response.objects.filter(member_id=invitation.member_id).count(),
        "stored_receipt": response.receipt if response else None,
        "submit_log_rows": AccessLogEntry.objects.filter(extra__action="submit").count(),
    }


def first_answers() -> dict[str, Any]:
    """Several first answers at the same moment: each would create the response."""
    import itertools

    from krachtbron.questionnaires import actions
    from krachtbron.questionnaires.models import Answer, Invitation, Response

    invitation = _invitation()
    items = itertools.count(1)
    lock = threading.Lock()

    def answer() -> str:
        with lock:
            item_id = f"g{next(items):02d}"
        fresh = Invitation.objects.select_related("response").get(pk=invitation.pk)
        actions.save_answer(fresh, item_id, 4)
        return item_id

    saved, errors = run_parallel(THREADS, answer)
    return {
        "saved": sorted(saved),
        "errors": errors,
        "responses": Response.objects.filter(member_id=invitation.member_id).count(),
        "answers": sorted(
            Answer.objects.filter(response__invitation=invitation).values_list("item_id", flat=True)
        ),
    }


def answer_during_submit() -> dict[str, Any]:
    """An answer that arrives while the final submit is being written (its transaction still
    open) waits for it, then finds the questionnaire sent: it is refused and changes nothing."""
    import time

    from django.db import connection, transaction

    from krachtbron.questionnaires import actions, fastpath
    from krachtbron.questionnaires.models import Answer

    invitation = _invitation()
    actions.save_answer(invitation, "g01", 2)
    submitting = threading.Event()
    outcome: dict[str, Any] = {}
    errors: list[str] = []

    def submit() -> None:
        try:
            with transaction.atomic():
                outcome["receipt"] = fastpath.submit(invitation.pk)
                submitting.set()
                time.sleep(0.5)  # the late answer is sent now, before this commits
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
        finally:
            submitting.set()
            connection.close()

    def answer() -> None:
        try:
            submitting.wait(5)
            outcome["saved"] = fastpath.save_answer(invitation.pk, "g02", 4)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit), threading.Thread(target=answer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        **outcome,
        "errors": errors,
        "answers": sorted(
            Answer.objects.filter(response__invitation=invitation).values_list("item_id", flat=True)
        ),
    }


SCENARIOS = {
    "answer_during_submit": answer_during_submit,
    "double_submit": double_submit,
    "double_submit_as_the_view_does": double_submit_as_the_view_does,
    "first_answers": first_answers,
}


def main() -> None:
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krachtbron.settings")
    django.setup()
    call_command("migrate", verbosity=0)
    print(json.dumps(SCENARIOS[sys.argv[1]]()))


if __name__ == "__main__":
    main()
