"""Mijn Krachtbron under load: the portal home (Ons plan) and saving a 0-10 score.

A family with a big file (30 goals with a year of numbers, a full strength profile, months of
scalings) and eight signed-in members, each through the real one-time-link flow over HTTP;
SQLite (WAL), gunicorn with 2 workers, as bench/pages.py. Prints:

* BENCH portal.home_ratio: GET /mijn/ requests/s ÷ the hello floor (target ≥ 0.05);
* BENCH portal.score_ratio: POST of a score on /mijn/cijfer/<dimension>/ as the form sends it
  (with its one-time form key: a new Scaling row, its access-log row and the key's claim, one
  transaction) requests/s ÷ the one-INSERT floor (target ≥ 0.4);
Each figure is the median of ``ROUNDS`` interleaved rounds (``bench.common.interleaved``), with
the lowest and highest in brackets, so the page and its floor see the same load of this shared
machine. Every response is checked (the home page's "Ons plan", the score's redirect back to
it), and a request counts only if it did the real work: after every run the rows it must have
written are counted (a READ row "portal_home" per home page, a Scaling row and a form key per
score), so a sign-in redirect or a replayed key can never pass for a fast answer.
"""

import os
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    BenchError,
    Expect,
    Load,
    Pair,
    WrkResult,
    check_page,
    create_floor_table,
    gunicorn,
    interleaved,
    prepare,
    server_env,
    setup_django,
    wrk,
)
from bench.questionnaire import Family as Browser

SECONDS = 2
ROUNDS = 3
CONNECTIONS = 8
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
    .. "&form_key=" .. string.format("bench-r%(round)d-%%012d", i)
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


def _checked(name: str, result: WrkResult, written: int) -> float:
    """Refuse a run whose rows do not match its answers (wrk counts the answers it read; the
    server may finish a few more when wrk stops); its rate."""
    if not result.requests <= written <= result.requests + CONNECTIONS:
        raise BenchError(f"{name}: {result.requests} answers but {written} rows written")
    return result.requests_per_second


def _home_rows() -> int:
    from krachtbron.audit.models import AccessLogEntry

    return AccessLogEntry.objects.filter(object_type="portal_home").count()


def _score_rows() -> tuple[int, int]:
    from krachtbron.lib.models import FormSubmission
    from krachtbron.strengths.models import Scaling

    return (
        Scaling.objects.filter(by_member__isnull=False).count(),
        FormSubmission.objects.filter(key__startswith="bench-r").count(),
    )


def run(database_url: str = "") -> dict[str, list[float]]:
    """The figures (``portal.*``; ``portal.pg.*`` on the PostgreSQL at `database_url`)."""
    prefix = "portal.pg" if database_url else "portal"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = server_env(workdir, database_url)
        # Passkeys are not used here (one-time links), but production settings need a host.
        env.setdefault("PORTAL_RP_ID", "localhost")
        prepare(env)
        setup_django(env)
        create_floor_table()
        members = _create_data()
        with gunicorn(env) as base:
            sessions = _sign_in(base, members)
            session_file = workdir / "sessions.txt"
            session_file.write_text("\n".join(sessions) + "\n")
            key = sessions[0].split()[0]
            wrk(base + "/bench/hello/", seconds=1)  # warm up workers and connections
            hello = Load(base + "/bench/hello/", Expect(200, "ok"), connections=CONNECTIONS)
            insert = Load(base + "/bench/insert/", Expect(200, "ok"), connections=CONNECTIONS)
            page = Load(
                base + "/mijn/",
                Expect(200, "Ons plan"),
                cookie=f"krachtbron_session={key}",
                connections=CONNECTIONS,
            )
            check_page(page.url, page.expect, cookie=page.cookie)
            rounds = iter(range(ROUNDS))

            def home() -> float:
                before = _home_rows()
                return _checked("portal home", page.run(SECONDS), _home_rows() - before)

            def score() -> float:
                scalings, keys = _score_rows()
                result = wrk(
                    base + "/mijn/cijfer/social/",
                    seconds=SECONDS,
                    connections=CONNECTIONS,
                    script=SCORE_LUA % {"file": session_file, "round": next(rounds)},
                    expect=Expect(302, "/mijn/#cijfers", in_location=True),
                )
                time.sleep(0.5)  # let the server finish what wrk left in flight
                scalings_after, keys_after = _score_rows()
                if scalings_after - scalings != keys_after - keys:
                    raise BenchError(
                        f"score: {scalings_after - scalings} scores, {keys_after - keys} form keys"
                    )
                return _checked("score", result, scalings_after - scalings)

            pairs = [
                Pair("home_ratio", home, lambda: hello.rate(SECONDS)),
                Pair("score_ratio", score, lambda: insert.rate(SECONDS)),
            ]
            return interleaved(prefix, pairs, ROUNDS)


if __name__ == "__main__":
    # `scripts/with-postgres.sh --durable .venv/bin/python -m bench.portal --postgres`: the same
    # on a throw-away PostgreSQL (portal.pg.*).
    run(os.environ["DATABASE_URL"] if "--postgres" in sys.argv else "")
