"""Mijn Krachtbron under load: the portal home (Ons plan) and saving a 0-10 score.

A family with a big file (30 goals with a year of numbers, a full strength profile, months of
scalings) and eight signed-in members, each through the real one-time-link flow over HTTP;
SQLite (WAL), gunicorn with 2 workers, as bench/pages.py. Prints:

* BENCH portal.home_ratio: GET /mijn/ requests/s ÷ the hello floor (target ≥ 0.05);
* BENCH portal.score_ratio: POST of a score on /mijn/cijfer/<dimension>/ (a new Scaling row and
  its access-log row, one transaction) requests/s ÷ the one-INSERT floor (target ≥ 0.4);
* the floors and the p95 latencies.
"""

import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    create_floor_table,
    gunicorn,
    prepare,
    report,
    server_env,
    setup_django,
    wrk,
)
from bench.questionnaire import Family as Browser

SECONDS = 5
MEMBERS = 8
GOALS = 30
NUMBERS_PER_GOAL = 12

SCORE_LUA = """
local sessions = {}
for line in io.lines("%(file)s") do sessions[#sessions + 1] = line end
local dimensions = {"competence", "social", "motivation"}
local i = 0
request = function()
  i = i + 1
  local key, csrf = sessions[((i - 1) %% #sessions) + 1]:match("(%%S+) (%%S+)")
  local body = "csrfmiddlewaretoken=" .. csrf .. "&score=" .. (i %% 11)
  return wrk.format("POST", "/mijn/cijfer/" .. dimensions[(i %% 3) + 1] .. "/", {
    ["Cookie"] = "krachtbron_session=" .. key .. "; csrftoken=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""


def _create_data() -> list[tuple[Any, Any]]:
    """A family with a big file and ``MEMBERS`` opvoeders; returns the members."""
    from krachtbron.accounts.models import Role, Team
    from krachtbron.families.choices import Dimension
    from krachtbron.families.models import CaseAssignment, Family, FamilyMember, Goal
    from krachtbron.strengths.models import (
        FirstQuestion,
        GoalScaling,
        Perspective,
        Scaling,
        StrengthEntry,
    )
    from krachtbron.testing.factories import UserFactory

    team = Team.objects.create(name="Team Bench")
    adviser = UserFactory.create(username="bench-adviser", team=team, role=Role.ADVISEUR)
    family = Family.objects.create(reference="KB-P-0001", display_name="Gezin Bench", team=team)
    CaseAssignment.objects.create(family=family, adviser=adviser)
    members = FamilyMember.objects.bulk_create(
        FamilyMember(family=family, first_name=f"Ouder {n}", role="opvoeder", birth_year=1985)
        for n in range(MEMBERS)
    )
    FirstQuestion.objects.create(
        family=family, text="Hoe krijgen we rust in huis?", practical_help="Een weekschema"
    )
    goals = Goal.objects.bulk_create(
        Goal(
            family=family,
            member=members[n % MEMBERS] if n % 3 else None,
            text=f"Doel {n}: samen eten op zondag",
            life_domain="opvoeden",
        )
        for n in range(GOALS)
    )
    start = date(2025, 1, 6)
    GoalScaling.objects.bulk_create(
        GoalScaling(
            goal=goal,
            score=k % 11,
            noted_on=start + timedelta(weeks=k),
            one_step_higher="Ook op vrijdag",
        )
        for goal in goals
        for k in range(NUMBERS_PER_GOAL)
    )
    StrengthEntry.objects.bulk_create(
        StrengthEntry(member=m, dimension=d, goes_well="Kookt goed", is_hard="Nee zeggen")
        for m in members
        for d in Dimension
    )
    Scaling.objects.bulk_create(
        Scaling(
            member=m,
            dimension=d,
            perspective=Perspective.MEMBER,
            score=k % 11,
            noted_on=start + timedelta(weeks=k),
        )
        for m in members
        for d in Dimension
        for k in range(NUMBERS_PER_GOAL)
    )
    return [(m, adviser) for m in members]


def _sign_in(base: str, members: list[tuple[Any, Any]]) -> list[str]:
    """Sign each member in through a one-time link over HTTP: "session-key csrf" lines."""
    from krachtbron.testing.portal import one_time_link

    lines = []
    for member, adviser in members:
        browser = Browser(base)
        path = one_time_link(member, adviser)
        status, page = browser.request("GET", path)
        assert status == 200, status
        status, _ = browser.request("POST", path, f"csrfmiddlewaretoken={browser.csrf(page)}")
        assert status == 302, status
        status, home = browser.request("GET", "/mijn/")
        assert status == 200 and "Ons plan" in home, status
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', home)
        assert csrf is not None
        lines.append(f"{browser.cookies['krachtbron_session']} {browser.cookies['csrftoken']}")
    return lines


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = server_env(workdir)
        # Passkeys are not used here (one-time links), but production settings need a host.
        env.setdefault("PORTAL_RP_ID", "localhost")
        prepare(env)
        setup_django(env)
        create_floor_table()
        members = _create_data()
        with gunicorn(env) as base:
            sessions = _sign_in(base, members)
            (workdir / "sessions.txt").write_text("\n".join(sessions) + "\n")
            key = sessions[0].split()[0]
            wrk(base + "/bench/hello/", seconds=1)  # warm up workers and connections
            hello = wrk(base + "/bench/hello/", seconds=SECONDS)
            home = wrk(base + "/mijn/", cookie=f"krachtbron_session={key}", seconds=SECONDS)
            insert_before = wrk(base + "/bench/insert/", seconds=SECONDS)
            score = wrk(
                base + "/mijn/cijfer/social/",
                seconds=SECONDS,
                script=SCORE_LUA % {"file": workdir / "sessions.txt"},
            )
            insert_after = wrk(base + "/bench/insert/", seconds=SECONDS)
        from krachtbron.strengths.models import Scaling

        saved = Scaling.objects.filter(by_member__isnull=False).count()
    for result, name in [(home, "portal home"), (score, "score")]:
        if result.errors:
            raise RuntimeError(f"{name}: {result.errors} failed requests")
    if saved == 0:
        raise RuntimeError("score: no score was saved")
    floor_insert = (insert_before.requests_per_second + insert_after.requests_per_second) / 2
    figures = {
        "portal.floor_hello_rps": hello.requests_per_second,
        "portal.floor_insert_rps": floor_insert,
        "portal.home_ratio": home.requests_per_second / hello.requests_per_second,
        "portal.score_ratio": score.requests_per_second / floor_insert,
        "portal.home_p95_ms": home.p95_ms,
        "portal.score_p95_ms": score.p95_ms,
    }
    for name, value in figures.items():
        report(name, value)
    return figures


if __name__ == "__main__":
    run()
