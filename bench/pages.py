"""The two pages an adviser opens most: caseload and family file, against a hello-world floor.

An adviser with 200 families (members, goals) on SQLite (WAL), served by gunicorn with 2 workers.
Prints BENCH pages.caseload_ratio / family_file_ratio (requests/s ÷ floor) and p95 latencies.
"""

import tempfile
from pathlib import Path

from bench.common import gunicorn, prepare, report, server_env, setup_django, signed_in_session, wrk

FAMILIES = 200
SECONDS = 5


def _create_data() -> tuple[str, int]:
    from krachtbron.accounts.models import Role, Team
    from krachtbron.families.models import CaseAssignment, Family, FamilyMember, Goal
    from krachtbron.testing.factories import UserFactory

    team = Team.objects.create(name="Team Bench")
    adviser = UserFactory.create(username="bench-adviser", team=team, role=Role.ADVISEUR)
    colleague = UserFactory.create(username="bench-colleague", team=team)
    families = Family.objects.bulk_create(
        Family(reference=f"KB-B-{i:04d}", display_name=f"Gezin {i}", team=team)
        for i in range(FAMILIES)
    )
    CaseAssignment.objects.bulk_create(
        [CaseAssignment(family=f, adviser=adviser) for f in families]
        + [CaseAssignment(family=f, adviser=colleague) for f in families[::3]]
    )
    FamilyMember.objects.bulk_create(
        FamilyMember(family=f, first_name=name, role=role, birth_year=year)
        for f in families
        for name, role, year in [
            ("Sara", "opvoeder", 1985),
            ("Noah", "jeugdige", 2011),
            ("Mila", "kind", 2018),
        ]
    )
    Goal.objects.bulk_create(
        Goal(family=f, text="Weer rustig samen eten", life_domain="opvoeden") for f in families
    )
    return signed_in_session(adviser), families[0].pk


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = server_env(Path(tmp))
        prepare(env)
        setup_django(env)
        session_key, family_pk = _create_data()
        cookie = f"krachtbron_session={session_key}"
        with gunicorn(env) as base:
            wrk(base + "/bench/hello/", seconds=1)  # warm up workers and connections
            floor = wrk(base + "/bench/hello/", seconds=SECONDS)
            caseload = wrk(base + "/gezinnen/", cookie=cookie, seconds=SECONDS)
            family_file = wrk(base + f"/gezinnen/{family_pk}/", cookie=cookie, seconds=SECONDS)
    for result, name in [(caseload, "caseload"), (family_file, "family file")]:
        if result.errors:
            raise RuntimeError(f"{name}: {result.errors} failed requests")
    figures = {
        "pages.floor_rps": floor.requests_per_second,
        "pages.caseload_ratio": caseload.requests_per_second / floor.requests_per_second,
        "pages.family_file_ratio": family_file.requests_per_second / floor.requests_per_second,
        "pages.caseload_p95_ms": caseload.p95_ms,
        "pages.family_file_p95_ms": family_file.p95_ms,
    }
    for name, value in figures.items():
        report(name, value)
    return figures


if __name__ == "__main__":
    run()
