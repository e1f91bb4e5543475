"""The command line never shows a traceback (issue 12 §4): any input, any subcommand, any option.

Exit code 0 with a result on stdout and nothing on stderr, or exit code 2 with a Dutch message on
stderr and nothing on stdout. Never 1, never a traceback, never an English message from Python,
argparse, json or csv, and never a raw control character from the input on the terminal.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krachtbron import cli
from krachtbron.instruments import get_instrument, list_instruments, to_fhir_response
from krachtbron.testing.examples import examples

REPO = Path(__file__).resolve().parents[3]
GEZINNEN = get_instrument("kracht-gezinnen")

# Phrases of Python, argparse, json, csv and pydantic that must never reach the user.
ENGLISH = re.compile(
    r"Traceback|Error\b|usage:|error:|invalid (choice|int|value)|the following arguments|"
    r"unrecognized arguments|expected one argument|Expecting|Unterminated|Extra data|"
    r"field larger|unexpected end of data|expected after|line contains|Input should|"
    r"Field required|Extra inputs|Value error|Exceeds the limit|maximum recursion|codec can't"
)


def check_contract(code: int, out: str, err: str) -> None:
    """The promise of the command line, for any input."""
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 0:
        assert err == ""
        assert out
    else:
        assert out == ""
        assert "krachtbron: fout: " in err
        assert not ENGLISH.search(err), err
        # Inert: no control character from the input (other than line breaks) reaches stderr.
        assert all(ch.isprintable() or ch == "\n" for ch in err), ascii(err)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    check_contract(code, out, err)
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, _, err = run(capsys, *argv)
    assert code == 2
    return err


# --- The three examples of the bug report, as a real process ------------------------------------


def python_m_krachtbron(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("KRACHTBRON_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "krachtbron", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("a.csv", "g01\n" + "9" * 5000 + "\n", "regel 2: vraag g01: een getal van 5000 cijfers"),
        ("a.json", '{"answers": {"g01": ' + "9" * 5000 + "}}", "een getal van 5000 cijfers"),
        ("a.json", "[" * 100_000, "te diep genest"),
    ],
    ids=["CSV cell of 5,000 digits", "JSON number of 5,000 digits", "100,000 nested ["],
)
def test_the_reported_inputs_exit_2_with_a_dutch_message(
    tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    for argv in (["score", "kracht-gezinnen", name], ["fhir", "import", name]):
        if argv[0] == "fhir" and name.endswith(".csv"):
            continue
        result = python_m_krachtbron(*argv, cwd=tmp_path)
        check_contract(result.returncode, result.stdout, result.stderr)
        assert result.returncode == 2
        assert fragment in result.stderr


# --- Siblings, each kind as an example ---------------------------------------------------------

NESTED = '{"answers": {"g01": ' + "[" * 200 + "]" * 200 + "}}"
# case -> (file name, content, extra arguments, a fragment the message must contain)
BAD_FILES: dict[str, tuple[str, str | bytes, list[str], str]] = {
    "JSON 1e999": ("a.json", '{"answers": {"g01": 1e999}}', [], "te groot"),
    "JSON NaN": ("a.json", '{"answers": {"g01": NaN}}', [], "NaN is geen getal"),
    "JSON Infinity": ("a.json", '{"answers": {"g01": Infinity}}', [], "Infinity"),
    "JSON -Infinity": ("a.json", '{"answers": {"g01": -Infinity}}', [], "Infinity"),
    "JSON a long negative number": ("a.json", '{"answers": {"g01": -' + "1" * 30 + "}}", [], "30"),
    "JSON nested 200 deep": ("a.json", NESTED, [], "te diep genest"),
    "JSON a duplicate answer": (
        "a.json",
        '{"answers": {"g01": 1, "g01": 3}}',
        [],
        '"g01" staat twee keer',
    ),
    "JSON a duplicate answers key": (
        "a.json",
        '{"answers": {"g01": 1}, "answers": {}}',
        [],
        '"answers" staat twee keer',
    ),
    "JSON a lone surrogate": ("a.json", '{"answers": {"\\ud800": 1}}', [], "half teken"),
    "JSON null": ("a.json", "null", [], "verwacht een object"),
    "JSON a string": ("a.json", '"g01"', [], "verwacht een object"),
    "JSON a list of lists": ("a.json", "[[1]]", [], "element 1 is geen object"),
    "JSON answers null": ("a.json", '{"answers": null}', [], "answers moet een object"),
    "JSON answers a string": ("a.json", '{"answers": "3"}', [], "answers moet een object"),
    "JSON a version that is a number": (
        "a.json",
        '{"version": 1, "answers": {}}',
        [],
        "version moet een tekst",
    ),
    "JSON an instrument that is a list": (
        "a.json",
        '{"instrument": [], "answers": {}}',
        [],
        "instrument moet een tekst",
    ),
    "JSON an answer that is an object": ("a.json", '{"answers": {"g01": {}}}', [], "g01: {}"),
    "JSON syntax in Dutch": ("a.json", '{"answers": {"g01" 3}}', [], "dubbele punt"),
    "JSON trailing text": ("a.json", '{"answers": {}} x', [], "na het einde"),
    "JSON saved as UTF-16": ("a.json", '{"answers": {}}'.encode("utf-16"), [], "UTF-16"),
    "CSV saved as UTF-16": ("a.csv", "g01\n3\n".encode("utf-16"), [], "UTF-16"),
    "CSV UTF-16 without a mark": ("a.csv", "g01\n3\n".encode("utf-16-le"), [], "NUL"),
    "CSV with a NUL byte": ("a.csv", b"g01\n3\x00\n", [], "NUL"),
    "CSV only spaces": ("a.csv", " \t \n  \n", [], "leeg"),
    "CSV only a byte-order mark": ("a.csv", codecs.BOM_UTF8 + b"\n", [], "leeg"),
    "CSV a huge field": ("a.csv", 'g01\n"' + "x" * 200_000 + '"\n', [], "langer dan"),
    "CSV an unterminated quote": ("a.csv", 'g01,g02\n1,"2\n', [], "aanhalingstekens"),
    "CSV text after a closing quote": ("a.csv", 'g01\n"3"x\n', [], "sluitend aanhalingsteken"),
    "CSV a short row": ("a.csv", "g01,g02\n1\n", [], "regel 2: 1 waarde, verwacht 2"),
    "CSV a duplicate header": (
        "a.csv",
        "g01;g02;g01\n1;2;3\n",
        [],
        'dubbele kolom in de kopregel: "g01"',
    ),
    "CSV a header of many unknown columns": (
        "a.csv",
        ",".join(f"x{i}" for i in range(500)) + "\n" + "," * 499 + "\n",
        [],
        "en nog 490",
    ),
    "CSV many bad rows": ("a.csv", "g01\n" + "9\n" * 500, [], "en nog 450 problemen"),
    "CSV a terminal escape in the header": (
        "a.csv",
        "g01,\x1b[31mrood\n1,2\n",
        [],
        "\\u001b[31mrood",
    ),
    "CSV a bidi override in a cell": ("a.csv", "g01\n\u202e3\n", [], "\\u202e3"),
    "CSV a number of 25 digits": ("a.csv", "g01\n" + "0" * 3 + "1" * 25 + "\n", [], "25 cijfers"),
    "min group size of 5,000 digits": (
        "a.csv",
        "g01\n3\n",
        ["--aggregate", "--min-group-size", "9" * 5000],
        "--min-group-size moet een geheel getal",
    ),
    "min group size negative": (
        "a.csv",
        "g01\n3\n",
        ["--aggregate", "--min-group-size", "-1"],
        "moet minstens 5",
    ),
    "min group size a decimal": (
        "a.csv",
        "g01\n3\n",
        ["--min-group-size", "5.0"],
        '"5.0"',
    ),
    "min group size empty": ("a.csv", "g01\n3\n", ["--min-group-size", ""], "geheel getal"),
    "language with a terminal escape": (
        "a.csv",
        "g01\n3\n",
        ["--language", "\x1b]0;x\x07"],
        "\\u001b]0;x\\u0007",
    ),
    "a version that does not exist": ("a.csv", "g01\n3\n", ["--version", "0.9"], "0.9"),
    "an option without its value": ("a.csv", "g01\n3\n", ["--language"], "--language"),
    "an unknown option": ("a.csv", "g01\n3\n", ["--kleur"], "onbekende argumenten: --kleur"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_every_kind_of_bad_input_exits_2_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, content, extra, fragment = BAD_FILES[case]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    err = refused(capsys, "score", "kracht-gezinnen", str(path), *extra)
    assert fragment in err


def test_a_json_file_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(codecs.BOM_UTF8 + b'{"answers": {"g01": 3}}')
    code, out, _ = run(capsys, "score", "kracht-gezinnen", str(path))
    assert code == 0
    assert json.loads(out)["answers"]["g01"] == 3


USAGE_ERRORS = {
    "no command": ([], "ontbreekt: OPDRACHT"),
    "an unknown command": (["analyse"], "onbekend: 'analyse'"),
    "an unknown action": (["fhir", "export"], "onbekend: 'export'"),
    "missing arguments": (["score"], "ontbreekt: ID, BESTAND"),
    "too many arguments": (["instruments", "extra"], "onbekende argumenten: extra"),
    "a flag with a value": (["instruments", "--json=ja"], "--json: neemt geen waarde"),
    "fhir import --version alone": (
        ["fhir", "import", "x.json", "--version", "1.0"],
        "--instrument",
    ),
    "fhir import an unknown instrument": (
        ["fhir", "import", "x.json", "--instrument", "kracht-x"],
        "kracht-x",
    ),
    "an instrument id with a control character": (
        ["instrument", "show", "kracht\x1b[2J"],
        "kracht\\u001b[2J",
    ),
}


@pytest.mark.parametrize("case", sorted(USAGE_ERRORS))
def test_usage_errors_are_dutch(capsys: pytest.CaptureFixture[str], case: str) -> None:
    argv, fragment = USAGE_ERRORS[case]
    assert fragment in refused(capsys, *argv)


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["score", "--help"], ["fhir", "import", "-h"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert out.startswith("gebruik: krachtbron")
        assert "toon deze hulp" in out
        assert not ENGLISH.search(out)
        assert "show this help" not in out
        assert "positional arguments" not in out
        assert "options:" not in out


def test_fhir_import_checks_the_expected_instrument(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(to_fhir_response(GEZINNEN, {"g01": 3})), encoding="utf-8")
    err = refused(capsys, "fhir", "import", str(path), "--instrument", "kracht-professionals")
    assert "hoort bij kracht-gezinnen versie 1.0, niet bij kracht-professionals" in err
    code, out, _ = run(capsys, "fhir", "import", str(path), "--instrument", "kracht-gezinnen")
    assert code == 0
    assert json.loads(out)["answers"]["g01"] == 3


def test_a_bug_is_reported_in_dutch_with_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_: object) -> str:
        raise ZeroDivisionError

    monkeypatch.setattr(cli, "cmd_instruments", broken)
    monkeypatch.delenv("KRACHTBRON_DEBUG", raising=False)
    code = cli.main(["instruments"])
    out, err = capsys.readouterr()
    assert (code, out) == (70, "")
    assert "interne fout (ZeroDivisionError)" in err
    assert "Traceback" not in err
    monkeypatch.setenv("KRACHTBRON_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["instruments"])


# --- Hypothesis: random input to every subcommand that reads input ------------------------------

ITEM_IDS = [item_id for i in list_instruments() for item_id in i.item_ids]
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(ITEM_IDS),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["answers", "instrument", "version", "language", *ITEM_IDS])
            | st.text(max_size=6),
            inner,
            max_size=4,
        )
    ),
    max_leaves=10,
)
_answer_documents = st.fixed_dictionaries(
    {"answers": st.dictionaries(st.sampled_from(ITEM_IDS), _json_values, max_size=6)},
    optional={
        "instrument": st.sampled_from(["kracht-gezinnen", "kracht-organisatie"]) | _json_values,
        "version": st.sampled_from(["1.0", "2.0"]) | _json_values,
    },
)
_cells = st.sampled_from(["", "0", "3", "4", "5", "-1", "+2", "x", '"', '""', " ", "9" * 30])


@st.composite
def _csv_text(draw: st.DrawFn) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(ITEM_IDS) | st.text(max_size=4), min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(_cells | st.text(max_size=5), max_size=6), max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(delimiter.join(row) for row in [header, *rows]) + newline


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


_contents = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(_encode),
    _json_values.map(lambda v: _encode(json.dumps(v))),
    _answer_documents.map(lambda d: _encode(json.dumps(d))),
    st.lists(_answer_documents, max_size=7).map(lambda d: _encode(json.dumps(d))),
    _csv_text().map(_encode),
    st.builds(
        lambda instrument, answers: _encode(json.dumps(to_fhir_response(instrument, answers))),
        st.sampled_from(list_instruments()),
        st.just({}),
    ),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
)
_contents = st.one_of(
    _contents,
    # the same with a byte-order mark, as UTF-16, or with a NUL in it
    _contents.map(lambda b: codecs.BOM_UTF8 + b),
    _contents.map(lambda b: b.decode("utf-8", "replace").encode("utf-16")),
    _contents.map(lambda b: b + b"\x00"),
)
_commands = st.sampled_from(
    [
        ["score", "kracht-gezinnen", "{file}.json"],
        ["score", "kracht-professionals", "{file}.csv"],
        ["score", "kracht-organisatie", "{file}"],
        ["score", "kracht-gezinnen", "{file}.csv", "--aggregate"],
        ["score", "kracht-gezinnen", "{file}.json", "--aggregate"],
        ["fhir", "import", "{file}.json"],
    ]
)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(command=_commands, content=_contents)
def test_any_file_gives_a_result_or_a_dutch_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], content: bytes
) -> None:
    stem = str(tmp_path / "input")
    argv = [part.replace("{file}", stem) for part in command]
    Path(argv[2]).write_bytes(content)
    code, out, _ = run(capsys, *argv)
    if code == 0:
        json.loads(out)


_option_values = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["5", "6", "4", "-5", "0", "9" * 5000, "nl", "en", "1.0", "--json", "-"]),
)
_options = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "--aggregate",
                "--min-group-size",
                "--language",
                "--version",
                "--json",
                "--instrument",
                "--help",
                "-h",
                "--",
            ]
        ),
        _option_values,
    ),
    max_size=5,
)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(
        [
            ["instruments"],
            ["instrument", "show", "kracht-gezinnen"],
            ["score", "kracht-gezinnen", "{file}"],
            ["fhir", "questionnaire", "kracht-organisatie"],
            ["fhir", "import", "{file}"],
        ]
    ),
    options=_options,
)
def test_any_arguments_give_a_result_or_a_dutch_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], options: list[str]
) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(to_fhir_response(GEZINNEN, {"g01": 2})), encoding="utf-8")
    argv = [part.replace("{file}", str(path)) for part in command]
    run(capsys, *argv, *options)
