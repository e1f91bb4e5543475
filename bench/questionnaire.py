"""The family questionnaire under load: autosave and final submit against a one-INSERT floor.

Production-like: gunicorn with 2 workers, DEBUG off, CONN_MAX_AGE=60, SQLite (WAL) in a temp
directory, or the PostgreSQL at DATABASE_URL with ``--postgres`` (``questionnaire.pg.*``; ``make
bench`` runs both), plain HTTP on 127.0.0.1 (bench.common). In one run, in ``ROUNDS`` interleaved
rounds (``bench.common.interleaved``: each page right before or after its floor):

* autosave: POST /vragenlijst/opslaan/ over many family sessions (wrk) ÷ the bench view that
  does one INSERT (/bench/insert/) (target ≥ 0.6);
* submit: the final submit, each request a different, fully answered questionnaire (wrk; every
  round its own questionnaires) ÷ the one-INSERT floor (target ≥ 0.4);
* receipt: the page the family sees next (/vragenlijst/klaar/ with its Bewijsnummer) ÷ hello;
* lost / duplicated: many families at once through the real link, 13 answers each and a double
  click on "Verstuur", then every response is checked in the database;
* session_bytes: what one family downloads for the whole questionnaire (HTML, CSS, JS, JSON
  bodies; static files gzip-compressed as a browser asks for them).

Prints BENCH questionnaire[.pg].autosave_ratio, .submit_ratio, .receipt_ratio (median
[lowest–highest]), .submits_completed, .lost, .duplicated, .session_bytes. Every response is
checked (status, and "ok": true / the redirect to the receipt / the receipt number), and after
every round the database must hold exactly the submits wrk counted. Loops are bounded; traffic
stays on loopback.
"""

import http.client
import os
import random
import re
import secrets
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import (
    BenchError,
    Expect,
    Load,
    Pair,
    check_page,
    create_floor_table,
    gunicorn,
    interleaved,
    loads,
    prepare,
    report,
    server_env,
    setup_django,
    spread,
    wrk,
)

SECONDS = 3
ROUNDS = 3
CONNECTIONS = 8
AUTOSAVE_SESSIONS = 400
SUBMIT_PER_ROUND = 4000  # more than the submits a 3 s run can do here: each one is a first submit
SUBMIT_SESSIONS = SUBMIT_PER_ROUND * ROUNDS
FAMILIES = 120  # the concurrent-families check
FAMILY_THREADS = 12
ITEMS = [f"g{n:02d}" for n in range(1, 14)]

