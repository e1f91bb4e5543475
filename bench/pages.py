"""The pages advisers wait on, at realistic sizes, against a floor measured in the same rounds.

An adviser with 2,000 families in two teams (three members and a goal each); one of them, the
"big" family, has a network of 200 persons with 50 moments frozen over time and a member with 6
completed questionnaires. Served by gunicorn with 2 workers on SQLite (WAL), or on the
PostgreSQL at DATABASE_URL with ``--postgres`` (``bench.__main__`` runs both, the PostgreSQL one
through ``scripts/with-postgres.sh --durable``). Prints, as ``median [lowest–highest]`` of
``ROUNDS`` interleaved rounds (``bench.common.interleaved``):

* BENCH pages[.pg].caseload_ratio: Mijn gezinnen (GET /gezinnen/) ÷ hello (target ≥ 0.05);
* BENCH pages[.pg].family_file_ratio: the family overview ÷ hello;
* BENCH pages[.pg].network_vs_file: the Netwerk tab ÷ the family overview (target ≥ 0.5);
* BENCH pages[.pg].results_ratio: the results of the 6th measurement ÷ hello.

Every response is checked (status 200 and a marker of the page, ``bench.common.Expect``): a
sign-in redirect or an error page fails the benchmark.
"""

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    Expect,
    Load,
    gunicorn,
    interleaved,
    loads,
    prepare,
    server_env,
    setup_django,
    signed_in_session,
    wrk,
)

FAMILIES = 2000
PERSONS = 200
SNAPSHOTS = 50
MEASUREMENTS = 6
SECONDS = 3
ROUNDS = 3


def _caseload(team: Any, other_team: Any, adviser: Any) -> list[Any]:
    from krachtbron.accounts.models import Role
    from krachtbron.families.models import CaseAssignment, Family, FamilyMember, Goal
    from krachtbron.testing.factories import UserFactory

    colleague = UserFactory.create(username="bench-colleague", team=team, role=Role.ADVISEUR)
    families = Family.objects.bulk_create(
        Family(
            reference=f"KB-B-{i:04d}",
            display_name=f"Gezin {i}",
            team=team if i % 4 else other_team,
        )
        for i in range(FAMILIES)
    )
    CaseAssignment.objects.bulk_create(
        [
            CaseAssignment(family=f, adviser=adviser, is_substitute=f.team_id == other_team.pk)
            for f in families
        ]
        + [CaseAssignment(family=f, adviser=colleague) for f in families[::3]],
        batch_size=1000,
    )
    FamilyMember.objects.bulk_create(
        (
            FamilyMember(family=f, first_name=name, role=role, birth_year=year)
            for f in families
            for name, role, year in [
                ("Sara", "opvoeder", 1985),
                ("Noah", "jeugdige", 2011),
                ("Mila", "kind", 2018),
            ]
        ),
        batch_size=1000,
    )
    Goal.objects.bulk_create(
        (Goal(family=f, text="Weer rustig samen eten", life_domain="opvoeden") for f in families),
        batch_size=1000,
    )
    return families


def _network(family: Any, adviser: Any, snapshots: int = SNAPSHOTS) -> None:
    """200 persons in every ring and sector, and 50 moments frozen over two years."""
    from krachtbron.network import actions
    from krachtbron.network.choices import Quality, RelationKind
    from krachtbron.network.models import NetworkPerson

    member = family.members.first()
    kinds, qualities = list(RelationKind.values), list(Quality.values)
    NetworkPerson.objects.bulk_create(
        NetworkPerson(
            family=family,
            member=member if n % 5 == 0 else None,
            label=f"Persoon nummer {n}",
            relation=kinds[n % len(kinds)],
            closeness=1 + n % 3,
            quality=qualities[n % len(qualities)],
            gives_practical=n % 2 == 0,
            gives_emotional=n % 3 == 0,
            stays_after_help=n % 4 == 0,
            may_be_overloaded=n % 7 == 0,
        )
        for n in range(PERSONS)
    )
    start = date(2025, 1, 6)
    for n in range(snapshots):
        actions.take_snapshot(
            adviser, family, taken_on=start + timedelta(weeks=2 * n), title=f"Moment {n}"
        )


def _measurements(family: Any, adviser: Any) -> int:
    """A member with 6 completed questionnaires; returns the latest response's id."""
    from django.utils import timezone

    from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response

    member = family.members.first()
    response = None
    for n in range(MEASUREMENTS):
        answers = {item: (n + i) % 5 for i, item in enumerate(ALL_ITEMS)}
        moment = "begin" if n == 0 else ("afsluiting" if n == MEASUREMENTS - 1 else "tussentijds")
        when = timezone.now() - timedelta(days=30 * (MEASUREMENTS - n))
        response = completed_response(member, adviser, answers, moment=moment, completed_at=when)
    assert response is not None
    return int(response.pk)


def _create_data() -> tuple[str, int, int]:
    from krachtbron.accounts.models import Role, Team
    from krachtbron.testing.factories import UserFactory

    team = Team.objects.create(name="Team Bench")
    other_team = Team.objects.create(name="Team Vervanging")
    adviser = UserFactory.create(username="bench-adviser", team=team, role=Role.ADVISEUR)
    families = _caseload(team, other_team, adviser)
    big = families[1]
    big.display_name = "Gezin Groot Netwerk"
    big.save(update_fields=["display_name"])
    _network(big, adviser)
    response_pk = _measurements(big, adviser)
    return signed_in_session(adviser), big.pk, response_pk


def run(database_url: str = "") -> dict[str, list[float]]:
    prefix = "pages.pg" if database_url else "pages"
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp), database_url)
        prepare(env)
        setup_django(env)
        session_key, family_pk, response_pk = _create_data()
        if database_url:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        cookie = f"krachtbron_session={session_key}"
        with gunicorn(env) as base:
            wrk(base + "/bench/hello/", seconds=1)  # warm up workers and connections
            hello = Load(base + "/bench/hello/", Expect(200, "ok"))

            def page(path: str, marker: str) -> Load:
                return Load(base + path, Expect(200, marker), cookie=cookie)

            caseload = page("/gezinnen/", "KB-B-")
            family_file = page(f"/gezinnen/{family_pk}/", "Gezin Groot Netwerk")
            network = page(f"/gezinnen/{family_pk}/netwerk/", "Netwerkkaart van")
            results = page(f"/vragenlijsten/{response_pk}/", "Uitkomst vragenlijst")
            pairs = [
                loads("caseload_ratio", caseload, hello, SECONDS),
                loads("family_file_ratio", family_file, hello, SECONDS),
                loads("network_vs_file", network, family_file, SECONDS),
                loads("results_ratio", results, hello, SECONDS),
            ]
            return interleaved(prefix, pairs, ROUNDS)


if __name__ == "__main__":
    # `scripts/with-postgres.sh --durable .venv/bin/python -m bench.pages --postgres`
    run(os.environ["DATABASE_URL"] if "--postgres" in sys.argv else "")
