"""How long the PDFs take to render for a big file: which go to the background (issue 16).

The family of bench/portal.py (8 opvoeders, 30 goals with a year of numbers, a full strength
profile and months of scalings) plus 2,000 access-log rows about it and a completed begin
questionnaire per member. Rendered in this process, on SQLite, ``ROUNDS`` times each; prints
the median and the spread in seconds:

* BENCH pdfs.copy_seconds: the copy of the file (``families.copy_pdf.make_copy_pdf``), made
  in the background;
* BENCH pdfs.plan_seconds: the krachtenplan (``strengths:plan_pdf``, a request);
* BENCH pdfs.invitation_seconds: a printed invitation letter (``questionnaires:pdf``).

docs/adr/0014-background-tasks.md ("PDF's") has the figures and the decision they support.
"""

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import prepare, report, server_env, setup_django, signed_in_session, spread

ROUNDS = 3
LOG_ROWS = 2000


def _timed(make: Callable[[], bytes]) -> tuple[float, float, float]:
    times = []
    for _round in range(ROUNDS):
        start = time.perf_counter()
        body = make()
        times.append(time.perf_counter() - start)
        assert body.startswith(b"%PDF"), body[:200]
    return spread(times)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as workdir:
        env = server_env(Path(workdir))
        prepare(env)
        setup_django(env)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from bench.portal import _create_data
        from krachtbron.audit.log import log_access_many
        from krachtbron.audit.models import AccessKind
        from krachtbron.families.copy_pdf import make_copy_pdf
        from krachtbron.families.models import PreparedFile
        from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite

        members = _create_data()
        member, adviser = members[0]
        family = member.family
        for _n in range(LOG_ROWS // 100):
            log_access_many(adviser, [family] * 100, AccessKind.READ, object_type="goals")
        for other, _adviser in members:
            completed_response(other, adviser, dict.fromkeys(ALL_ITEMS, 2))
        invitation, token = invite(member, adviser)
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
        figures = {
            "copy": _timed(lambda: make_copy_pdf(file)),
            "plan": _timed(lambda: client.get(plan_url).content),
            "invitation": _timed(lambda: client.post(letter_url, {"token": token}).content),
        }
    result = {}
    for name, (median, low, high) in figures.items():
        report(f"pdfs.{name}_seconds", median)
        print(f"# {name}: lowest {low:.3f} s, highest {high:.3f} s", flush=True)
        result[name] = median
    return result


if __name__ == "__main__":
    run()
    sys.exit(0)
