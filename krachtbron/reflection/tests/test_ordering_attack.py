"""The ordering attack of a database administrator: match the k-th participation of a round to
the k-th anonymous answer set, in every order the database or a backup offers.

Before: answers and participations were written in the same transaction, in the same order, so
SQLite's rowid, PostgreSQL's ctid and the row order of a dump re-identified every answer set.
Now answers are sealed while the round is open and written in a shuffled order when it closes.

Arithmetic of the bounds (ROUNDS rounds of PEOPLE answers each; a random shuffle per round):
* The number of correct matches in one round is the number of fixed points of a random
  permutation: mean 1, variance 1. Over 20 rounds: mean 20, standard deviation ~4.5. We allow
  at most 60 of 240 (25 %); the attack before the change recovered 240 of 240. The chance that a
  fair shuffle exceeds 60 is below 1e-12 (the sum is close to Poisson(20)).
* A round is fully recovered only when its shuffle is the identity: 1 / 12! ~ 2.1e-9 per round
  and order, so ~5e-7 for every round and every order tried together.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from krachtbron.reflection import actions
from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    ReflectionRound,
    RoundParticipation,
)
from krachtbron.reflection.tests.factories import open_round, staff

ROUNDS = 20
PEOPLE = 12
MAX_MATCHES = 60  # of ROUNDS * PEOPLE = 240; see the arithmetic above
ITEMS = ("o01", "o02", "o03", "o04", "o05", "o06")


def _encode(index: int) -> dict[str, int]:
    """A distinct answer set per person (index in base 5 over the six statements)."""
    digits = {}
    for item in ITEMS:
        index, digits[item] = divmod(index, 5)
    return digits


def _decode(answers: dict[str, int | None]) -> int:
    index = 0
    for item in reversed(ITEMS):
        index = index * 5 + int(answers[item] or 0)
    return index


def _answers_by_response() -> dict[str, int]:
    """Ground truth: which person (index) gave each stored answer set."""
    sets: dict[str, dict[str, int | None]] = {}
    for response_id, item_id, value in OrganisationAnswer.objects.values_list(
        "response_id", "item_id", "value"
    ):
        sets.setdefault(str(response_id), {})[item_id] = value
    return {key: _decode(answers) for key, answers in sets.items()}


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def _norm(value: object) -> str:
    return str(value).replace("-", "").lower()


class Attack:
    """Per order: the participations' users and the responses' ids, each in that order."""

    def __init__(self, people: list, rounds: list[ReflectionRound]) -> None:
        # By id, and by username (the backup names users by their natural key).
        self.index_of_user: dict[object, int] = {p.pk: i for i, p in enumerate(people)}
        self.index_of_user.update({p.username: i for i, p in enumerate(people)})
        self.round_ids = {r.pk for r in rounds}
        self.truth = _answers_by_response()
        self.round_of_response = {
            _norm(pk): round_id
            for pk, round_id in OrganisationResponse.objects.values_list("pk", "round_id")
        }

    def matches(self, participations: list[tuple], responses: list[object]) -> list[int]:
        """participations: (round id, user id) in the attacked order; responses: response ids
        in the attacked order. Returns the correct matches per round."""
        per_round_people: dict[int, list[int]] = {}
        for round_id, user_id in participations:
            if round_id in self.round_ids:
                per_round_people.setdefault(round_id, []).append(self.index_of_user[user_id])
        per_round_answers: dict[int, list[int]] = {}
        truth = {_norm(k): v for k, v in self.truth.items()}
        for response_id in responses:
            key = _norm(response_id)
            round_id = self.round_of_response[key]
            per_round_answers.setdefault(round_id, []).append(truth[key])
        result = []
        for round_id, people in per_round_people.items():
            answers = per_round_answers.get(round_id, [])
            result.append(sum(1 for a, b in zip(people, answers, strict=False) if a == b))
        return result


def _recovered(matches: list[int]) -> str | None:
    """Why this order re-identifies answers, or None when it recovers nothing beyond chance."""
    if len(matches) != ROUNDS:
        return f"{len(matches)} rounds found"
    if max(matches) == PEOPLE:
        return f"{matches.count(PEOPLE)} rounds fully re-identified"
    if sum(matches) > MAX_MATCHES:
        return f"{sum(matches)} of {ROUNDS * PEOPLE} answers matched"
    return None


def _by_answer_keys() -> list[object]:
    """Response ids in the order of their answers' keys (first appearance)."""
    seen: dict[str, None] = {}
    for response_id in OrganisationAnswer.objects.order_by("pk").values_list(
        "response_id", flat=True
    ):
        seen.setdefault(str(response_id), None)
    return list(seen)


