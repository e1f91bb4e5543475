"""The ``language`` of a command-line answer file is understood or refused (tester of issue 12,
finding 8): it was checked for being text and then ignored, so {"language": "xx"} was scored
and {"language": "en"} was reported as "nl". The FHIR importer's check now serves both
(``Registry.named_language``).
"""

import json
from pathlib import Path

import pytest

from krachtbron import cli


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unknown_language_in_an_answer_file_is_refused(tmp_path: Path, capsys):
    path = tmp_path / "antwoorden.json"
    path.write_text(json.dumps({"language": "xx", "answers": {"g01": 1}}))
    code, out, err = _run(capsys, "score", "kracht-gezinnen", str(path))
    assert code == 2, out
    assert "language" in err and out == ""


@pytest.mark.parametrize("language", ["en", "en-GB"])
def test_a_known_language_in_an_answer_file_is_used_or_refused_never_contradicted(
    tmp_path: Path, capsys, language
):
    path = tmp_path / "antwoorden.json"
    path.write_text(json.dumps({"language": language, "answers": {"g01": 1}}))
    code, out, err = _run(capsys, "score", "kracht-gezinnen", str(path))
    if code == 0:
        assert json.loads(out)["language"] == "en"
    else:
        assert code == 2 and "language" in err


def test_a_known_language_is_used(tmp_path: Path, capsys):
    path = tmp_path / "antwoorden.json"
    path.write_text(json.dumps({"language": "EN-gb", "answers": {"g01": 1}}))
    code, out, _err = _run(capsys, "score", "kracht-gezinnen", str(path))
    assert code == 0 and json.loads(out)["language"] == "en"


def test_the_command_line_option_says_otherwise(tmp_path: Path, capsys):
    path = tmp_path / "antwoorden.json"
    path.write_text(json.dumps({"language": "en", "answers": {"g01": 1}}))
    code, out, _err = _run(capsys, "score", "kracht-gezinnen", str(path), "--language", "nl")
    assert code == 0 and json.loads(out)["language"] == "nl"


def test_sets_that_name_different_languages_are_refused(tmp_path: Path, capsys):
    path = tmp_path / "antwoorden.json"
    sets = [{"language": "en", "answers": {"g01": 1}}, {"language": "nl", "answers": {"g01": 2}}]
    path.write_text(json.dumps(sets))
    code, out, err = _run(capsys, "score", "kracht-gezinnen", str(path), "--aggregate")
    assert code == 2 and out == "" and "language" in err


@pytest.mark.parametrize("given", ["xx", "e", 7])
def test_the_fhir_importer_and_the_answer_file_share_one_check(given):
    from krachtbron.instruments import default_registry

    registry = default_registry()
    assert registry.named_language("kracht-gezinnen", None, given) is None
    assert registry.named_language("kracht-gezinnen", None, "en-GB") == "en"
