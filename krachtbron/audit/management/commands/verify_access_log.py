"""Check the access log's seal chain; exit 1 (with the first broken link) when it is not intact.

    manage.py verify_access_log [--heads FILE ...] [--head 1234:5f3a9c0e1b2d4a6f]
                                [--grace-minutes 5]

Every head in the head file (``ACCESS_LOG_HEAD_FILE``; ``--heads`` names others, e.g. the
files of the other application servers or rotated ones) must still be in the chain, so a log cut
short or wiped is reported. ``--head`` is a chain head copied from the application log ("access
log sealed through ..."): the check then also proves that the log reaches it.
"""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from krachtbron.audit.verify import GRACE, verify_chain

_HEAD = re.compile(r"^([0-9]{1,18}):([0-9a-fA-F]{8,64})$")


class Command(BaseCommand):
    help = "Controleer de zegelketen van de toegangslog (NEN 7513)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head",
            help="kop uit het applicatielog, als VOLGNUMMER:MAC-BEGIN (bijv. 1234:5f3a9c0e)",
        )
        parser.add_argument(
            "--heads",
            action="append",
            type=Path,
            metavar="BESTAND",
            help="een kopbestand om de keten mee te vergelijken (standaard "
            "ACCESS_LOG_HEAD_FILE); herhaal voor meer bestanden",
        )
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=int(GRACE.total_seconds() // 60),
            help="regels jonger dan dit mogen nog onverzegeld zijn (standaard 5)",
        )

    def handle(
        self,
        *args: Any,
        head: str | None,
        heads: list[Path] | None,
        grace_minutes: int,
        **options: Any,
    ) -> None:
        expect = None
        if head:
            match = _HEAD.match(head.strip())
            if match is None:
                raise CommandError(
                    "--head moet de vorm VOLGNUMMER:MAC-BEGIN hebben, bijv. 12:5f3a9c0e."
                )
            expect = (int(match.group(1)), match.group(2))
        report = verify_chain(
            grace=timedelta(minutes=max(grace_minutes, 0)), expect_head=expect, head_files=heads
        )
        problems = []
        if report.broken is not None:
            problems.append(f"Eerste breuk: {report.broken.message}")
        if report.unsealed:
            shown = ", ".join(str(pk) for pk in report.unsealed[:10])
            more = " …" if len(report.unsealed) > 10 else ""
            problems.append(
                ngettext(
                    "%(n)d regel ouder dan %(minutes)d minuten zonder zegel",
                    "%(n)d regels ouder dan %(minutes)d minuten zonder zegel",
                    len(report.unsealed),
                )
                % {"n": len(report.unsealed), "minutes": grace_minutes}
                + f" (regel {shown}{more}): draait seal_access_log, of zijn er regels buiten "
                "Krachtbron om toegevoegd?"
            )
        if report.head_problem:
            problems.append(report.head_problem)
        if report.witness_problem:
            problems.append(report.witness_problem)
        if problems:
            raise CommandError("De toegangslog is NIET intact.\n" + "\n".join(problems))
        head_text = report.head.short if report.head else "geen zegels"
        start = (
            f"vanaf anker {report.anchor.sequence} (bewaartermijn, "
            f"{report.anchor.detail.get('entries', 0)} oude regels verwijderd)"
            if report.anchor is not None
            else "vanaf het begin"
        )
        files = ", ".join(str(path) for path in report.witness_files)
        self.stdout.write(
            f"De toegangslog is intact: {report.entries} regels, gecontroleerd {start} tot en met "
            f"zegel {head_text}; "
            + ngettext(
                "%(n)d kop uit het kopbestand (%(files)s) klopt.",
                "%(n)d koppen uit het kopbestand (%(files)s) kloppen.",
                report.witnessed,
            )
            % {"n": report.witnessed, "files": files}
        )
