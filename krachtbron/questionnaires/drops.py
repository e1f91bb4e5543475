""" "Sluit minder aan dan eerst": whether a completed response scored lower than the member's
previous one, decided once when it is submitted (docs/aandacht.md).

The caseload's "score gedaald" signal must not score answers on every page view (issue 18: the
caseload's speed). A completed response's answers never change, so the comparison with the
member's previous measurement is made once, in the submit's own transaction (``actions.
submit_response`` and ``fastpath.submit``), and kept as ``Response.dropped_since_previous``.
The section means and their change come from the instrument engine (``compare``, or at the
submit ``compare_sections``: the same section figures without scoring every item), as on the
results page.
"""

from collections.abc import Iterable

from django.db.models import OuterRef, Q, Subquery

from krachtbron.instruments import Comparison, SectionChange, compare_sections, get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.prepared import Prepared
from krachtbron.questionnaires.models import Answer, Response

#: A section score that went down by this much or more since the previous measurement.
DROP = 1


def dropped(comparison: Comparison) -> bool:
    """Whether a section score went down by ``DROP`` (1 point on the 0–4 scale) or more. The
    section means and their change come from the instrument engine (``compare``): a section
    without a score on either side (fewer than half its items answered) does not count."""
    return fell(comparison.sections)


def fell(sections: Iterable[SectionChange]) -> bool:
    """``dropped`` for the sections alone (``compare_sections``, or ``Comparison.sections``)."""
    return any(s.change is not None and s.change <= -DROP for s in sections)


def previous_response() -> Subquery:
    """The id of the member's completed family questionnaire of the same version just before
    the response of the outer query (``OuterRef``: completed before it; ties by id), as a
    subquery: the one the results page compares with (``results.previous_response``)."""
    earlier = Q(completed_at__lt=OuterRef("completed_at")) | Q(
        completed_at=OuterRef("completed_at"), pk__lt=OuterRef("pk")
    )
    return Subquery(
        Response.objects.filter(
            earlier,
            member_id=OuterRef("member_id"),
            instrument_id=FAMILIES,
            instrument_version=OuterRef("instrument_version"),
        )
        .order_by("-completed_at", "-pk")
        .values("pk")[:1]
    )


#: (response id, item id, value) of a completed response and of the one before it
#: (``previous_response``), in one query that the ORM compiles once per process
#: (``lib.prepared``): building it on every submit cost more than the rest of the submit.
_ANSWERS_OF_BOTH = Prepared(
    lambda response_id: (
        Answer.objects.filter(
            Q(response_id=response_id)
            | Q(
                response_id=Subquery(
                    Response.objects.filter(pk=response_id)
                    .order_by()
                    .values(previous=previous_response())
                )
            )
        )
        .order_by()
        .values_list("response_id", "item_id", "value")
    )
)


def mark_drop(response_id: int, instrument_id: str, version: str) -> bool:
    """Compare the just completed ``response_id`` (of instrument ``instrument_id``, version
    ``version``) with the member's previous completed family questionnaire of that version and
    set ``dropped_since_previous`` when a section score fell by ``DROP`` or more. Call it inside
    the submit's transaction, after the response is marked completed (the previous one is the
    one completed before it). One query reads both answer sets; a second (an UPDATE) runs only
    on a drop. Nothing to compare (a first measurement of this version, another instrument: no
    query at all): no drop. Returns whether it dropped."""
    if instrument_id != FAMILIES:
        return False
    answers: dict[int, dict[str, int | None]] = {}
    for rid, item_id, value in _ANSWERS_OF_BOTH.rows(response_id):
        answers.setdefault(rid, {})[item_id] = value
    earlier = [rid for rid in answers if rid != response_id]
    if response_id not in answers or not earlier:
        return False
    instrument = get_instrument(FAMILIES, version=version)
    if not fell(compare_sections(instrument, answers[earlier[0]], answers[response_id])):
        return False
    Response.objects.filter(pk=response_id).update(dropped_since_previous=True)
    return True
