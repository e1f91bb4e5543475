"""The latest filled-in questionnaire of a family, summarised for 'Ons krachtenplan'.

The questionnaires app owns the responses; the instrument engine owns the scoring. This module
only reads the newest completed response and asks the engine for its score. It returns None
when the family has no completed questionnaire, or when the questionnaires app has no responses
model in this installation, so the plan works with or without it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from krachtbron.families.models import Family
from krachtbron.instruments import UnknownInstrumentError, score
from krachtbron.lib.instrument_language import instrument_for_reader


@dataclass(frozen=True)
class SectionSummary:
    title: str
    mean: float | None  # None: too few items answered to show a mean


@dataclass(frozen=True)
class QuestionnaireSummary:
    instrument_title: str
    member_label: str
    completed_at: datetime
    moment_label: str
    sections: tuple[SectionSummary, ...]
    strengths: tuple[str, ...]  # item texts answered 3-4
    needs: tuple[str, ...]  # item texts answered 0-1


def _response_model() -> Any:
    try:
        models = import_module("krachtbron.questionnaires.models")
    except ImportError:
        return None
    return getattr(models, "Response", None)


def latest_summary(
    family: Family, scope: Callable[[Any], Any] | None = None
) -> QuestionnaireSummary | None:
    """Three queries at most: the response (with its member) and its answers. ``scope``
    narrows the responses to those someone may see (``families.rights``)."""
    response_model = _response_model()
    if response_model is None:
        return None
    responses = response_model.objects.filter(family=family, completed_at__isnull=False)
    if scope is not None:
        responses = scope(responses)
    response = responses.select_related("member").order_by("-completed_at", "-id").first()
    if response is None:
        return None
    try:
        instrument = instrument_for_reader(response.instrument_id, response.instrument_version)
    except UnknownInstrumentError:
        return None
    answers = {a.item_id: a.value for a in response.answers.all()}
    result = score(instrument, {k: v for k, v in answers.items() if k in instrument.item_ids})
    moment = getattr(response, "get_moment_display", lambda: "")()
    return QuestionnaireSummary(
        instrument_title=instrument.title,
        member_label=response.member.first_name,
        completed_at=response.completed_at,
        moment_label=str(moment),
        sections=tuple(SectionSummary(s.title, s.mean) for s in result.sections),
        strengths=tuple(instrument.item(i).text for i in result.strengths),
        needs=tuple(instrument.item(i).text for i in result.development_needs),
    )
