"""Research export (SECURITY.md 22): pseudonymised questionnaire answers for an onderzoeker.

* Pseudonyms are HMAC-SHA256 over the internal id with the project's secret key, which stays on
  the server: the same family has the same pseudonym within one project and an unrelated one in
  another project; without the key nobody can go back from pseudonym to id.
* No names and no free text: the query selects ids, categories and answers only.
* Dates are coarsened to the month of completion (Amsterdam time).
* The team is kept per month: only where at least ``MIN_GROUP_SIZE`` families of that team
  completed the questionnaire in that month. A month's smaller teams (and its responses without
  a team) are pooled as "overig" only when that pool itself holds at least ``MIN_GROUP_SIZE``
  families; otherwise they are left out (a pool of two families beside named teams would name
  them). The rule is ``suppression.enough``, the same as for every group figure. Per month,
  not per project: the researcher chooses a project's months, and a team named in one project
  and pooled in another let two exports subtract to a small team's rows
  (tests/test_export_differencing.py); a month's rows get the same team in every project.
* Only closed months: a project's dataset can be downloaded once its last month is over, so two
  downloads of one project hold the same rows (apart from families whose file was destroyed
  in between: their rows leave every later download).
* Every export writes one access-log row (kind EXPORT) per family in it, in the same transaction
  as the export record, so a family's access history shows the export (NEN 7513).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from krachtbron.accounts.models import User
from krachtbron.audit.models import AccessKind
from krachtbron.instruments import (
    FhirError,
    Instrument,
    available_versions,
    get_instrument,
    to_fhir_response,
)
from krachtbron.lib.csvfile import CONTENT_TYPE as CSV_CONTENT_TYPE
from krachtbron.lib.csvfile import csv_text
from krachtbron.lib.quarters import local_zone
from krachtbron.lib.suppression import enough
from krachtbron.research.models import ExportFormat, ExportProject, ExportRun

OTHER_TEAM = "overig"
PSEUDONYM_LENGTH = 20  # hex characters: 80 bits
FHIR_BASE = "https://krachtbron.nl/fhir"
PSEUDONYM_SYSTEM = f"{FHIR_BASE}/pseudoniem"
EXTENSION_FAMILY = f"{FHIR_BASE}/StructureDefinition/gezin-pseudoniem"
EXTENSION_TEAM = f"{FHIR_BASE}/StructureDefinition/team"
EXTENSION_ROLE = f"{FHIR_BASE}/StructureDefinition/respondent-rol"
EXTENSION_MOMENT = f"{FHIR_BASE}/StructureDefinition/moment"


def pseudonym(secret: bytes, kind: str, pk: Any) -> str:
    """HMAC-SHA256 of ``kind:pk`` with the project key, shortened to 80 bits."""
    digest = hmac.new(bytes(secret), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


@dataclass
class ExportRecord:
    response: str
    family: str
    member: str
    role: str
    team: str
    month: str
    moment: str
    language: str
    version: str
    answers: dict[str, int | None]


def _month_after(first_of_month: date) -> date:
    if first_of_month.month == 12:
        return date(first_of_month.year + 1, 1, 1)
    return date(first_of_month.year, first_of_month.month + 1, 1)


def _responses(project: ExportProject) -> Any:
    from datetime import datetime, time

    from krachtbron.questionnaires.models import Response

    zone = local_zone()
    start = datetime.combine(project.first_month, time.min, tzinfo=zone)
    end = datetime.combine(_month_after(project.last_month), time.min, tzinfo=zone)
    return Response.objects.filter(
        instrument_id=project.instrument_id,
        completed_at__isnull=False,
        completed_at__gte=start,
        completed_at__lt=end,
    )


TeamMonth = tuple[int | None, str]  # (team id, "YYYY-MM")


def _team_labels(responses: list[dict[str, Any]]) -> dict[TeamMonth, str | None]:
    """Per (team id, month of the row, "YYYY-MM"): the team's name, "overig", or None (those
    rows are left out).

    Within each month, a team is named when at least the minimum of families is behind it;
    that month's smaller teams (and its rows without a team) form the pool "overig" when the
    pool reaches the minimum itself, and are left out otherwise.
    """
    families: dict[TeamMonth, set[int]] = {}
    names: dict[int | None, str] = {}
    for row in responses:
        families.setdefault((row["team_id"], row["month"]), set()).add(row["family_id"])
        names[row["team_id"]] = row["team__name"] or ""
    named = {key for key, f in families.items() if key[0] is not None and enough(len(f))}
    pools: dict[str, set[int]] = {}
    for (team, month), f in families.items():
        if (team, month) not in named:
            pools.setdefault(month, set()).update(f)
    return {
        (team, month): names[team]
        if (team, month) in named
        else (OTHER_TEAM if enough(len(pools[month])) else None)
        for team, month in families
    }


def build_dataset(project: ExportProject) -> tuple[list[ExportRecord], set[int]]:
    """The export rows (one per completed response) and the family ids they come from.

    Only ids, categories, the completion time (coarsened here) and answers are read: names and
    free text are never selected.
    """
    from krachtbron.questionnaires.models import Answer

    responses = list(
        _responses(project)
        .order_by("completed_at", "id")
        .values(
            "id",
            "family_id",
            "member_id",
            "member__role",
            "team_id",
            "team__name",
            "completed_at",
            "moment",
            "language",
            "instrument_version",
        )
    )
    zone = local_zone()
    for row in responses:
        row["month"] = timezone.localtime(row["completed_at"], zone).strftime("%Y-%m")
    team_label = _team_labels(responses)
    responses = [row for row in responses if team_label[row["team_id"], row["month"]] is not None]
    answers: dict[int, dict[str, int | None]] = {}
    kept = {row["id"] for row in responses}
    for response_id, item_id, value in (
        Answer.objects.filter(response__in=_responses(project))
        .values_list("response_id", "item_id", "value")
        .iterator(chunk_size=5000)
    ):
        if response_id in kept:
            answers.setdefault(response_id, {})[item_id] = value
    secret = bytes(project.secret)
    records = []
    for row in responses:
        records.append(
            ExportRecord(
                response=pseudonym(secret, "response", row["id"]),
                family=pseudonym(secret, "family", row["family_id"]),
                member=pseudonym(secret, "member", row["member_id"]),
                role=row["member__role"] or "",
                team=team_label[row["team_id"], row["month"]] or "",
                month=row["month"],
                moment=row["moment"],
                language=row["language"],
                version=row["instrument_version"],
                answers=answers.get(row["id"], {}),
            )
        )
    return records, {row["family_id"] for row in responses}


class ExportNotReady(Exception):
    """The project's last month is not over yet; ``message`` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def first_export_day(project: ExportProject) -> date:
    """The first day the dataset can be downloaded: the day after the project's last month."""
    return _month_after(project.last_month)


