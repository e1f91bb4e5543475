"""Run every benchmark, each in its own process (each sets up Django for its own database)."""

import subprocess
import sys

BENCHMARKS = [
    "bench.pages",
    "bench.questionnaire",
    "bench.dashboard",
    "bench.portal",
    "bench.reach",
    "bench.pdfs",
]


def main() -> int:
    failed = []
    for module in BENCHMARKS:
        try:
            __import__(module)
        except ModuleNotFoundError:
            print(f"# {module}: not present, skipped", flush=True)
            continue
        print(f"# {module}", flush=True)
        result = subprocess.run([sys.executable, "-m", module], check=False)  # noqa: S603
        if result.returncode != 0:
            failed.append(module)
    if failed:
        print(f"# failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
