"""The ``krachtbron`` command line: every command, and every kind of bad input (exit 2, stderr)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from krachtbron import cli, cli_files
from krachtbron.instruments import get_instrument, score, to_fhir_response

REPO = Path(__file__).resolve().parents[3]
GEZINNEN = get_instrument("kracht-gezinnen")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), err
    return out


# --- commands ----------------------------------------------------------------------------------


def test_instruments_lists_the_three_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_ok(capsys, "instruments").splitlines()
    assert [line.split()[0] for line in lines] == [
        "kracht-gezinnen",
        "kracht-professionals",
        "kracht-organisatie",
    ]
    assert "Aansluiten bij de kracht van gezinnen" in lines[0]
    data = json.loads(run_ok(capsys, "instruments", "--json"))
    assert [(d["id"], d["items"], d["languages"]) for d in data] == [
        ("kracht-gezinnen", 13, ["nl", "ar", "en", "pl", "ti", "tr"]),
        ("kracht-professionals", 8, ["nl", "en"]),
        ("kracht-organisatie", 6, ["nl", "en"]),
    ]


def test_instrument_show_prints_sections_and_items_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_ok(capsys, "instrument", "show", "kracht-gezinnen")
    positions = [out.index(f"{item.id}  {item.text}") for item in GEZINNEN.items]
    assert positions == sorted(positions)
    assert out.index("Situatie volgens het gezin als vertrekpunt") < out.index("Sociale dimensie")
    assert "0 = zeer ontevreden" in out
    assert "Versterken van eigen kracht van ouders en jeugdigen" in out


def test_instrument_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run_ok(capsys, "instrument", "show", "kracht-professionals", "--json"))
    assert {"id", "version", "title", "scale", "sections"} <= set(data)
    assert data["id"] == "kracht-professionals"
    assert data["scale"][0] == {"value": 0, "label": "zeer ontevreden"}
    assert [s["dimension"] for s in data["sections"]] == ["competence", "social", "motivation"]
    assert data["sections"][1]["items"][0] == {
        "id": "p04",
        "text": "Ik vraag collega’s waar nodig om hulp.",
    }
    english = json.loads(
        run_ok(capsys, "instrument", "show", "kracht-professionals", "--json", "--language", "en")
    )
    assert english["translation_of"] == "nl"
    assert english["scale"][4] == {"value": 4, "label": "very satisfied"}


def test_score_a_json_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "antwoorden.json"
    answers = {"g01": 4, "g02": 3, "g05": None, "g07": 1}
    path.write_text(json.dumps({"instrument": "kracht-gezinnen", "answers": answers}))
    data = json.loads(run_ok(capsys, "score", "kracht-gezinnen", str(path)))
    assert data == score(GEZINNEN, answers).to_dict()
    assert data["totals_per_category"] == {"0": 0, "1": 1, "2": 0, "3": 1, "4": 1}
    assert data["strengths"] == ["g01", "g02"]
    assert data["development_needs"] == ["g07"]


def test_score_a_csv_file_one_result_per_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "antwoorden.csv"
    path.write_text("p01,p02,p03\n4,3,\n0,,1\n\n,,\n", encoding="utf-8")
    data = json.loads(run_ok(capsys, "score", "kracht-professionals", str(path)))
    assert [d["answers"]["p01"] for d in data] == [4, 0, None]
    assert [d["answered"] for d in data] == [2, 2, 0]
    assert data[0]["sections"][0]["mean"] == 3.5


def test_score_csv_from_a_spreadsheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Dutch spreadsheets save with ";" and often with a byte-order mark.
    path = tmp_path / "export"
    path.write_bytes("\ufeffo01;o02;o06\r\n3;4;2\r\n".encode())
    data = json.loads(run_ok(capsys, "score", "kracht-organisatie", str(path)))
    assert data[0]["answers"] == {
        "o01": 3,
        "o02": 4,
        "o03": None,
        "o04": None,
        "o05": None,
        "o06": 2,
    }


def test_score_aggregate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.csv"
    path.write_text("p01,p02\n" + "4,3\n" * 4, encoding="utf-8")
    small = json.loads(run_ok(capsys, "score", "kracht-professionals", str(path), "--aggregate"))
    assert small["suppressed"] is True
    assert small["n"] is None
    assert small["items"][0] == {"id": "p01", "answered": None, "distribution": None, "mean": None}
    path.write_text("p01,p02\n" + "4,3\n" * 4 + "2,\n", encoding="utf-8")
    big = json.loads(run_ok(capsys, "score", "kracht-professionals", str(path), "--aggregate"))
    assert big["suppressed"] is False
    assert big["n"] == 5
    assert big["items"][0]["distribution"] == {"0": 0, "1": 0, "2": 1, "3": 0, "4": 4}
    assert big["items"][0]["mean"] == 3.6
    raised = json.loads(
        run_ok(
            capsys,
            "score",
            "kracht-professionals",
            str(path),
            "--aggregate",
            "--min-group-size",
            "6",
        )
    )
    assert raised["suppressed"] is True


def test_score_a_json_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sets.json"
    path.write_text(json.dumps([{"answers": {"o01": 1}}, {"answers": {"o01": 2}}]))
    data = json.loads(run_ok(capsys, "score", "kracht-organisatie", str(path)))
    assert [d["answers"]["o01"] for d in data] == [1, 2]


def test_score_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"answers": {"p08": 4}}'))
    monkeypatch.setattr(sys, "stdin", stdin)
    data = json.loads(run_ok(capsys, "score", "kracht-professionals", "-"))
    assert data["strengths"] == ["p08"]


def test_fhir_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run_ok(capsys, "fhir", "questionnaire", "kracht-organisatie"))
    assert data["resourceType"] == "Questionnaire"
    assert data["url"] == "https://krachtbron.nl/fhir/Questionnaire/kracht-organisatie"
    english = json.loads(
        run_ok(capsys, "fhir", "questionnaire", "kracht-organisatie", "--language", "en")
    )
    assert english["language"] == "en"


def test_fhir_import_prints_the_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = {"g01": 2, "g04": 4, "g12": 0}
    path = tmp_path / "response.json"
    path.write_text(json.dumps(to_fhir_response(GEZINNEN, answers)))
    data = json.loads(run_ok(capsys, "fhir", "import", str(path)))
    assert data == score(GEZINNEN, answers).to_dict()


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "score" in out


# --- bad input ---------------------------------------------------------------------------------

# case -> (arguments, {file name: content}, a fragment the message must contain). "{dir}" in an
# argument is the test's temporary directory.
BAD_INPUT: dict[str, tuple[list[str], dict[str, str | bytes], str]] = {
    "missing JSON file": (["score", "kracht-gezinnen", "{dir}/nope.json"], {}, "niet gevonden"),
    "missing CSV file": (["score", "kracht-gezinnen", "{dir}/nope.csv"], {}, "nope.csv"),
    "a directory": (["score", "kracht-gezinnen", "{dir}"], {}, "map"),
    "bad JSON": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": 3'},
        "JSON",
    ),
    "empty JSON file": (["score", "kracht-gezinnen", "{dir}/a.json"], {"a.json": ""}, "leeg"),
    "JSON not an object": (["score", "kracht-gezinnen", "{dir}/a.json"], {"a.json": "3"}, "object"),
    "JSON empty list": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": "[]"},
        "lege lijst",
    ),
    "JSON list of non-objects": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '[{"answers": {}}, 3]'},
        "element 2",
    ),
    "JSON answers not an object": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": [1, 2]}'},
        "answers",
    ),
    "JSON unknown item": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g14": 3}}'},
        "g14",
    ),
    "JSON value out of range": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": 5}}'},
        "g01: 5",
    ),
    "JSON negative value": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": -1}}'},
        "g01",
    ),
    "JSON boolean": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": true}}'},
        "true",
    ),
    "JSON float": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": 2.5}}'},
        "2.5",
    ),
    "JSON string value": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"answers": {"g01": "3"}}'},
        '"3"',
    ),
    "JSON wrong instrument": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"instrument": "kracht-organisatie", "answers": {"g01": 3}}'},
        "kracht-organisatie",
    ),
    "JSON unknown version": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '{"version": "3.0", "answers": {"g01": 3}}'},
        "3.0",
    ),
    "JSON list with a bad set": (
        ["score", "kracht-gezinnen", "{dir}/a.json"],
        {"a.json": '[{"answers": {"g01": 3}}, {"answers": {"g01": 9}}]'},
        "antwoordset 2",
    ),
    "CSV unknown item in header": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g99,naam\n1,2,x\n"},
        '"g99", "naam"',
    ),
    "CSV empty": (["score", "kracht-gezinnen", "{dir}/a.csv"], {"a.csv": ""}, "leeg"),
    "CSV only blank lines": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "\n\n"},
        "leeg",
    ),
    "CSV header only": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g02\n"},
        "kopregel",
    ),
    "CSV duplicate column": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g01\n1,2\n"},
        "dubbele kolom",
    ),
    "CSV empty column name": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,,g02\n1,2,3\n"},
        "geen naam",
    ),
    "CSV row too long": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g02\n1,2\n1,2,3\n"},
        "regel 3",
    ),
    "CSV value out of range": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g02\n1,2\n3,7\n"},
        "regel 3: vraag g02: 7",
    ),
    "CSV value not a number": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g02\n1,twee\n"},
        "twee",
    ),
    "CSV decimal value": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01;g02\n1;2,5\n"},
        "2,5",
    ),
    "CSV bad quoting": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": 'g01,g02\n1,"2\n'},
        "CSV",
    ),
    "CSV not UTF-8": (
        ["score", "kracht-gezinnen", "{dir}/a.csv"],
        {"a.csv": "g01,g02\n1,2 ëé\n".encode("latin-1")},
        "UTF-8",
    ),
    "CSV with aggregate and bad rows": (
        ["score", "kracht-gezinnen", "{dir}/a.csv", "--aggregate"],
        {"a.csv": "g01\n" + "3\n" * 5 + "8\n"},
        "regel 7",
    ),
    "unknown instrument (score)": (
        ["score", "kracht-ouders", "{dir}/a.json"],
        {"a.json": '{"answers": {}}'},
        "kracht-ouders",
    ),
    "unknown language (instruments)": (["instruments", "--language", "fr"], {}, "fr"),
    "unknown instrument (show)": (["instrument", "show", "kracht-ouders"], {}, "beschikbaar"),
    "unknown language (show)": (
        ["instrument", "show", "kracht-gezinnen", "--language", "fr"],
        {},
        "fr",
    ),
    "unknown version (show)": (
        ["instrument", "show", "kracht-gezinnen", "--version", "2"],
        {},
        "versie",
    ),
    "unknown instrument (fhir)": (["fhir", "questionnaire", "kracht-ouders"], {}, "kracht-ouders"),
    "min group size below 5": (
        ["score", "kracht-gezinnen", "{dir}/a.csv", "--aggregate", "--min-group-size", "2"],
        {"a.csv": "g01\n3\n"},
        "5",
    ),
    "min group size not a number": (
        ["score", "kracht-gezinnen", "{dir}/a.csv", "--min-group-size", "vijf"],
        {"a.csv": "g01\n3\n"},
        "vijf",
    ),
    "fhir import missing file": (["fhir", "import", "{dir}/nope.json"], {}, "niet gevonden"),
    "fhir import empty file": (["fhir", "import", "{dir}/r.json"], {"r.json": " "}, "leeg"),
    "fhir import bad JSON": (["fhir", "import", "{dir}/r.json"], {"r.json": "{"}, "JSON"),
    "fhir import not a response": (
        ["fhir", "import", "{dir}/r.json"],
        {"r.json": '{"resourceType": "Patient"}'},
        "QuestionnaireResponse",
    ),
    "fhir import invalid answer": (
        ["fhir", "import", "{dir}/r.json"],
        {
            "r.json": json.dumps(
                {
                    "resourceType": "QuestionnaireResponse",
                    "status": "completed",
                    "questionnaire": "https://krachtbron.nl/fhir/Questionnaire/kracht-gezinnen|1.0",
                    "item": [{"linkId": "g01", "answer": [{"valueInteger": 6}]}],
                }
            )
        },
        "item[0].answer[0].valueInteger: 6 is geen geheel getal",
    ),
    "no command": ([], {}, "OPDRACHT"),
    "unknown command": (["analyse"], {}, "analyse"),
    "missing arguments": (["score", "kracht-gezinnen"], {}, "BESTAND"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_2_with_a_message_and_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    argv, files, fragment = BAD_INPUT[case]
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, *(arg.replace("{dir}", str(tmp_path)) for arg in argv))
    assert code == 2
    assert out == ""
    assert err.strip()
    assert fragment in err


def test_an_oversized_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_files, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "groot.csv"
    path.write_text("g01\n" + "3\n" * 100, encoding="utf-8")
    code, out, err = run(capsys, "score", "kracht-gezinnen", str(path))
    assert (code, out) == (2, "")
    assert "te groot" in err


def test_every_problem_in_a_csv_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("g01,g02\n9,1\n1,x\n", encoding="utf-8")
    code, out, err = run(capsys, "score", "kracht-gezinnen", str(path))
    assert (code, out) == (2, "")
    assert "regel 2: vraag g01: 9" in err
    assert 'regel 3: vraag g02: "x"' in err


# --- as a real process -------------------------------------------------------------------------


def python_m_krachtbron(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # The engine must not need Django settings to run.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "krachtbron", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_python_m_krachtbron_reports_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"answers": {"g01": 7, "g99": 1}}', encoding="utf-8")
    result = python_m_krachtbron("score", "kracht-gezinnen", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "g01: 7" in result.stderr
    assert "g99" in result.stderr
    missing = python_m_krachtbron("score", "kracht-gezinnen", "weg.csv", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert "weg.csv" in missing.stderr


def test_python_m_krachtbron_scores(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("o01,o02\n4,4\n", encoding="utf-8")
    result = python_m_krachtbron("score", "kracht-organisatie", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["strengths"] == ["o01", "o02"]
