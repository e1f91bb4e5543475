"""The benchmarks' response checks (bench/common.py): a sign-in redirect or a page without its
marker must fail a measurement loudly, never count as a fast answer (issue 18)."""

import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.common import (
    TARGETS,
    BenchError,
    Expect,
    Figure,
    check_page,
    meets,
    parse_figures,
    summary,
    wrk,
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path.startswith("/gezinnen/"):  # as the app answers without a session
            self.send_response(302)
            self.send_header("Location", "/inloggen/?next=/gezinnen/")
            body = b""
        else:
            self.send_response(200)
            body = b"<h1>Mijn gezinnen</h1>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """wrk closes its connections when its time is up: a reset is expected, not printed."""
        if not isinstance(sys.exc_info()[1], ConnectionResetError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture
def base() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


PAGE = Expect(200, "Mijn gezinnen")


def test_the_real_page_passes(base: str) -> None:
    assert "Mijn gezinnen" in check_page(base + "/pagina/", PAGE)
    result = wrk(base + "/pagina/", seconds=1, connections=2, expect=PAGE)
    assert result.checked > 0
    assert result.wrong == 0


def test_a_sign_in_redirect_fails_the_precheck(base: str) -> None:
    with pytest.raises(BenchError, match="302 /inloggen/"):
        check_page(base + "/gezinnen/", PAGE)


def test_a_sign_in_redirect_fails_the_run(base: str) -> None:
    with pytest.raises(BenchError, match=r"were not the page .*first: 302 /inloggen/"):
        wrk(base + "/gezinnen/", seconds=1, connections=2, expect=PAGE)


def test_a_page_without_its_marker_fails(base: str) -> None:
    with pytest.raises(BenchError, match="were not the page"):
        wrk(base + "/pagina/", seconds=1, connections=2, expect=Expect(200, "Netwerk"))
    with pytest.raises(BenchError):
        check_page(base + "/pagina/", Expect(200, "Netwerk"))


def test_an_expected_redirect_is_checked_by_its_location(base: str) -> None:
    to_sign_in = Expect(302, "/inloggen/", in_location=True)
    assert wrk(base + "/gezinnen/", seconds=1, connections=2, expect=to_sign_in).wrong == 0
    with pytest.raises(BenchError):
        wrk(base + "/gezinnen/", seconds=1, connections=2, expect=Expect(302, "/klaar/", True))


# The summary at the end of `make bench` (bench/__main__.py): the figures are read back from the
# children's BENCH lines and each target of issue 18 is marked met (✓) or not (✗).

OUTPUT = """\
# bench.pages
BENCH pages.caseload_ratio 0.073 [0.055–0.080]
BENCH pages.network_vs_file 0.374 [0.300–0.410]
noise from a child: BENCH is only read at the start of a line
BENCH pages.pg.caseload_ratio 0.050 [0.040–0.060]
BENCH dashboard.postgres_ratio 0.081 [0.070–0.157]
BENCH questionnaire.submits_completed 1234
BENCH pdfs.plan_times_floor 8 [6.500–9.000]
"""


def test_the_bench_lines_are_read_with_their_range() -> None:
    figures = parse_figures(OUTPUT.splitlines())
    assert figures["pages.caseload_ratio"] == Figure(0.073, 0.055, 0.080)
    assert figures["dashboard.postgres_ratio"] == Figure(0.081, 0.070, 0.157)
    assert figures["questionnaire.submits_completed"] == Figure(1234, 1234, 1234)
    assert figures["pdfs.plan_times_floor"] == Figure(8, 6.5, 9)
    assert len(figures) == 6


def test_the_summary_marks_each_target_met_or_not() -> None:
    targets = {
        "pages.caseload_ratio": (">=", 0.05),
        "pages.network_vs_file": (">=", 0.5),
        "pages.pg.caseload_ratio": (">=", 0.05),  # exactly on the bound: met
        "dashboard.postgres_ratio": ("<=", 0.1),  # the median counts, not the worst round
        "pdfs.plan_times_floor": ("<=", 8.0),
        "reach.pg.send_ratio": (">=", 0.5),  # not printed: not met
    }
    lines = summary(parse_figures(OUTPUT.splitlines()), targets)
    marks = {line.split()[2]: line.split()[1] for line in lines if line.startswith("TARGET")}
    assert marks == {
        "pages.caseload_ratio": "✓",
        "pages.network_vs_file": "✗",
        "pages.pg.caseload_ratio": "✓",
        "dashboard.postgres_ratio": "✓",
        "pdfs.plan_times_floor": "✓",
        "reach.pg.send_ratio": "✗",
    }
    assert "0.374 [0.300–0.410]" in lines[1] and "(target ≥ 0.5)" in lines[1]
    assert "missing" in lines[5] and "(target ≥ 0.5)" in lines[5]
    assert lines[-1] == "# 4 of 6 targets met"


def test_every_target_of_issue_18_is_in_the_summary_on_both_databases() -> None:
    for name in [
        "caseload_ratio",
        "network_vs_file",
        "plan_times_floor",
        "autosave_ratio",
        "submit_ratio",
        "home_ratio",
        "score_ratio",
        "send_ratio",
    ]:
        assert sum(target.endswith(f".{name}") for target in TARGETS) == 2, name
    assert TARGETS["dashboard.sqlite_ratio"] == TARGETS["dashboard.postgres_ratio"] == ("<=", 0.1)
    assert TARGETS["pdfs.pg.plan_times_floor"] == ("<=", 8)
    assert TARGETS["questionnaire.pg.submit_ratio"] == (">=", 0.4)
    assert not any(meets(None, target) for target in TARGETS.values())
