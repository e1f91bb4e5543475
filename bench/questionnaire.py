"""The family questionnaire under load: autosave and final submit against a one-INSERT floor.

Production-like: gunicorn with 2 workers, DEBUG off, CONN_MAX_AGE=60, SQLite (WAL) in a temp
directory, plain HTTP on 127.0.0.1 (bench.common). In one run:

* floor: the bench view that does one INSERT (/bench/insert/), measured before and after;
* autosave: POST /vragenlijst/opslaan/ over many family sessions (wrk);
* submit: the final submit, each request a different, fully answered questionnaire (wrk);
* lost / duplicated: many families at once through the real link, 13 answers each and a double
  click on "Verstuur", then every response is checked in the database;
* session_bytes: what one family downloads for the whole questionnaire (HTML, CSS, JS, JSON
  bodies; static files gzip-compressed as a browser asks for them).

Prints BENCH questionnaire.autosave_ratio, .submit_ratio, .autosave_p95_ms, .submit_p95_ms,
.lost, .duplicated, .session_bytes (and the floor). Loops are bounded; traffic stays on loopback.
"""

import http.client
import random
import re
import secrets
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import gunicorn, prepare, report, server_env, setup_django, wrk

SECONDS = 5
AUTOSAVE_SESSIONS = 400
SUBMIT_SESSIONS = 12000  # more than the submits a 5 s run can do here: each one is a first submit
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
local i = 0
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


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = server_env(workdir)
        prepare(env)
        setup_django(env)
        from bench.common import create_floor_table

        create_floor_table()
        _family_sessions(_invitations(AUTOSAVE_SESSIONS, answered=False), workdir / "autosave.txt")
        _family_sessions(_invitations(SUBMIT_SESSIONS, answered=True), workdir / "submit.txt")
        links = _link_tokens(FAMILIES + 1)
        autosave_lua = AUTOSAVE_LUA % {"file": workdir / "autosave.txt"}
        submit_lua = SUBMIT_LUA % {"file": workdir / "submit.txt"}
        with gunicorn(env) as base:
            wrk(base + "/bench/insert/", seconds=1)  # warm up workers and connections
            floor_before = wrk(base + "/bench/insert/", seconds=SECONDS)
            autosave = wrk(base + "/vragenlijst/opslaan/", seconds=SECONDS, script=autosave_lua)
            submit = wrk(base + "/vragenlijst/versturen/", seconds=SECONDS, script=submit_lua)
            floor_after = wrk(base + "/bench/insert/", seconds=SECONDS)
            measured = Family(base)
            measured.fill_in(links[0][1], [3] * len(ITEMS), measure=True)
            lost, duplicated = _check_families(base, links[1:])
        from krachtbron.questionnaires.models import Response

        first_submits = Response.objects.filter(
            invitation__member__first_name="Sara", completed_at__isnull=False
        ).count()
    for result, name in [(autosave, "autosave"), (submit, "submit")]:
        if result.errors:
            raise RuntimeError(f"{name}: {result.errors} failed requests")
    submitted = submit.requests_per_second * SECONDS
    if submitted > SUBMIT_SESSIONS:
        raise RuntimeError("Too few prepared questionnaires: raise SUBMIT_SESSIONS")
    floor = (floor_before.requests_per_second + floor_after.requests_per_second) / 2
    figures = {
        "questionnaire.floor_insert_rps": floor,
        "questionnaire.autosave_ratio": autosave.requests_per_second / floor,
        "questionnaire.submit_ratio": submit.requests_per_second / floor,
        "questionnaire.autosave_p95_ms": autosave.p95_ms,
        "questionnaire.submit_p95_ms": submit.p95_ms,
        "questionnaire.submits_completed": float(first_submits),
        "questionnaire.lost": float(lost),
        "questionnaire.duplicated": float(duplicated),
        "questionnaire.session_bytes": float(measured.body_bytes),
        "questionnaire.session_header_bytes": float(measured.header_bytes),
    }
    for name, value in figures.items():
        report(name, value)
    return figures


if __name__ == "__main__":
    run()
