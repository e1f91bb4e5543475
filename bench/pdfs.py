"""How long the PDFs take for a big file, as times a one-page PDF rendered in the same rounds.

The family of bench/portal.py (8 opvoeders, 30 goals with a year of numbers, a full strength
profile and months of scalings) with a network of 200 persons (bench/pages.py), 2,000
access-log rows about it and a completed begin questionnaire per member. Rendered in this
process through Django (the test client, the whole request), on SQLite, or with ``--postgres``
on the PostgreSQL at DATABASE_URL (``bench.__main__`` runs both, the PostgreSQL one through
``scripts/with-postgres.sh --durable``), in ``ROUNDS`` interleaved rounds against the floor:
``/bench/pdf/``, one page through the same renderer (``lib.pdf.render_pdf``). Prints
``median [lowest–highest]`` of:

* BENCH pdfs[.pg].plan_times_floor: 'Ons krachtenplan' (``strengths:plan_pdf``, a request) ÷
  the one-page PDF (target ≤ 8);
* BENCH pdfs[.pg].copy_times_floor: the copy of the file (``families.copy_pdf.make_copy_pdf``),
  made in the background;
* BENCH pdfs[.pg].invitation_times_floor: a printed invitation letter (``questionnaires:pdf``);
* and the seconds of each (``pdfs[.pg].*_seconds``, medians).

Every answer must be a PDF (``%PDF``, status 200), the plan one with the map on it.
docs/adr/0014-background-tasks.md ("PDF's") has the figures and the decision they support.
"""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import (
    BenchError,
    Pair,
    interleaved,
    prepare,
    report,
    server_env,
    setup_django,
    signed_in_session,
)

ROUNDS = 3
LOG_ROWS = 2000


def _rate(name: str, make: Callable[[], tuple[int, bytes]], times: list[float]) -> float:
    """One rendering per call: its rate (1/s); a wrong answer fails the benchmark."""
    start = time.perf_counter()
    status, body = make()
    elapsed = time.perf_counter() - start
    if status != 200 or not body.startswith(b"%PDF"):
        raise BenchError(f"{name}: answered {status} {body[:80]!r}")
    times.append(elapsed)
    return 1 / elapsed


def run(database_url: str = "") -> dict[str, float]:
    prefix = "pdfs.pg" if database_url else "pdfs"
    with tempfile.TemporaryDirectory() as workdir:
        env = server_env(Path(workdir), database_url)
        prepare(env)
        setup_django(env)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from bench.pages import _network
        from bench.portal import _create_data
        from krachtbron.audit.log import log_access_many
        from krachtbron.audit.models import AccessKind
        from krachtbron.families.copy_pdf import make_copy_pdf
        from krachtbron.families.models import PreparedFile
        from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite

        members = _create_data()
        member, adviser = members[0]
        family = member.family
        _network(family, adviser, snapshots=0)
        for _n in range(LOG_ROWS // 100):
            log_access_many(adviser, [family] * 100, AccessKind.READ, object_type="goals")
        for other, _adviser in members:
            completed_response(other, adviser, dict.fromkeys(ALL_ITEMS, 2))
        invitation, token = invite(member, adviser)
        if database_url:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(adviser)
        file = PreparedFile(
            kind="family_copy",
            family=family,
            owner_user=adviser,
            params={"requester": member.pk, "third_parties": True},
            language="nl",
            created_at=timezone.now(),
            expires_at=timezone.now(),
        )
        plan_url = reverse("strengths:plan_pdf", args=[family.pk])
        letter_url = reverse("questionnaires:pdf", args=[invitation.pk])

        def get(url: str) -> tuple[int, bytes]:
            response = client.get(url)
            return response.status_code, response.content

        def letter() -> tuple[int, bytes]:
            response = client.post(letter_url, {"token": token})
            return response.status_code, response.content

        plan = get(plan_url)[1]
        if b"%PDF" not in plan[:8] or len(plan) < 20_000:
            raise BenchError("the krachtenplan is not the big PDF")
        seconds: dict[str, list[float]] = {"floor": [], "plan": [], "copy": [], "invitation": []}

        def floor() -> float:
            return _rate("floor", lambda: get("/bench/pdf/"), seconds["floor"])

        pairs = [
            Pair(
                "plan_times_floor",
                lambda: _rate("plan", lambda: get(plan_url), seconds["plan"]),
                floor,
                as_times=True,
            ),
            Pair(
                "copy_times_floor",
                lambda: _rate("copy", lambda: (200, make_copy_pdf(file)), seconds["copy"]),
                floor,
                as_times=True,
            ),
            Pair(
                "invitation_times_floor",
                lambda: _rate("invitation", letter, seconds["invitation"]),
                floor,
                as_times=True,
            ),
        ]
        get("/bench/pdf/")  # warm up the renderer (fonts)
        ratios = interleaved(prefix, pairs, ROUNDS)
    result = {f"{prefix}.{k}": statistics.median(v) for k, v in ratios.items()}
    for name, values in seconds.items():
        report(f"{prefix}.{name}_seconds", statistics.median(values))
        result[f"{prefix}.{name}_seconds"] = statistics.median(values)
    return result


if __name__ == "__main__":
    # `scripts/with-postgres.sh --durable .venv/bin/python -m bench.pdfs --postgres`
    run(os.environ["DATABASE_URL"] if "--postgres" in sys.argv else "")
    sys.exit(0)
