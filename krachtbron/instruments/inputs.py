"""Untrusted input: strict JSON reading, and showing what a user typed inertly in a message.

Answer files, FHIR resources and command-line arguments come from people and other programs. Two
rules hold for all of them:

* **Strict input.** ``parse_json`` refuses what Python's ``json`` module would let through or
  crash on: ``NaN``/``Infinity`` (not JSON), a number that does not fit (``1e999``), an integer of
  more than ``MAX_INTEGER_DIGITS`` digits (Python refuses to convert 4,300 digits with a
  ValueError), nesting deeper than ``MAX_DEPTH`` (Python's parser raises RecursionError from about
  1,000 levels, and deep data breaks other code later), a key that occurs twice in one object (JSON
  keeps the last one silently) and a lone surrogate (``"\\ud800"``: not text in any encoding).
  Each refusal is a ``JsonInputError`` with a Dutch message.
* **Inert output.** ``quote`` shows a value in a message as JSON (``true``, ``null``, ``"3"``),
  shortened, with every character that is not printable — control characters such as ESC,
  bidirectional overrides, lone surrogates — written as an escape (``\\u001b``), so a message can
  never move the cursor, recolour a terminal or reorder the text around it.

Plain Python, no Django (the import contract in pyproject.toml covers this package).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

#: Deepest nesting of objects and arrays accepted (a QuestionnaireResponse needs about 8).
MAX_DEPTH = 32
#: Longest integer accepted, in digits (an answer is 0–4; FHIR integers have at most 10).
MAX_INTEGER_DIGITS = 20
_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS

# CPython's json messages (json.decoder and _json.c), by their start, in Dutch.
_JSON_MESSAGES = (
    ("Expecting value", "hier verwacht ik een waarde"),
    ("Expecting property name", "hier verwacht ik een sleutel tussen dubbele aanhalingstekens"),
    ("Expecting ':'", "hier verwacht ik een dubbele punt"),
    ("Expecting ','", "hier verwacht ik een komma of een sluithaakje"),
    ("Unterminated string", "een tekst zonder sluitend aanhalingsteken"),
    ("Invalid control character", "een stuurteken (zoals een tab of regeleinde) in een tekst"),
    ("Invalid \\uXXXX escape", "een ongeldige \\u-code"),
    ("Invalid \\escape", "een ongeldige code na een backslash"),
    ("Extra data", "na het einde van de JSON staat nog meer"),
)


class JsonInputError(ValueError):
    """Text is not JSON that Krachtbron accepts; the message says why, in Dutch."""


def inert(text: str) -> str:
    """``text`` with every non-printable character (see ``str.isprintable``) as ``\\uXXXX``."""
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch.isprintable()
        else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        for ch in text
    )


def quote(value: object, limit: int = 40) -> str:
    """A value for a Dutch message: JSON spelling, at most ``limit`` characters, inert.

    Never raises: an integer too long to print, a value nested too deeply or an object that is
    not JSON is described instead of shown.
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INTEGER_LIMIT:
        return f"een getal van meer dan {MAX_INTEGER_DIGITS} cijfers"
    if isinstance(value, str) and len(value) > 4 * limit:
        value = value[: 4 * limit]  # no need to encode megabytes for a 40-character message
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        try:
            text = repr(value)
        except (ValueError, RecursionError):
            text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return inert(text)


def _refuse_constant(name: str) -> object:
    raise JsonInputError(f"{name} is geen getal in JSON; gebruik een getal of null")


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise JsonInputError(
            f"een getal van {digits} cijfers is te lang (hoogstens {MAX_INTEGER_DIGITS} cijfers)"
        )
    return int(text)


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise JsonInputError(f"het getal {quote(text, 24)} is te groot")
    return number


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonInputError(
                f"de sleutel {quote(key)} staat twee keer in hetzelfde object; "
                "welke bedoeld is, is niet te zeggen"
            )
        result[key] = value
    return result


def _dutch(message: str) -> str:
    return next((nl for en, nl in _JSON_MESSAGES if message.startswith(en)), "ongeldige opbouw")


def parse_json(text: str) -> Any:
    """Parse JSON text strictly (see the module docstring); raise ``JsonInputError`` if refused.

    The message of a syntax error names the line and column (both 1-based). One byte-order mark
    at the start is allowed (spreadsheet programs and Windows editors write it).
    """
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_integer,
            parse_float=_float,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}): {_dutch(exc.msg)}"
        ) from None
    except RecursionError:
        raise JsonInputError(_too_deep()) from None
    check_tree(data)
    return data


def _too_deep() -> str:
    return f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus)"


def check_tree(data: object) -> None:
    """Check already-parsed JSON data as ``parse_json`` would; raise ``JsonInputError``.

    For data that reaches the engine as Python objects (a dict from a caller): nesting depth,
    lone surrogates in keys and strings, non-finite floats and over-long integers. Iterative, so
    deep data cannot exhaust the stack here.
    """
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping | list | tuple):
            if depth > MAX_DEPTH:
                raise JsonInputError(_too_deep())
            if isinstance(value, Mapping):
                stack.extend((key, depth) for key in value)
                stack.extend((child, depth + 1) for child in value.values())
            else:
                stack.extend((child, depth + 1) for child in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise JsonInputError(
                    "een tekst bevat een half teken (een losse \\ud800–\\udfff-code); "
                    "dat is geen geldige tekst"
                ) from None
        elif isinstance(value, float) and not math.isfinite(value):
            raise JsonInputError(f"{quote(value)} is geen getal in JSON")
        elif isinstance(value, int) and abs(value) >= _INTEGER_LIMIT:
            raise JsonInputError(f"een getal van meer dan {MAX_INTEGER_DIGITS} cijfers is te lang")