AUTOSAVE_LUA = """
local sessions = {}
for line in io.lines("%(file)s") do sessions[#sessions + 1] = line end
local i = 0
request = function()
  i = i + 1
  local key, csrf = sessions[((i - 1) %% #sessions) + 1]:match("(%%S+) (%%S+)")
  local body = "item=g" .. string.format("%%02d", (i %% 13) + 1) .. "&value=" .. (i %% 5)
  return wrk.format("POST", "/vragenlijst/opslaan/", {
    ["Cookie"] = "krachtbron_session=" .. key .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""

SUBMIT_LUA = """
local sessions = {}
for line in io.lines("%(file)s") do sessions[#sessions + 1] = line end
local i = %(offset)d
request = function()
  i = i + 1
  local key, csrf = sessions[((i - 1) %% #sessions) + 1]:match("(%%S+) (%%S+)")
  return wrk.format("POST", "/vragenlijst/versturen/", {
    ["Cookie"] = "krachtbron_session=" .. key .. "; csrftoken=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "csrfmiddlewaretoken=" .. csrf)
end
"""


# --- Data -------------------------------------------------------------------------------------


def _invitations(count: int, answered: bool) -> list[Any]:
    """Invitations (with a response and 13 answers when ``answered``), in bulk."""
    from django.utils import timezone

    from krachtbron.accounts.models import Role, Team
    from krachtbron.families.models import CaseAssignment, Family, FamilyMember
    from krachtbron.lib.tokens import hash_token, new_token
    from krachtbron.questionnaires.models import Answer, Invitation, Response
    from krachtbron.testing.factories import UserFactory

    team, _ = Team.objects.get_or_create(name="Team Bench")
    adviser = UserFactory.create(role=Role.ADVISEUR, team=team)
    families = Family.objects.bulk_create(
        Family(reference=f"KB-Q-{secrets.token_hex(5)}", team=team) for _ in range(50)
    )
    CaseAssignment.objects.bulk_create(CaseAssignment(family=f, adviser=adviser) for f in families)
    members = FamilyMember.objects.bulk_create(
        FamilyMember(family=f, first_name="Sara", role="opvoeder") for f in families
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(
            family_id=members[i % 50].family_id,
            member=members[i % 50],
            moment="begin",
            language="nl",
            token_hash=hash_token(new_token()),
            created_by=adviser,
        )
        for i in range(count)
    )
    if answered:
        now = timezone.now()
        responses = Response.objects.bulk_create(
            Response(
                invitation=inv,
                family_id=inv.family_id,
                member_id=inv.member_id,
                instrument_version="1.0",
                language="nl",
                moment="begin",
            )
            for inv in invitations
        )
        Answer.objects.bulk_create(
            (
                Answer(response=r, item_id=item, value=(n + i) % 5, answered_at=now)
                for n, r in enumerate(responses)
                for i, item in enumerate(ITEMS)
            ),
            batch_size=5000,
        )
    return invitations


def _family_sessions(invitations: list[Any], path: Path) -> None:
    """A family session per invitation (as a first visit leaves it) and a CSRF secret."""
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from krachtbron.questionnaires.family_session import SESSION_KEY

    store = SessionStore()
    expires = timezone.now() + timedelta(hours=10)
    lines, sessions = [], []
    for invitation in invitations:
        key = secrets.token_hex(16)
        sessions.append(
            Session(
                session_key=key,
                session_data=store.encode({SESSION_KEY: invitation.pk}),
                expire_date=expires,
            )
        )
        lines.append(f"{key} {secrets.token_hex(16)}")
    Session.objects.bulk_create(sessions, batch_size=2000)
    path.write_text("\n".join(lines) + "\n")


def _link_tokens(count: int) -> list[tuple[int, str]]:
    """Real invitations made through the action, with their links' tokens."""
    from krachtbron.accounts.models import Role, Team
    from krachtbron.families.models import Family
    from krachtbron.questionnaires import actions
    from krachtbron.testing.factories import UserFactory

    team, _ = Team.objects.get_or_create(name="Team Bench")
    adviser = UserFactory.create(role=Role.ADVISEUR, team=team)
    result = []
    for n in range(count):
        family = Family.objects.create(reference=f"KB-F-{n:05d}", team=team)
        member = family.members.create(first_name="Noah", role="jeugdige")
        invitation, token = actions.invite_member(
            adviser, family, member, moment="tussentijds", language="nl"
        )
        result.append((invitation.pk, token))
    return result


# --- A family through HTTP ---------------------------------------------------------------------


class Family:
    """One family member's browser: keep-alive connection, cookies, bytes received."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=30
        )
        self.cookies: dict[str, str] = {}
        self.body_bytes = 0
        self.header_bytes = 0

    def request(self, method: str, path: str, body: str = "", **headers: str) -> tuple[int, str]:
        headers = {"Accept-Encoding": "gzip", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body or None, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        self.body_bytes += len(data)
        self.header_bytes += sum(len(k) + len(v) + 4 for k, v in response.getheaders())
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name] = rest.split(";", 1)[0]
        if response.getheader("Content-Encoding") == "gzip":
            return response.status, ""
        return response.status, data.decode("utf-8", "replace")

    def csrf(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def fill_in(self, token: str, values: list[int], measure: bool = False) -> tuple[str, ...]:
        """Open the link, answer every question with JavaScript's autosave, then send: a double
        click, or (``measure``) one click with the CSS and JS a browser loads once.

        Returns the receipts shown after the clicks.
        """
        assets = measure
        status, _ = self.request("GET", f"/v/{token}/")
        assert status == 302, status
        status, start = self.request("GET", "/vragenlijst/")
        assert status == 200, status
        if assets:
            for path in re.findall(r'href="(/static/[^"]+\.css)"', start):
                self.request("GET", path)
        for number, (item, value) in enumerate(zip(ITEMS, values, strict=True), start=1):
            status, page = self.request("GET", f"/vragenlijst/vraag/{number}/")
            assert status == 200, status
            if assets and number == 1:
                for path in re.findall(r'src="(/static/[^"]+\.js)"', page):
                    self.request("GET", path)
            csrf = self.csrf(page)
            status, _ = self.request(
                "POST",
                "/vragenlijst/opslaan/",
                f"item={item}&value={value}",
                **{"X-CSRFToken": csrf},
            )
            assert status == 200, status
        status, review = self.request("GET", "/vragenlijst/controleren/")
        csrf = self.csrf(review)
        if measure:
            status, _ = self.request(
                "POST", "/vragenlijst/versturen/", f"csrfmiddlewaretoken={csrf}"
            )
            assert status == 302, status
            _status, done = self.request("GET", "/vragenlijst/klaar/")
            return (done,)
        return self._double_click(csrf)

    def _double_click(self, csrf: str) -> tuple[str, ...]:
        receipts: list[str] = []
        cookies = dict(self.cookies)
        base = f"http://{self.connection.host}:{self.connection.port}"

        def click() -> None:
            other = Family(base)
            other.cookies = dict(cookies)
            status, _ = other.request(
                "POST", "/vragenlijst/versturen/", f"csrfmiddlewaretoken={csrf}"
            )
            assert status == 302, status
            _status, done = other.request("GET", "/vragenlijst/klaar/")
            match = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4})</strong>", done)
            receipts.append(match.group(1) if match else "")

        threads = [threading.Thread(target=click) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return tuple(receipts)


def _check_families(base: str, links: list[tuple[int, str]]) -> tuple[int, int]:
    """Many families at once; then count lost and duplicated responses in the database."""
    from krachtbron.audit.models import AccessLogEntry
    from krachtbron.questionnaires.models import Answer, Response

    rng = random.Random(4)
    expected = {pk: [rng.randint(0, 4) for _ in ITEMS] for pk, _token in links}

    def one(link: tuple[int, str]) -> tuple[int, tuple[str, ...]]:
        pk, token = link
        return pk, Family(base).fill_in(token, expected[pk])

    with ThreadPoolExecutor(FAMILY_THREADS) as pool:
        shown = dict(pool.map(one, links))
    lost = duplicated = 0
    for pk, values in expected.items():
        responses = list(Response.objects.filter(invitation_id=pk))
        answers = dict(
            Answer.objects.filter(response__invitation_id=pk).values_list("item_id", "value")
        )
        completions = AccessLogEntry.objects.filter(
            object_type="questionnaire_response",
            object_id__in=[r.pk for r in responses],
            extra__action="submit",
        ).count()
        complete = len(responses) == 1 and responses[0].completed_at is not None
        if not complete or answers != dict(zip(ITEMS, values, strict=True)):
            lost += 1
        receipts = set(shown[pk]) | {r.receipt for r in responses}
        if len(responses) > 1 or completions != 1 or len(receipts) != 1:
            duplicated += 1
    return lost, duplicated


def _submitted() -> int:
    from krachtbron.questionnaires.models import Response

    return Response.objects.filter(
        invitation__member__first_name="Sara", completed_at__isnull=False
    ).count()


def _receipt_session(base: str, token: str) -> tuple[str, str]:
    """A family that has just sent its questionnaire: (its cookie, its receipt number)."""
    family = Family(base)
    (done,) = family.fill_in(token, [2] * len(ITEMS), measure=True)
    match = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4})</strong>", done)
    if match is None:
        raise BenchError("the receipt page shows no Bewijsnummer")
    cookie = "; ".join(f"{k}={v}" for k, v in family.cookies.items())
    return cookie, match.group(1)


def run(database_url: str = "") -> dict[str, float]:
    prefix = "questionnaire.pg" if database_url else "questionnaire"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = server_env(workdir, database_url)
        prepare(env)
        setup_django(env)
        create_floor_table()
        _family_sessions(_invitations(AUTOSAVE_SESSIONS, answered=False), workdir / "autosave.txt")
        _family_sessions(_invitations(SUBMIT_SESSIONS, answered=True), workdir / "submit.txt")
        links = _link_tokens(FAMILIES + 2)
        autosave_lua = AUTOSAVE_LUA % {"file": workdir / "autosave.txt"}
        with gunicorn(env) as base:
            wrk(base + "/bench/insert/", seconds=1)  # warm up workers and connections
            insert = Load(base + "/bench/insert/", Expect(200, "ok"))
            hello = Load(base + "/bench/hello/", Expect(200, "ok"))
            autosave = Load(
                base + "/vragenlijst/opslaan/",
                Expect(200, '"ok": true'),
                script=autosave_lua,
                precheck=False,
            )
            submit_round = iter(range(ROUNDS))

            def submit() -> float:
                """One run over questionnaires no earlier run sent; the database must hold a
                completed response for every answer wrk counted (and not many more)."""
                number = next(submit_round)
                before = _submitted()
                script = SUBMIT_LUA % {
                    "file": workdir / "submit.txt",
                    "offset": number * SUBMIT_PER_ROUND,
                }
                result = wrk(
                    base + "/vragenlijst/versturen/",
                    seconds=SECONDS,
                    connections=CONNECTIONS,
                    script=script,
                    expect=Expect(302, "/vragenlijst/klaar/", in_location=True),
                )
                time.sleep(0.5)  # let the server finish what wrk left in flight
                written = _submitted() - before
                if not result.requests <= written <= result.requests + CONNECTIONS:
                    raise BenchError(f"submit: {result.requests} answers, {written} sent")
                if written > SUBMIT_PER_ROUND:
                    raise BenchError("too few prepared questionnaires: raise SUBMIT_PER_ROUND")
                return result.requests_per_second

            cookie, receipt = _receipt_session(base, links[0][1])
            receipt_page = Load(
                base + "/vragenlijst/klaar/", Expect(200, f"<strong>{receipt}</strong>"), cookie
            )
            check_page(insert.url, insert.expect)

            def floor() -> float:
                return insert.rate(SECONDS)

            pairs = [
                Pair("autosave_ratio", lambda: autosave.rate(SECONDS), floor),
                Pair("submit_ratio", submit, floor),
                loads("receipt_ratio", receipt_page, hello, SECONDS),
            ]
            ratios = interleaved(prefix, pairs, ROUNDS)
            measured = Family(base)
            measured.fill_in(links[1][1], [3] * len(ITEMS), measure=True)
            lost, duplicated = _check_families(base, links[2:])
        first_submits = _submitted()
    figures = {
        f"{prefix}.submits_completed": float(first_submits),
        f"{prefix}.lost": float(lost),
        f"{prefix}.duplicated": float(duplicated),
        f"{prefix}.session_bytes": float(measured.body_bytes),
        f"{prefix}.session_header_bytes": float(measured.header_bytes),
    }
    for name, value in figures.items():
        report(name, value)
    if lost or duplicated:
        raise BenchError(f"{lost} lost and {duplicated} duplicated questionnaires")
    return {**figures, **{f"{prefix}.{k}": spread(v)[0] for k, v in ratios.items()}}


if __name__ == "__main__":
    # `scripts/with-postgres.sh --durable .venv/bin/python -m bench.questionnaire --postgres`
    run(os.environ["DATABASE_URL"] if "--postgres" in sys.argv else "")
