"""Races on create forms, each request in its own thread with its own DB connection.

Run by ``test_races.py`` through ``krachtbron.testing.parallel.run_scenario``: in-process on
PostgreSQL, in a subprocess on an SQLite file (``python -m krachtbron.families.tests.race_scenarios
NAME``).
"""

from typing import Any

from krachtbron.testing.parallel import run_parallel, scenario_main

THREADS = 4
ROUNDS = 5


def _clients(user: Any, count: int) -> list[Any]:
    from django.test import Client

    from krachtbron.testing.personas import login

    return [login(Client(), user) for _ in range(count)]


def _outcome(response: Any) -> str:
    if response.status_code == 302:
        return "redirect " + response["Location"]
    return f"{response.status_code} " + (
        "taken" if "Dit dossiernummer bestaat al." in response.content.decode() else "other"
    )


def same_key_at_once() -> dict[str, Any]:
    """The example of issue 12: "buurvrouw Els" posted several times at the same moment with the
    key of one form (a double click, a retry of a slow request)."""
    from django.urls import reverse

    from krachtbron.lib.idempotency import FIELD, new_key
    from krachtbron.network.models import NetworkPerson
    from krachtbron.testing.factories import FamilyFactory, TeamFactory, UserFactory

    rows: list[int] = []
    outcomes: list[list[str]] = []
    errors: list[str] = []
    for _round in range(ROUNDS):
        team = TeamFactory()
        adviser = UserFactory(team=team)
        family = FamilyFactory(team=team, advisers=[adviser])
        clients = _clients(adviser, THREADS)
        data = {
            "label": "buurvrouw Els",
            "relation": "buurt",
            "closeness": "2",
            "quality": "steunend",
            FIELD: new_key(),
        }
        url = reverse("network:person_add", args=[family.pk])

        def post(index: int, clients: list[Any] = clients, url: str = url, data: Any = data) -> str:
            return _outcome(clients[index].post(url, data))

        results, round_errors = run_parallel(THREADS, post)
        errors.extend(round_errors)
        outcomes.append(sorted(set(results)))
        rows.append(NetworkPerson.objects.filter(family=family).count())
    return {"rows": rows, "outcomes": outcomes, "errors": errors}


def same_reference_at_once() -> dict[str, Any]:
    """New families with the same chosen dossier number, saved at the same moment."""
    from django.urls import reverse

    from krachtbron.families.models import Family
    from krachtbron.lib.idempotency import FIELD, new_key
    from krachtbron.testing.factories import TeamFactory, UserFactory

    rows: list[int] = []
    outcomes: list[list[str]] = []
    errors: list[str] = []
    for number in range(ROUNDS):
        team = TeamFactory()
        adviser = UserFactory(team=team)
        clients = _clients(adviser, THREADS)
        reference = f"KB-RACE-{number}"

        def post(
            index: int, clients: list[Any] = clients, reference: str = reference, team: Any = team
        ) -> str:
            data = {
                "display_name": f"Gezin {index}",
                "reference": reference,
                "team": str(team.pk),
                "status": "aangemeld",
                FIELD: new_key(),  # separate forms: each its own key
            }
            return _outcome(clients[index].post(reverse("families:create"), data))

        results, round_errors = run_parallel(THREADS, post)
        errors.extend(round_errors)
        outcomes.append(sorted("created" if r.startswith("redirect") else r for r in results))
        rows.append(Family.objects.filter(reference=reference).count())
    return {"rows": rows, "outcomes": outcomes, "errors": errors}


SCENARIOS = {
    "same_key_at_once": same_key_at_once,
    "same_reference_at_once": same_reference_at_once,
}

if __name__ == "__main__":
    scenario_main(SCENARIOS)