def _backup(tmp_path: Path) -> list[dict]:
    path = tmp_path / "backup.json.gz"
    if not path.exists():
        call_command("backup", path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(json.load(handle))


def _backup_participations(objects: list[dict]) -> list[tuple]:
    return [
        (o["fields"]["round"], o["fields"]["user"][0])
        for o in objects
        if o["model"] == "reflection.roundparticipation"
    ]


def _backup_order(tmp_path: Path) -> tuple[list[tuple], list[object]]:
    """The order of answer sets in `manage.py backup` (JSON)."""
    objects = _backup(tmp_path)
    responses = [o["pk"] for o in objects if o["model"] == "reflection.organisationresponse"]
    return _backup_participations(objects), responses


def _backup_answer_order(tmp_path: Path) -> tuple[list[tuple], list[object]]:
    """The order in which the answers of the backup name their answer sets."""
    objects = _backup(tmp_path)
    seen: dict[str, None] = {}
    for o in objects:
        if o["model"] == "reflection.organisationanswer":
            seen.setdefault(str(o["fields"]["response"]), None)
    return _backup_participations(objects), list(seen)


def _sqlite_dump_order() -> tuple[list[tuple], list[object]]:
    """The order of INSERT statements in SQLite's own dump (`.dump`, iterdump)."""

    def columns(table: str) -> list[str]:
        return [row[1] for row in _rows(f"PRAGMA table_info({table})")]

    participation = columns("reflection_roundparticipation")
    response = columns("reflection_organisationresponse")
    participations: list[tuple] = []
    responses: list[object] = []
    for statement in connection.connection.iterdump():
        for table, names in (
            ("reflection_roundparticipation", participation),
            ("reflection_organisationresponse", response),
        ):
            if not statement.startswith(f'INSERT INTO "{table}"'):
                continue
            raw = statement.split("VALUES(", 1)[1].rsplit(");", 1)[0].split(",")
            row = dict(zip(names, (value.strip("'") for value in raw), strict=True))
            if table == "reflection_roundparticipation":
                participations.append((int(row["round_id"]), int(row["user_id"])))
            else:
                responses.append(row["id"])
    return participations, responses


def pg_dump_rows(*tables: str) -> dict[str, list[dict[str, str]]]:
    """The rows of ``tables`` as `pg_dump --data-only` writes them (COPY blocks), in its order:
    {table: [{column: text}]}."""
    settings = connection.settings_dict
    binary = (
        shutil.which("pg_dump") or sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))[-1]
    )
    output = subprocess.run(
        [
            str(binary),
            "--data-only",
            "-h",
            settings["HOST"],
            "-p",
            str(settings["PORT"]),
            "-U",
            settings["USER"],
            *(option for table in tables for option in ("-t", table)),
            settings["NAME"],
        ],
        check=True,
        capture_output=True,
        text=True,
        env={"PGPASSWORD": settings.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"},
    ).stdout
    rows: dict[str, list[dict[str, str]]] = {table: [] for table in tables}
    target = None
    columns: list[str] = []
    for line in output.splitlines():
        if line.startswith("COPY "):
            target = line.split()[1].split(".")[-1]
            columns = [c.strip(' "') for c in line.split("(", 1)[1].split(")")[0].split(",")]
        elif line == "\\.":
            target = None
        elif target is not None:
            rows[target].append(dict(zip(columns, line.split("\t"), strict=True)))
    return rows


def pg_dump_participations(rows: dict[str, list[dict[str, str]]]) -> list[tuple]:
    """(round id, user id) of each participation, in the dump's order."""
    return [
        (int(row["round_id"]), int(row["user_id"])) for row in rows["reflection_roundparticipation"]
    ]


def _pg_dump_order() -> tuple[list[tuple], list[object]]:
    """The order of participations and responses in `pg_dump --data-only`."""
    rows = pg_dump_rows("reflection_roundparticipation", "reflection_organisationresponse")
    responses: list[object] = [row["id"] for row in rows["reflection_organisationresponse"]]
    return pg_dump_participations(rows), responses


@pytest.mark.django_db(transaction=True)
def test_the_ordering_attack_recovers_nothing(tmp_path):
    from krachtbron.accounts.models import Role
    from krachtbron.testing.factories import TeamFactory, UserFactory

    team = TeamFactory()
    leader = UserFactory(team=team, role=Role.TEAMLEIDER)
    people = staff(team, PEOPLE)
    rounds = [open_round(leader, [team]) for _ in range(ROUNDS)]
    for round_ in rounds:
        for index, person in enumerate(people):
            actions.answer_round(person, round_, _encode(index))
    for round_ in rounds:
        actions.close_round(ReflectionRound.objects.get(pk=round_.pk))
    attack = Attack(people, rounds)
    assert sum(1 for _ in attack.truth) == ROUNDS * PEOPLE

    participations_by_key = list(
        RoundParticipation.objects.order_by("pk").values_list("round_id", "user_id")
    )
    orders: dict[str, Callable[[], tuple[list[tuple], list[object]]]] = {
        "keys": lambda: (
            participations_by_key,
            list(OrganisationResponse.objects.order_by("pk").values_list("pk", flat=True)),
        ),
        "answer keys": lambda: (participations_by_key, _by_answer_keys()),
        "backup": lambda: _backup_order(tmp_path),
        "backup answers": lambda: _backup_answer_order(tmp_path),
    }
    if connection.vendor == "sqlite":
        orders["rowid"] = lambda: (
            _rows("SELECT round_id, user_id FROM reflection_roundparticipation ORDER BY rowid"),
            [r[0] for r in _rows("SELECT id FROM reflection_organisationresponse ORDER BY rowid")],
        )
        orders["sqlite dump"] = _sqlite_dump_order
    else:
        orders["ctid"] = lambda: (
            _rows("SELECT round_id, user_id FROM reflection_roundparticipation ORDER BY ctid"),
            [r[0] for r in _rows("SELECT id FROM reflection_organisationresponse ORDER BY ctid")],
        )
        orders["pg_dump"] = _pg_dump_order
    recovered = {}
    for name, order in orders.items():
        participations, responses = order()
        recovered[name] = _recovered(attack.matches(participations, responses))
    assert recovered == dict.fromkeys(orders)
