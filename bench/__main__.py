"""Run every benchmark, each in its own process (each sets up Django for its own database).

The page benchmarks run twice: on SQLite, and with ``--postgres`` on a throw-away durable
PostgreSQL (``scripts/with-postgres.sh --durable``), printing ``BENCH <name>.pg.*``. A benchmark
that fails (a wrong answer, a failed request: ``bench.common.BenchError``) makes the whole run
fail after the others ran.
"""

import subprocess
import sys

from bench.common import PYTHON, ROOT

#: (module, also on PostgreSQL): dashboard and reach choose their databases themselves.
BENCHMARKS = [
    ("bench.pages", True),
    ("bench.questionnaire", True),
    ("bench.portal", True),
    ("bench.dashboard", False),
    ("bench.reach", False),
    ("bench.pdfs", True),
]


def main() -> int:
    failed = []
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
            print(f"# {module}{label}", flush=True)
            result = subprocess.run(command, check=False, cwd=ROOT)  # noqa: S603
            if result.returncode != 0:
                failed.append(module + label)
    if failed:
        print(f"# failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
