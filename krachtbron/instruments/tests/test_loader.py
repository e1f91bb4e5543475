"""Instrument files: the built-in ones load; a malformed file fails naming the file and problem."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from krachtbron.instruments import (
    MIN_GROUP_SIZE,
    NEED_MAX,
    STRENGTH_MIN,
    Dimension,
    InstrumentError,
    UnknownInstrumentError,
    available_languages,
    available_versions,
    get_instrument,
    list_instruments,
    load_instrument_file,
    load_registry,
)
from krachtbron.instruments.loader import DATA_DIR

REPO = Path(__file__).resolve().parents[3]
ORGANISATIE = (DATA_DIR / "kracht-organisatie.nl.toml").read_text(encoding="utf-8")
ORGANISATIE_EN = (DATA_DIR / "kracht-organisatie.en.toml").read_text(encoding="utf-8")


def test_the_three_instruments_load_in_the_handreikings_order() -> None:
    instruments = list_instruments()
    assert [i.id for i in instruments] == [
        "kracht-gezinnen",
        "kracht-professionals",
        "kracht-organisatie",
    ]
    assert [len(i.items) for i in instruments] == [13, 8, 6]
    assert all(i.language == "nl" and not i.is_translation for i in instruments)


def test_instrument_fields() -> None:
    gezinnen = get_instrument("kracht-gezinnen")
    assert gezinnen.title == "Aansluiten bij de kracht van gezinnen"
    assert gezinnen.respondent == "jeugdige of opvoeder"
    assert gezinnen.version == "1.0"
    assert gezinnen.introduction
    assert [s.dimension for s in gezinnen.sections] == [
        None,
        Dimension.SOCIAL,
        Dimension.COMPETENCE,
        Dimension.MOTIVATION,
    ]
    assert gezinnen.item_ids == tuple(f"g{n:02}" for n in range(1, 14))
    assert gezinnen.item("g05").section_id == "sociaal"
    assert gezinnen.section("sociaal").item_ids == ("g05", "g06")
    assert [(o.value, o.label) for o in gezinnen.scale] == [
        (0, "zeer ontevreden"),
        (1, "ontevreden"),
        (2, "neutraal"),
        (3, "tevreden"),
        (4, "zeer tevreden"),
    ]
    assert get_instrument("kracht-professionals").item_ids == tuple(f"p{n:02}" for n in range(1, 9))
    assert get_instrument("kracht-organisatie").item_ids == tuple(f"o{n:02}" for n in range(1, 7))
    with pytest.raises(KeyError, match="g99"):
        gezinnen.item("g99")


def test_the_rules_live_in_one_place() -> None:
    assert (MIN_GROUP_SIZE, STRENGTH_MIN, NEED_MAX) == (5, 3, 1)


# The family questionnaire also has concept translations in the other family languages (issue 17
# item 4); the instruments staff fill in stay Dutch and English. Order: original first.
EXTRA_LANGUAGES = {"kracht-gezinnen": ["ar", "pl", "ti", "tr"]}
# The script of each family language's translation_note: the start page shows the note to the
# family, so it is written in the file's own language (only the project's name stays Latin).
NOTE_SCRIPT = {"en": "LATIN", "ar": "ARABIC", "pl": "LATIN", "ti": "ETHIOPIC", "tr": "LATIN"}
ENGLISH_WORDS = {"translation", "unofficial", "the", "wording", "when", "doubt"}


def _note_in_own_language(language: str, note: str) -> bool:
    """Every letter of ``note`` but the name Krachtbron is in ``language``'s script, and a
    note in Latin script other than the English one has no English words."""
    text = note.replace("Krachtbron", "")
    scripts = {unicodedata.name(c).split()[0] for c in text if c.isalpha()}
    words = set(re.findall(r"[a-z]+", text.lower()))
    english = language != "en" and bool(words & ENGLISH_WORDS)
    return scripts == {NOTE_SCRIPT[language]} and not english


def test_a_note_in_another_language_is_refused() -> None:
    english = (
        "Unofficial Arabic translation by the Krachtbron project. Use the Dutch when in doubt."
    )
    assert not _note_in_own_language("ar", english)
    assert not _note_in_own_language("tr", english)
    assert not _note_in_own_language("ti", "ترجمة من مشروع Krachtbron")
    assert _note_in_own_language("ar", "ترجمة عربية من مشروع Krachtbron.")


def test_every_instrument_has_an_english_translation_with_the_same_structure() -> None:
    for original in list_instruments():
        extra = EXTRA_LANGUAGES.get(original.id, [])
        languages = available_languages(original.id)
        assert languages[0] == "nl" and sorted(languages) == sorted(["nl", "en", *extra])
        for language in ["en", *extra]:
            translation = get_instrument(original.id, language)
            assert translation.is_translation
            assert translation.translation_of == "nl"
            note = translation.translation_note
            assert note and "Krachtbron" in note
            assert _note_in_own_language(language, note), (language, note)
            assert translation.item_ids == original.item_ids
            assert [s.id for s in translation.sections] == [s.id for s in original.sections]
            assert [s.dimension for s in translation.sections] == [
                s.dimension for s in original.sections
            ]
            assert (
                translation.source == original.source
                or translation.source.title == original.source.title
            )
            assert [o.value for o in translation.scale] == [0, 1, 2, 3, 4]
            # Every text is translated: no item, label or title is the Dutch one.
            assert translation.title != original.title
            assert not {o.label for o in translation.scale} & {o.label for o in original.scale}
            texts = {item.text for item in translation.items}
            assert len(texts) == len(original.items)
            assert not texts & {item.text for item in original.items}
    assert [i.id for i in list_instruments("en")] == [i.id for i in list_instruments()]


def test_lookups_that_fail_say_what_is_available() -> None:
    with pytest.raises(UnknownInstrumentError, match="kracht-gezinnen") as unknown:
        get_instrument("kracht-ouders")
    assert isinstance(unknown.value, LookupError)
    # No silent fallback to Dutch when a translation is missing.
    with pytest.raises(UnknownInstrumentError, match="nl, ar, en"):
        get_instrument("kracht-gezinnen", "de")
    with pytest.raises(UnknownInstrumentError, match="1.0"):
        get_instrument("kracht-gezinnen", version="9.9")
    assert available_versions("kracht-gezinnen") == ["1.0"]


def test_the_engine_and_cli_import_no_django() -> None:
    code = (
        "import sys, krachtbron.instruments, krachtbron.cli, krachtbron.instruments.fhir;"
        "krachtbron.instruments.to_fhir_questionnaire("
        "krachtbron.instruments.get_instrument('kracht-gezinnen'));"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- malformed files -------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "kracht-organisatie.nl.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


MALFORMED = {
    "invalid TOML": (
        replace_once(ORGANISATIE, 'id = "kracht-organisatie"', "id = "),
        "invalid TOML",
    ),
    "missing key": (
        replace_once(ORGANISATIE, 'respondent = "', 'respondent_typo = "'),
        "respondent",
    ),
    "unknown key": (ORGANISATIE + '\nauthor = "x"\n', "unknown key 'author'"),
    "wrong format": (replace_once(ORGANISATIE, "format = 1", "format = 2"), "format"),
    "bad id": (
        replace_once(ORGANISATIE, 'id = "kracht-organisatie"', 'id = "Kracht Organisatie"'),
        "id",
    ),
    "bad version": (replace_once(ORGANISATIE, 'version = "1.0"', 'version = "v1"'), "version"),
    "version not a string": (
        replace_once(ORGANISATIE, 'version = "1.0"', "version = 1.0"),
        "string",
    ),
    "bad language": (
        replace_once(ORGANISATIE, 'language = "nl"', 'language = "dutch"'),
        "language",
    ),
    "bad dimension": (
        replace_once(ORGANISATIE, 'dimension = "social"', 'dimension = "sociaal"'),
        "dimension",
    ),
    "missing dimension": (replace_once(ORGANISATIE, 'dimension = "social"\n', ""), "dimension"),
    "scale gap": (replace_once(ORGANISATIE, "value = 4", "value = 5"), "scale"),
    "scale value not an integer": (
        replace_once(ORGANISATIE, "value = 4", "value = true"),
        "integer",
    ),
    "duplicate item id": (
        replace_once(ORGANISATIE, 'id = "o02"', 'id = "o01"'),
        "'o01' is already",
    ),
    "item id equals a section id": (
        replace_once(ORGANISATIE, 'id = "o02"', 'id = "sociaal"'),
        "already used",
    ),
    "duplicate section id": (
        replace_once(ORGANISATIE, 'id = "sociaal"', 'id = "competentioneel"'),
        "already used",
    ),
    "reserved item id": (replace_once(ORGANISATIE, 'id = "o02"', 'id = "answers"'), "reserved"),
    "empty item text": (
        replace_once(
            ORGANISATIE,
            'text = "De organisatie steunt haar medewerkers in hun leerproces."',
            'text = "  "',
        ),
        "must not be empty",
    ),
    "item text with a PDF line break": (
        replace_once(ORGANISATIE, "steunt haar medewerkers", "steunt haar\\nmedewerkers"),
        "one line",
    ),
    "item text with a double space": (
        replace_once(ORGANISATIE, "steunt haar medewerkers", "steunt  haar medewerkers"),
        "one line",
    ),
    "item text with a soft hyphen": (
        replace_once(ORGANISATIE, "leerproces", "leer\u00adproces"),
        "invisible",
    ),
    "item text not a string": (
        replace_once(
            ORGANISATIE,
            'text = "De organisatie steunt haar medewerkers in hun leerproces."',
            "text = 3",
        ),
        "must be a string",
    ),
    "section without items": (
        ORGANISATIE + '\n[[sections]]\nid = "leeg"\ntitle = "Leeg"\ndimension = "none"\n',
        "missing key 'items'",
    ),
    "no sections": (
        replace_once(
            ORGANISATIE.split("[[sections]]")[0], "format = 1", "format = 1\nsections = []"
        ),
        "sections: must not be empty",
    ),
    "source not a table": (
        ORGANISATIE.replace("[source]", "source = 3\n[unused]", 1),
        "source",
    ),
    "translation without a note": (
        replace_once(ORGANISATIE, 'language = "nl"', 'language = "nl"\ntranslation_of = "en"'),
        "translation_note",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_fails_naming_the_file_and_the_problem(tmp_path: Path, case: str) -> None:
    text, problem = MALFORMED[case]
    path = write(tmp_path, text)
    with pytest.raises(InstrumentError) as error:
        load_instrument_file(path)
    message = str(error.value)
    assert str(path) in message
    assert problem in message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = replace_once(ORGANISATIE, 'dimension = "social"', 'dimension = "sociaal"')
    text = replace_once(text, 'id = "o02"', 'id = "o01"')
    with pytest.raises(InstrumentError) as error:
        load_instrument_file(write(tmp_path, text))
    assert "dimension" in str(error.value)
    assert "'o01' is already" in str(error.value)


def test_a_file_name_that_does_not_match_its_content_fails(tmp_path: Path) -> None:
    path = write(tmp_path, ORGANISATIE, name="kracht-gezinnen.nl.toml")
    with pytest.raises(InstrumentError, match="file name"):
        load_instrument_file(path)


def test_a_missing_file_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match="nope.nl.toml"):
        load_instrument_file(tmp_path / "nope.nl.toml")


def test_the_built_in_files_are_valid() -> None:
    registry = load_registry(DATA_DIR)
    assert len(registry.instruments) == len(list(DATA_DIR.glob("*.toml"))) >= 7


# --- sets of files: versions and translations -------------------------------------------------


def test_a_new_version_is_a_new_file_and_the_latest_is_the_default(tmp_path: Path) -> None:
    write(tmp_path, ORGANISATIE)
    newer = replace_once(ORGANISATIE, 'version = "1.0"', 'version = "1.10"')
    newer = replace_once(newer, "leerproces.", "leerproces en loopbaan.")
    write(tmp_path, newer, name="kracht-organisatie.1.10.nl.toml")
    write(
        tmp_path,
        newer.replace('version = "1.10"', 'version = "1.9"'),
        "kracht-organisatie.1.9.nl.toml",
    )
    registry = load_registry(tmp_path)
    assert registry.versions("kracht-organisatie") == ["1.0", "1.9", "1.10"]
    assert registry.get("kracht-organisatie").version == "1.10"
    assert (
        registry.get("kracht-organisatie", version="1.0").item("o02").text.endswith("leerproces.")
    )


def test_the_same_instrument_twice_fails(tmp_path: Path) -> None:
    write(tmp_path, ORGANISATIE)
    write(tmp_path, ORGANISATIE, name="kracht-organisatie.1.0.nl.toml")
    with pytest.raises(InstrumentError, match="already defined"):
        load_registry(tmp_path)


def test_two_original_languages_fail(tmp_path: Path) -> None:
    write(tmp_path, ORGANISATIE)
    english = ORGANISATIE_EN.replace('translation_of = "nl"\n', "")
    english = "\n".join(line for line in english.splitlines() if "translation_note" not in line)
    write(tmp_path, english, name="kracht-organisatie.en.toml")
    with pytest.raises(InstrumentError, match="translation_of"):
        load_registry(tmp_path)


def test_a_translation_needs_its_original(tmp_path: Path) -> None:
    write(tmp_path, ORGANISATIE_EN, name="kracht-organisatie.en.toml")
    with pytest.raises(InstrumentError, match="no original"):
        load_registry(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('id = "o06"', 'id = "o07"', "item ids"),
        ('dimension = "social"', 'dimension = "motivation"', "dimensions"),
        ('id = "sociaal"', 'id = "social"', "section ids"),
        ("order = 3", "order = 4", "order"),
    ],
)
def test_a_translation_must_have_the_originals_structure(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    write(tmp_path, ORGANISATIE)
    path = write(
        tmp_path, replace_once(ORGANISATIE_EN, old, new), name="kracht-organisatie.en.toml"
    )
    with pytest.raises(InstrumentError, match=problem) as error:
        load_registry(tmp_path)
    assert str(path) in str(error.value)


def test_an_extra_directory_is_read_with_the_built_in_files_only_inside_the_block(tmp_path):
    from krachtbron.instruments import get_instrument, list_instruments, loader

    text = (DATA_DIR / "kracht-organisatie.nl.toml").read_text(encoding="utf-8")
    extra = text.replace('id = "kracht-organisatie"', 'id = "kracht-extra"').replace(
        "order = 3", "order = 9"
    )
    (tmp_path / "kracht-extra.nl.toml").write_text(extra, encoding="utf-8")
    built_in = [i.id for i in list_instruments()]
    with loader.extra_directory(tmp_path) as registry:
        assert (
            get_instrument("kracht-extra").item_ids == get_instrument("kracht-organisatie").item_ids
        )
        assert registry.get("kracht-gezinnen").id == "kracht-gezinnen"  # the built-in ones too
    with pytest.raises(UnknownInstrumentError):
        get_instrument("kracht-extra")
    assert [i.id for i in list_instruments()] == built_in
