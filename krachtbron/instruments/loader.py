"""Read and check the instrument files in ``data/`` (TOML, read with the standard library).

Messages about a malformed file are for developers and in English.

A file that does not follow the format fails at load with an ``InstrumentError`` that names the
file and every problem in it, so a broken instrument can never reach a respondent. The format is
described in docs/instruments.md ("Voor ontwikkelaars"). The files of a directory are checked
against each other in ``registry``; ``default_registry()`` is the built-in set.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from .model import (
    SCALE_VALUES,
    Dimension,
    Instrument,
    InstrumentError,
    Item,
    ScaleOption,
    Section,
    Source,
)
from .registry import Registry, build_registry

DATA_DIR = Path(__file__).parent / "data"

#: The version of the file format itself (the ``format`` key); bump it when the format changes.
FILE_FORMAT = 1

# Ids end up in URLs, CSV headers and FHIR linkIds, so they stay plain: lowercase, digits, hyphens.
_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_VERSION_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)*$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
# "answers" is the key of an answer document ({"answers": {...}}); an item may not be called that.
_RESERVED_ITEM_IDS = frozenset({"answers", "instrument", "version", "language"})

_TOP_KEYS_REQUIRED = frozenset(
    {"format", "id", "version", "language", "title", "respondent", "introduction"}
    | {"source", "scale", "sections"}
)
_TOP_KEYS_OPTIONAL = frozenset({"instruction", "translation_of", "translation_note", "order"})
_SOURCE_KEYS = ({"title", "publisher", "section"}, {"url", "note"})
_SECTION_KEYS = ({"id", "title", "dimension", "items"}, {"subtitle"})
_ITEM_KEYS = ({"id", "text"}, set[str]())
_SCALE_KEYS = ({"value", "label"}, set[str]())
# In TOML there is no null; a section outside the three dimensions says so explicitly.
NO_DIMENSION = "none"


class _Problems:
    """Collects every problem in one file, so the author fixes them in one go."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}" if where else what)


def _check_keys(
    data: Mapping[str, Any], where: str, keys: tuple[set[str], set[str]], problems: _Problems
) -> None:
    required, optional = keys
    for key in sorted(required - data.keys()):
        problems.add(where, f"missing key {key!r}")
    for key in sorted(data.keys() - required - optional):
        problems.add(where, f"unknown key {key!r}")


def _text(
    data: Mapping[str, Any],
    key: str,
    where: str,
    problems: _Problems,
    *,
    multiline: bool = False,
) -> str | None:
    """Return a checked text value: a non-empty, NFC-normalised string without stray whitespace."""
    place = f"{where}.{key}" if where else key
    if key not in data:
        # A missing required key is reported once, by _check_keys.
        return None
    value = data[key]
    if not isinstance(value, str):
        problems.add(place, f"must be a string, not {type(value).__name__}")
        return None
    if not value.strip():
        problems.add(place, "must not be empty")
        return None
    if value != value.strip():
        problems.add(place, "has leading or trailing whitespace")
    if unicodedata.normalize("NFC", value) != value:
        problems.add(place, "is not NFC-normalised Unicode")
    if not multiline and ("\n" in value or "  " in value or "\t" in value):
        # Catches PDF extraction artefacts (line breaks, double spaces) in item wording.
        problems.add(place, "must be one line with single spaces")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
        problems.add(place, "contains control characters")
    if any(unicodedata.category(c) == "Cf" for c in value):
        # Soft hyphens and zero-width characters: invisible PDF leftovers that break matching.
        problems.add(place, "contains invisible formatting characters (soft hyphen, zero width)")
    return value


def _ident(
    data: Mapping[str, Any], key: str, where: str, problems: _Problems, pattern: re.Pattern[str]
) -> str | None:
    value = _text(data, key, where, problems)
    if value is not None and not pattern.fullmatch(value):
        problems.add(
            f"{where}.{key}" if where else key, f"{value!r} does not match {pattern.pattern}"
        )
        return None
    return value


def _table_list(
    data: Mapping[str, Any], key: str, where: str, problems: _Problems
) -> list[Mapping[str, Any]]:
    place = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.add(place, "must be an array of tables ([[...]])")
        return []
    if not value:
        problems.add(place, "must not be empty")
    return value