def is_ready(project: ExportProject) -> bool:
    """Only closed months are exported: the project's last month must be over (Amsterdam)."""
    return timezone.localdate(timezone.now(), local_zone()) >= first_export_day(project)


def _instrument(project: ExportProject) -> Instrument:
    return get_instrument(project.instrument_id)


FIXED_COLUMNS = (
    ("respons", "Pseudoniem van de ingevulde vragenlijst (uniek per export-project)."),
    ("gezin", "Pseudoniem van het gezin (HMAC-SHA256 met de geheime sleutel van het project)."),
    ("gezinslid", "Pseudoniem van het gezinslid dat de vragenlijst invulde."),
    ("rol", "Rol van het gezinslid: opvoeder, jeugdige of kind."),
    (
        "team",
        "Team waar de hulp liep, als minstens 5 gezinnen van dit team in die maand de "
        "vragenlijst afrondden. Kleinere teams van die maand heten samen 'overig', alleen als "
        "die groep samen minstens 5 gezinnen heeft; anders zijn hun regels weggelaten. Per "
        "maand, zodat een regel in elk project hetzelfde team heeft.",
    ),
    ("maand", "Maand waarin de vragenlijst is afgerond (jaar-maand, tijdzone Amsterdam)."),
    ("moment", "Moment van afname: begin, tussentijds of afsluiting."),
    ("taal", "Taal waarin de vragenlijst is ingevuld (nl of en)."),
    ("versie", "Versie van de vragenlijst."),
)


def dataset_csv(project: ExportProject, records: list[ExportRecord]) -> list[list[Any]]:
    """The dataset as rows for ``lib.csvfile`` (one header row, one row per response)."""
    instrument = _instrument(project)
    rows: list[list[Any]] = [[name for name, _desc in FIXED_COLUMNS] + list(instrument.item_ids)]
    for r in records:
        rows.append(
            [
                r.response,
                r.family,
                r.member,
                r.role,
                r.team,
                r.month,
                r.moment,
                r.language,
                r.version,
            ]
            + [r.answers.get(i) for i in instrument.item_ids]
        )
    return rows


# How the files are written (krachtbron/lib/csvfile.py), for the codebook.
FILE_FORMAT = (
    "UTF-8 met byte-order mark; puntkomma (;) tussen de velden; komma (,) als decimaalteken "
    "(de dataset zelf bevat alleen hele getallen); regels eindigen op CRLF. Een tekstveld dat "
    "met = + - of @ begint, krijgt een ' ervoor, zodat een spreadsheet het niet uitvoert. In R: "
    'read.csv2(bestand, fileEncoding = "UTF-8-BOM"); in SPSS: GET DATA /TYPE=TXT '
    '/DELIMITERS=";" /ENCODING="UTF8".'
)


