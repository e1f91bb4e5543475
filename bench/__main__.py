"""Run every benchmark, each in its own process (each sets up Django for its own database).

The benchmarks that take ``--postgres`` run twice: on SQLite, and on a throw-away durable
PostgreSQL (``scripts/with-postgres.sh --durable``), printing ``BENCH <name>.pg.*``; the
dashboard and reach benchmarks start their own PostgreSQL. Every child's output is passed
through and its ``BENCH`` lines are collected; at the end a summary lists every target of issue 18
(``bench.common.TARGETS``) with the measured median, the lowest and highest round, the target
and ✓/✗ (a figure the run did not print is ✗), and ``# load`` lines give the load average
(/proc/loadavg) at the start and end of the run.

Exit status: 1 when a benchmark failed (a wrong answer or a failed request,
``bench.common.BenchError``, or a crash), after the others ran; a missed target is a finding in
the summary, not a failure.
"""

import os
import subprocess
import sys
import time

from bench.common import PYTHON, ROOT, TARGETS, load_average, parse_figures, summary

#: (module, also on PostgreSQL): dashboard and reach choose their databases themselves.
BENCHMARKS = [
    ("bench.pages", True),
    ("bench.questionnaire", True),
    ("bench.portal", True),
    ("bench.dashboard", False),
    ("bench.reach", False),
    ("bench.pdfs", True),
]


def run_child(command: list[str]) -> tuple[int, list[str]]:
    """Run one benchmark, passing its output through line by line; (exit status, its lines)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines = []
    with subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, bufsize=1
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return process.returncode, lines


def main() -> int:
    started = time.monotonic()
    print(f"# load {load_average()} (start)", flush=True)
    failed, output = [], []
    for module, postgres in BENCHMARKS:
        try:
            __import__(module)
        except ModuleNotFoundError:
            print(f"# {module}: not present, skipped", flush=True)
            continue
        runs = [("", [PYTHON, "-m", module])]
        if postgres:
            wrapper = [str(ROOT / "scripts" / "with-postgres.sh"), "--durable"]
            runs.append((" (PostgreSQL)", [*wrapper, PYTHON, "-m", module, "--postgres"]))
        for label, command in runs:
            print(f"# {module}{label} (load {load_average()})", flush=True)
            begun = time.monotonic()
            status, lines = run_child(command)
            output += lines
            print(f"# {module}{label}: {time.monotonic() - begun:.0f} s", flush=True)
            if status != 0:
                failed.append(module + label)
    print(f"# load {load_average()} (end, after {(time.monotonic() - started) / 60:.0f} min)")
    print("# summary: issue 18's targets, median [lowest–highest round] of this run")
    for line in summary(parse_figures(output), TARGETS):
        print(line)
    if failed:
        print(f"# failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
