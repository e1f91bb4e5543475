#!/usr/bin/env python3
"""Check that the repository's excerpt of the handreiking's questionnaire pages is verbatim.

    scripts/check-handreiking-excerpt.py PATH/TO/handreiking.txt

The excerpt (krachtbron/instruments/tests/handreiking_vragenlijsten.txt) is what the test suite
checks the instrument wording against, so that a bare clone needs nothing beside it. Run this
when the handreiking's text extraction is at hand (for example after a new edition): every
region of the excerpt must occur, character for character, in the full text.
"""

import re
import sys
from pathlib import Path

EXCERPT = (
    Path(__file__)
    .resolve()
    .parent.parent.joinpath("krachtbron", "instruments", "tests", "handreiking_vragenlijsten.txt")
)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    full = Path(sys.argv[1]).read_text(encoding="utf-8")
    body = "\n".join(
        line
        for line in EXCERPT.read_text(encoding="utf-8").splitlines()
        if not line.startswith("# ")
    )
    parts = re.split(r"(?m)^=== (\S+)\n", body)
    missing = [
        name
        for name, region in zip(parts[1::2], parts[2::2], strict=True)
        if region.strip("\n") not in full
    ]
    for name in missing:
        print(f"{name}: region not found verbatim in {sys.argv[1]}", file=sys.stderr)
    print("excerpt is verbatim" if not missing else "excerpt differs", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
