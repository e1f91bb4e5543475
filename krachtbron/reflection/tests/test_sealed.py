"""While a round is open its answers are sealed: nothing readable in the database, nothing that
orders them in time; the seal opens only with the key, for its own round."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from krachtbron.reflection.models import (
    OrganisationAnswer,
    OrganisationResponse,
    SealedAnswerSet,
)
from krachtbron.reflection.seal import SealError, seal, unseal
from krachtbron.reflection.tests.factories import open_round, organisation_answers, staff

ROOT = Path(__file__).resolve().parents[3]
ITEMS = ("o01", "o02", "o03", "o04", "o05", "o06")


def _every_value():
    """(table, column, value) of every row of every table Krachtbron has."""
    for model in apps.get_models():
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.values_list(*names):
            for name, value in zip(names, row, strict=True):
                yield model._meta.db_table, name, value


@pytest.mark.django_db
def test_while_a_round_is_open_nothing_readable_is_in_the_database(org):
    round_ = open_round(org.teamleider, [org.team])
    for k, person in enumerate(staff(org.team, 6)):
        organisation_answers(round_, [person], {"o01": k % 5, "o03": 4, "o06": None})
    assert not OrganisationResponse.objects.exists() and not OrganisationAnswer.objects.exists()
    assert SealedAnswerSet.objects.filter(round=round_).count() == 6
    found = []
    for table, column, value in _every_value():
        if isinstance(value, str) and value in ITEMS:
            found.append((table, column, value))
        # In bytes, look for an item id as the plaintext JSON would carry it ("o01"): five bytes,
        # so random ciphertext holds one by chance about once in 10^9 runs (three bytes alone
        # turned up once in ~1,000 runs of a 540-byte seal).
        if isinstance(value, bytes | memoryview) and any(
            f'"{item}"'.encode() in bytes(value) for item in ITEMS
        ):
            found.append((table, column, "bytes"))
    assert found == []
    # A sealed row holds its round, a random key and the sealed bytes: nothing that orders it.
    fields = {f.name for f in SealedAnswerSet._meta.concrete_fields}
    assert fields == {"id", "round", "sealed"}
    assert isinstance(SealedAnswerSet._meta.pk, models.UUIDField)
    # Every sealed row has the same length, whatever was answered.
    lengths = {len(bytes(s)) for s in SealedAnswerSet.objects.values_list("sealed", flat=True)}
    assert len(lengths) == 1


def test_a_sealed_answer_set_opens_only_for_its_round_with_its_key(settings):
    payload = {"team": 3, "version": "1.0", "answers": {"o01": 4, "o02": None}}
    sealed = seal(7, payload)
    assert unseal(7, sealed) == payload
    assert b"o01" not in sealed
    with pytest.raises(SealError):
        unseal(8, sealed)  # copied into another round
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(SealError):
        unseal(7, bytes(tampered))
    settings.ANSWER_SEAL_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
    with pytest.raises(SealError):
        unseal(7, sealed)
    # Two seals of the same answers differ (a fresh nonce): equal answers are not visible.
    assert seal(7, payload) != seal(7, payload)
    # One answer or all six: the same length.
    full = {"team": 3, "version": "1.0", "answers": dict.fromkeys(("o01", "o02", "o03"), 4)}
    assert len(seal(7, full)) == len(sealed)


def test_production_refuses_to_start_without_a_good_seal_key(tmp_path):
    env = {
        **os.environ,
        "KRACHTBRON_PRODUCTION": "1",
        "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "krachtbron.example.org",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
    }
    env.pop("ANSWER_SEAL_KEY", None)
    env.pop("KRACHTBRON_DEMO", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ANSWER_SEAL_KEY" in result.stderr
    # A key that is not 32 bytes of base64 stops the start as well, without echoing it.
    env["ANSWER_SEAL_KEY"] = "geheim-maar-te-kort"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ANSWER_SEAL_KEY is not understood" in result.stderr
    assert "geheim-maar-te-kort" not in result.stderr