def _parse_scale(data: Mapping[str, Any], problems: _Problems) -> tuple[ScaleOption, ...]:
    options: list[ScaleOption] = []
    for index, raw in enumerate(_table_list(data, "scale", "", problems)):
        where = f"scale[{index}]"
        _check_keys(raw, where, _SCALE_KEYS, problems)
        value = raw.get("value")
        label = _text(raw, "label", where, problems)
        if "value" in raw and (not isinstance(value, int) or isinstance(value, bool)):
            problems.add(f"{where}.value", "must be an integer")
            continue
        if isinstance(value, int) and label is not None:
            options.append(ScaleOption(value=value, label=label))
    values = tuple(o.value for o in options)
    if options and values != SCALE_VALUES:
        # The engine's thresholds (3–4 strength, 0–1 development need) assume exactly this scale.
        problems.add(
            "scale", f"values must be {list(SCALE_VALUES)} in this order, not {list(values)}"
        )
    return tuple(options)


def _parse_source(data: Mapping[str, Any], problems: _Problems) -> Source | None:
    raw = data.get("source")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.add("source", "must be a table ([source])")
        return None
    _check_keys(raw, "source", _SOURCE_KEYS, problems)
    title = _text(raw, "title", "source", problems)
    publisher = _text(raw, "publisher", "source", problems)
    section = _text(raw, "section", "source", problems)
    url = _text(raw, "url", "source", problems)
    note = _text(raw, "note", "source", problems, multiline=True)
    if title is None or publisher is None or section is None:
        return None
    return Source(title=title, publisher=publisher, section=section, url=url, note=note)


def _parse_sections(data: Mapping[str, Any], problems: _Problems) -> tuple[Section, ...]:
    sections: list[Section] = []
    seen: dict[str, str] = {}  # every id (section or item) -> where it was first used
    for s_index, raw in enumerate(_table_list(data, "sections", "", problems)):
        where = f"sections[{s_index}]"
        _check_keys(raw, where, _SECTION_KEYS, problems)
        section_id = _ident(raw, "id", where, problems, _ID_RE)
        title = _text(raw, "title", where, problems)
        subtitle = _text(raw, "subtitle", where, problems)
        dimension: Dimension | None = None
        raw_dimension = raw.get("dimension")
        if "dimension" in raw:
            allowed = [d.value for d in Dimension] + [NO_DIMENSION]
            if raw_dimension == NO_DIMENSION:
                dimension = None
            elif isinstance(raw_dimension, str) and raw_dimension in allowed:
                dimension = Dimension(raw_dimension)
            else:
                problems.add(
                    f"{where}.dimension", f"must be one of {allowed}, not {raw_dimension!r}"
                )
        if section_id is not None:
            if section_id in seen:
                problems.add(f"{where}.id", f"{section_id!r} is already used at {seen[section_id]}")
            seen.setdefault(section_id, where)
        items: list[Item] = []
        for i_index, raw_item in enumerate(_table_list(raw, "items", where, problems)):
            item_where = f"{where}.items[{i_index}]"
            _check_keys(raw_item, item_where, _ITEM_KEYS, problems)
            item_id = _ident(raw_item, "id", item_where, problems, _ID_RE)
            text = _text(raw_item, "text", item_where, problems)
            if item_id is None or text is None:
                continue
            if item_id in _RESERVED_ITEM_IDS:
                problems.add(f"{item_where}.id", f"{item_id!r} is a reserved word")
            if item_id in seen:
                # Item and section ids share one namespace: they are all FHIR linkIds.
                problems.add(f"{item_where}.id", f"{item_id!r} is already used at {seen[item_id]}")
            seen.setdefault(item_id, item_where)
            items.append(Item(id=item_id, text=text, section_id=section_id or ""))
        if section_id is not None and title is not None and items:
            sections.append(Section(section_id, title, dimension, tuple(items), subtitle=subtitle))
    return tuple(sections)


