"""Concurrency scenarios for the four-eyes decision, each thread with its own connection.

On PostgreSQL the tests run these in-process; on SQLite in a subprocess against a fresh SQLite
file in WAL mode (``krachtbron.testing.parallel.run_scenario``; the threads are started by
``questionnaires/tests/parallel_scenarios.py``'s runner):

    SQLITE_PATH=/tmp/x.sqlite3 python -m krachtbron.accounts.tests.parallel_privilege NAME
"""

from typing import Any

from krachtbron.questionnaires.tests.parallel_scenarios import run_parallel
from krachtbron.testing.parallel import scenario_main

THREADS = 4


def _setup(deciders: int) -> tuple[Any, list[Any]]:
    from krachtbron.accounts import four_eyes
    from krachtbron.accounts.models import Role
    from krachtbron.testing.factories import UserFactory

    asker = UserFactory(role=Role.BEHEERDER, team=None)
    target = UserFactory(role=Role.BEHEERDER, team=None)
    others = [UserFactory(role=Role.BEHEERDER, team=None) for _ in range(deciders)]
    return four_eyes.request_privacy_officer(asker, target), others


def _decide(waiting: Any, jobs: list[tuple[Any, bool]]) -> dict[str, Any]:
    """Run the decisions together; report who got through, who was refused, and the result."""
    import threading

    from krachtbron.accounts import four_eyes
    from krachtbron.accounts.changes import AdminError
    from krachtbron.accounts.models import PrivilegeRequest, User
    from krachtbron.audit.models import AccessLogEntry

    queue = list(jobs)
    lock = threading.Lock()

    def decide() -> tuple[str, str]:
        with lock:
            decider, approve = queue.pop()
        word = "approve" if approve else "reject"
        try:
            four_eyes.decide_request(decider, waiting.pk, approve=approve)
        except AdminError:
            return ("refused", word)
        return ("done", word)

    results, errors = run_parallel(len(jobs), decide)
    waiting = PrivilegeRequest.objects.get(pk=waiting.pk)
    return {
        "unexpected": errors,
        "done": [word for status, word in results if status == "done"],
        "refused": [word for status, word in results if status == "refused"],
        "outcome": waiting.outcome,
        "is_privacy_officer": User.objects.get(pk=waiting.user_id).is_privacy_officer,
        "decision_rows": AccessLogEntry.objects.filter(
            object_type="privacy_officer_grant", kind="change"
        ).count(),
    }


def parallel_approvals() -> dict[str, Any]:
    """Several second beheerders approve one request at the same moment."""
    waiting, others = _setup(THREADS)
    result = _decide(waiting, [(user, True) for user in others])
    result["approved"] = len(result["done"])
    return result


def approve_against_reject() -> dict[str, Any]:
    """Half approve, half reject, at the same moment: one outcome, matching the one who won."""
    waiting, others = _setup(THREADS)
    return _decide(waiting, [(user, index % 2 == 0) for index, user in enumerate(others)])


SCENARIOS = {
    "approve_against_reject": approve_against_reject,
    "parallel_approvals": parallel_approvals,
}


if __name__ == "__main__":
    scenario_main(SCENARIOS)