def codebook_csv(project: ExportProject) -> list[list[Any]]:
    """What every column means, and how the file is written; holds no family data."""
    instrument = _instrument(project)
    scale = ", ".join(f"{o.value} = {o.label}" for o in instrument.scale)
    rows: list[list[Any]] = [["variabele", "beschrijving", "waarden"]]
    for name, description in FIXED_COLUMNS:
        rows.append([name, description, ""])
    for section in instrument.sections:
        for item in section.items:
            rows.append(
                [
                    item.id,
                    f"{instrument.title}, {section.title}: {item.text}",
                    f"{scale}; leeg = niet beantwoord",
                ]
            )
    rows.append(
        [
            "bron",
            f"{instrument.source.title}, {instrument.source.publisher}, "
            f"{instrument.source.section}. "
            f"Versies in Krachtbron: {', '.join(available_versions(instrument.id))}.",
            "",
        ]
    )
    rows.append(["bestand", FILE_FORMAT, ""])
    return rows


def fhir_bundle(project: ExportProject, records: list[ExportRecord]) -> dict[str, Any]:
    """A FHIR R4 Bundle (collection) of QuestionnaireResponses, checked with fhir.resources R4B."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    instruments: dict[str, Instrument] = {}
    entries = []
    for r in records:
        instrument = instruments.get(r.version)
        if instrument is None:
            instrument = instruments[r.version] = get_instrument(
                project.instrument_id, version=r.version
            )
        resource = to_fhir_response(
            instrument,
            {k: v for k, v in r.answers.items() if k in instrument.item_ids},
            authored=r.month,  # a partial FHIR dateTime: the month only
            subject_ref=f"Patient/{r.member}",
        )
        resource["id"] = r.response
        resource["identifier"] = {"system": f"{PSEUDONYM_SYSTEM}/{project.pk}", "value": r.response}
        resource["extension"] = [
            {"url": EXTENSION_FAMILY, "valueString": r.family},
            {"url": EXTENSION_TEAM, "valueString": r.team},
            {"url": EXTENSION_ROLE, "valueString": r.role},
            {"url": EXTENSION_MOMENT, "valueString": r.moment},
        ]
        entry_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{project.pk}/{r.response}")
        entries.append(
            {
                "fullUrl": f"urn:uuid:{entry_id}",
                "resource": resource,
            }
        )
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().replace(microsecond=0).isoformat(),
        "meta": {"tag": [{"system": f"{FHIR_BASE}/export-project", "code": str(project.pk)}]},
        "entry": entries,
    }
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        raise FhirError([str(e["msg"]) for e in exc.errors()]) from exc
    return bundle


def _log_rows(user: User, run: ExportRun, family_ids: set[int], fmt: str) -> None:
    """One EXPORT row per family, written in one INSERT by ``log_access_many``."""
    from krachtbron.audit.log import FamilyRef, log_access_many
    from krachtbron.families.models import Family

    references = dict(Family.objects.filter(pk__in=family_ids).values_list("pk", "reference"))
    log_access_many(
        user,
        [FamilyRef(family_id, references.get(family_id, "")) for family_id in sorted(family_ids)],
        AccessKind.EXPORT,
        object_type="research_export",
        object_id=run.pk,
        extra={"project": run.project_id, "format": fmt},
    )


@transaction.atomic
def run_export(user: User, project: ExportProject, fmt: str) -> tuple[str, str, str]:
    """Build the dataset in ``fmt`` and record it; returns (body, content type, file name).

    The export record and the access-log rows are written in the same transaction as the read:
    if they cannot be written, nothing is handed out. Raises ``ExportNotReady`` (nothing read,
    nothing written) while the project's last month is not over.
    """
    if not is_ready(project):
        raise ExportNotReady(
            _(
                "Deze dataset kun je downloaden vanaf %(day)s: alleen afgesloten maanden gaan "
                "mee, zodat de gegevens niet meer veranderen."
            )
            % {"day": date_format(first_export_day(project), "j F Y")}
        )
    records, family_ids = build_dataset(project)
    if fmt == ExportFormat.FHIR:
        body = json.dumps(fhir_bundle(project, records), ensure_ascii=False, indent=1)
        content_type, extension = "application/fhir+json", "json"
    else:
        body = csv_text(dataset_csv(project, records))
        content_type, extension = CSV_CONTENT_TYPE, "csv"
    run = ExportRun.objects.create(
        project=project, user=user, format=fmt, rows=len(records), families=len(family_ids)
    )
    _log_rows(user, run, family_ids, fmt)
    filename = f"krachtbron-project-{project.pk}-{timezone.localdate():%Y%m%d}.{extension}"
    return body, content_type, filename
