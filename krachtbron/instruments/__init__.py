"""The three instruments of the handreiking as data, with one scoring engine and FHIR R4 export.

Plain Python: no Django import here or below (an import-linter contract enforces it), so the
questionnaires, reflection and dashboards of the web app, the command line and researchers all
score the same way. See docs/instruments.md for the rules.

    >>> from krachtbron.instruments import get_instrument, score
    >>> gezinnen = get_instrument("kracht-gezinnen")
    >>> score(gezinnen, {"g01": 4, "g02": 3}).totals_per_category
    {0: 0, 1: 0, 2: 0, 3: 1, 4: 1}
"""

from __future__ import annotations

from .aggregation import Aggregate, ItemAggregate, SectionAggregate, aggregate, is_publishable
from .engine import (
    MEAN_DECIMALS,
    Comparison,
    ItemChange,
    Score,
    SectionChange,
    SectionScore,
    compare,
    compare_sections,
    score,
    section_mean,
)
from .fhir import (
    FhirError,
    questionnaire_canonical,
    questionnaire_url,
    to_fhir_questionnaire,
    to_fhir_response,
)
from .fhir_import import from_fhir_response
from .loader import default_registry, load_instrument_file, load_registry
from .model import (
    MIN_GROUP_SIZE,
    NEED_MAX,
    SCALE_VALUES,
    SECTION_MIN_ANSWERED_SHARE,
    STRENGTH_MIN,
    Dimension,
    Instrument,
    InstrumentError,
    Item,
    ScaleOption,
    Section,
    Source,
    UnknownInstrumentError,
)
from .registry import DEFAULT_LANGUAGE, Registry
from .rounding import SHOWN_DECIMALS, round_half_up
from .validation import AnswerError, AnswerProblem, Answers, validate


def list_instruments(language: str = DEFAULT_LANGUAGE) -> list[Instrument]:
    """The latest version of every built-in instrument available in ``language``, in the
    handreiking's order (gezinnen, professionals, organisatie)."""
    return default_registry().latest(language)


def get_instrument(
    instrument_id: str, language: str = DEFAULT_LANGUAGE, version: str | None = None
) -> Instrument:
    """One built-in instrument: the latest version unless ``version`` is given.

    There is no silent fallback to another language: a missing instrument, version or
    translation raises ``UnknownInstrumentError`` (a ``LookupError``) saying what is available.
    """
    return default_registry().get(instrument_id, language, version)


def available_languages(instrument_id: str, version: str | None = None) -> list[str]:
    """The languages of an instrument version (default: the latest), original language first."""
    return default_registry().languages(instrument_id, version)


def available_versions(instrument_id: str) -> list[str]:
    """The versions of an instrument, oldest first."""
    return default_registry().versions(instrument_id)


__all__ = [
    "DEFAULT_LANGUAGE",
    "MEAN_DECIMALS",
    "MIN_GROUP_SIZE",
    "NEED_MAX",
    "SCALE_VALUES",
    "SECTION_MIN_ANSWERED_SHARE",
    "SHOWN_DECIMALS",
    "STRENGTH_MIN",
    "Aggregate",
    "AnswerError",
    "AnswerProblem",
    "Answers",
    "Comparison",
    "Dimension",
    "FhirError",
    "Instrument",
    "InstrumentError",
    "Item",
    "ItemAggregate",
    "ItemChange",
    "Registry",
    "ScaleOption",
    "Score",
    "Section",
    "SectionAggregate",
    "SectionChange",
    "SectionScore",
    "Source",
    "UnknownInstrumentError",
    "aggregate",
    "available_languages",
    "available_versions",
    "compare",
    "compare_sections",
    "default_registry",
    "from_fhir_response",
    "get_instrument",
    "is_publishable",
    "list_instruments",
    "load_instrument_file",
    "load_registry",
    "questionnaire_canonical",
    "questionnaire_url",
    "round_half_up",
    "score",
    "section_mean",
    "to_fhir_questionnaire",
    "to_fhir_response",
    "validate",
]
