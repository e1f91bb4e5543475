"""Races on Onze mensen's decisions, each request in its own thread with its own connection.

Run by ``test_mensen_races.py`` through ``krachtbron.testing.parallel.run_scenario``: in-process
on PostgreSQL, in a subprocess on an SQLite file (``python -m
krachtbron.portal.tests.mensen_races NAME``).
"""

from typing import Any

from krachtbron.testing.parallel import run_parallel, scenario_main

ROUNDS = 4


def _family() -> tuple[Any, list[Any], Any]:
    """A family with two advisers and a parent who proposed "Buurvrouw Els"."""
    from krachtbron.portal.network_actions import propose_person
    from krachtbron.testing.factories import FamilyFactory, MemberFactory, TeamFactory, UserFactory

    team = TeamFactory()
    advisers = [UserFactory(team=team), UserFactory(team=team)]
    family = FamilyFactory(team=team, advisers=advisers)
    parent = MemberFactory(family=family, first_name="Fatima")
    proposal = propose_person(parent, label="Buurvrouw Els", relation="buurt", closeness=2)
    return proposal, advisers, parent


def two_advisers_confirm_at_once() -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from krachtbron.network.models import NetworkPerson, NetworkProposal
    from krachtbron.testing.personas import login

    statuses, persons, answers, errors = [], [], [], []
    for _round in range(ROUNDS):
        proposal, advisers, _parent = _family()
        clients = [login(Client(), adviser) for adviser in advisers]
        url = reverse("portal:network_confirm", args=[proposal.pk])

        def post(index: int, clients: list[Any] = clients, url: str = url) -> int:
            return clients[index].post(url).status_code

        results, round_errors = run_parallel(2, post)
        errors.extend(round_errors)
        answers.append(sorted(results))
        statuses.append(NetworkProposal.objects.get(pk=proposal.pk).status)
        persons.append(NetworkPerson.objects.filter(family_id=proposal.family_id).count())
    return {"statuses": statuses, "persons": persons, "answers": answers, "errors": errors}


def withdraw_while_the_adviser_confirms() -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from krachtbron.network.models import NetworkPerson, NetworkProposal
    from krachtbron.testing.personas import login
    from krachtbron.testing.portal import sign_in_member

    outcomes, answers, errors = [], [], []
    for _round in range(ROUNDS):
        proposal, advisers, parent = _family()
        adviser = login(Client(), advisers[0])
        member = sign_in_member(Client(), parent)
        requests = [
            (adviser, reverse("portal:network_confirm", args=[proposal.pk])),
            (member, reverse("portal:people_withdraw", args=[proposal.pk])),
        ]

        def post(index: int, requests: list[Any] = requests) -> int:
            client, url = requests[index]
            return client.post(url).status_code

        results, round_errors = run_parallel(2, post)
        errors.extend(round_errors)
        answers.append(sorted(results))
        status = NetworkProposal.objects.get(pk=proposal.pk).status
        persons = NetworkPerson.objects.filter(family_id=proposal.family_id).count()
        outcomes.append([status, persons])
    return {"outcomes": outcomes, "answers": answers, "errors": errors}


def decisions_at_once() -> dict[str, Any]:
    """Both races in one run (one migrated SQLite file: the suite stays quick)."""
    return {
        "confirm": two_advisers_confirm_at_once(),
        "withdraw": withdraw_while_the_adviser_confirms(),
    }


SCENARIOS = {"decisions_at_once": decisions_at_once}

if __name__ == "__main__":
    scenario_main(SCENARIOS)