def parse_instrument(data: Mapping[str, Any], origin: str) -> Instrument:
    """Check parsed TOML data and build an ``Instrument``; ``origin`` names the file in errors."""
    problems = _Problems()
    _check_keys(data, "", (set(_TOP_KEYS_REQUIRED), set(_TOP_KEYS_OPTIONAL)), problems)
    file_format = data.get("format")
    if "format" in data and file_format != FILE_FORMAT:
        problems.add("format", f"must be {FILE_FORMAT}, not {file_format!r}")
    instrument_id = _ident(data, "id", "", problems, _ID_RE)
    version = _ident(data, "version", "", problems, _VERSION_RE)
    language = _ident(data, "language", "", problems, _LANGUAGE_RE)
    title = _text(data, "title", "", problems)
    respondent = _text(data, "respondent", "", problems)
    introduction = _text(data, "introduction", "", problems, multiline=True)
    instruction = _text(data, "instruction", "", problems)
    translation_of = _ident(data, "translation_of", "", problems, _LANGUAGE_RE)
    translation_note = _text(data, "translation_note", "", problems, multiline=True)
    if translation_of is not None and translation_of == language:
        problems.add("translation_of", "must name another language than the file's own")
    if translation_of is not None and translation_note is None:
        problems.add("translation_note", "a translation must say that it is one, and by whom")
    if translation_of is None and translation_note is not None:
        problems.add(
            "translation_note", "only a translation (translation_of) has a translation_note"
        )
    order = data.get("order", 1000)
    if not isinstance(order, int) or isinstance(order, bool):
        problems.add("order", "must be an integer")
        order = 1000
    source = _parse_source(data, problems)
    scale = _parse_scale(data, problems)
    sections = _parse_sections(data, problems)

    if problems.items:
        raise InstrumentError(
            f"{origin}: invalid instrument file:\n" + "\n".join(f"  - {p}" for p in problems.items)
        )
    # Every required value is present and valid here, or a problem was recorded above.
    assert instrument_id and version and language and title and respondent and introduction
    assert source is not None
    return Instrument(
        id=instrument_id,
        version=version,
        language=language,
        title=title,
        respondent=respondent,
        introduction=introduction,
        instruction=instruction,
        sections=sections,
        scale=scale,
        source=source,
        translation_of=translation_of,
        translation_note=translation_note,
        order=order,
    )


def load_instrument_file(path: Path) -> Instrument:
    """Read one instrument file; raise ``InstrumentError`` naming the file and every problem.

    The file name must be ``<id>.<language>.toml`` or ``<id>.<version>.<language>.toml``, so that
    a copied file whose id was not changed is caught here instead of replacing another instrument.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise InstrumentError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{path}: invalid TOML: {exc}") from exc
    instrument = parse_instrument(data, str(path))
    allowed_names = {
        f"{instrument.id}.{instrument.language}.toml",
        f"{instrument.id}.{instrument.version}.{instrument.language}.toml",
    }
    if path.name not in allowed_names:
        raise InstrumentError(
            f"{path}: the file name must be one of {sorted(allowed_names)} "
            f"(id {instrument.id!r}, version {instrument.version!r}, "
            f"language {instrument.language!r})"
        )
    return instrument


def load_registry(directory: Path = DATA_DIR, *more: Path) -> Registry:
    """Load and cross-check every ``*.toml`` instrument file in ``directory`` (and ``more``)."""
    paths = [path for folder in (directory, *more) for path in sorted(folder.glob("*.toml"))]
    return build_registry((str(path), load_instrument_file(path)) for path in paths)


#: More directories read with ``data/`` (``extra_directory``); empty in use.
_EXTRA_DIRECTORIES: list[Path] = []


@cache
def default_registry() -> Registry:
    """The built-in instruments (``data/``), loaded once per process."""
    return load_registry(DATA_DIR, *_EXTRA_DIRECTORIES)


@contextmanager
def extra_directory(directory: Path) -> Iterator[Registry]:
    """Read the instrument files in ``directory`` together with ``data/`` inside the block:
    a test of an instrument that is not built in (a throw-away fourth one) goes through exactly
    the loading and checks of a real one. Yields the combined registry."""
    _EXTRA_DIRECTORIES.append(directory)
    default_registry.cache_clear()
    try:
        yield default_registry()
    finally:
        _EXTRA_DIRECTORIES.remove(directory)
        default_registry.cache_clear()
