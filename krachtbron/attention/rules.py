"""The rules of "Aandacht nodig" (issue 16 item 5; docs/aandacht.md), all in this one module.

Each rule is a plain function ``rule(families, now) -> Hits`` over querysets (see
``families/attention.py`` for the shapes): it looks only at the families it is given and runs a
fixed number of queries, whatever their number. The measurements are those of the family
questionnaire *Aansluiten bij de kracht van gezinnen* (handreiking §6): at the begin, in between
(tussentijds) and at the end (afsluiting) of the help, so that the adviser and the family can
see together whether the help connects to the family's strength, and change course when it
does not. The days are settings (``attention/conf.py``).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from krachtbron.aftercare.models import Closure
from krachtbron.attention.conf import setting
from krachtbron.families.attention import Condition, FamilySet, Hits, Signal, register_signal
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import CaseAssignment
from krachtbron.instruments import Comparison, compare, get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.models import (
    Answer,
    Invitation,
    Moment,
    Response,
    ResultSeen,
    fillable,
)
from krachtbron.sending.conf import unconfirmed_after
from krachtbron.sending.models import Delivery, Status

#: A section score that went down by this much or more since the previous measurement.
DROP = 1


def _everyone(family_ids: Iterable[int]) -> Hits:
    """Hits that hold for every adviser of these families."""
    return {(family_id, None) for family_id in family_ids}


def _completed(**conditions: object) -> QuerySet[Response]:
    """Completed responses to the family questionnaire."""
    return Response.objects.filter(instrument_id=FAMILIES, completed_at__isnull=False, **conditions)


def begin_overdue(now: datetime, adviser_id: int | None = None) -> Condition:
    """The begin measurement is not done two weeks (``ATTENTION_BEGIN_DAYS``) after the start
    of the help: no family member completed the questionnaire with moment "begin". The start of
    the help is the day the file was made (``Family.created_at``; Krachtbron has no other start
    date). A closed file never shows it: the begin is past."""
    due = now - timedelta(days=setting("ATTENTION_BEGIN_DAYS"))
    begun = _completed(family=OuterRef("pk"), moment=Moment.BEGIN)
    return Q(created_at__lte=due) & ~Q(status=FamilyStatus.CLOSED) & ~Exists(begun)


def interim_due(now: datetime, adviser_id: int | None = None) -> Condition:
    """An interim measurement is due: the family's last completed questionnaire (any moment, any
    member) is ``ATTENTION_INTERIM_DAYS`` days old or older (default 91, about three months):
    there is a measurement, and none newer than that. A family without any measurement shows
    "begin" instead; a closed file shows nothing."""
    due = now - timedelta(days=setting("ATTENTION_INTERIM_DAYS"))
    measured = _completed(family=OuterRef("pk"))
    recent = _completed(family=OuterRef("pk"), completed_at__gt=due)
    return ~Q(status=FamilyStatus.CLOSED) & Exists(measured) & ~Exists(recent)


def closing_missing(now: datetime, adviser_id: int | None = None) -> Condition:
    """The file was closed (the closing walk, ``aftercare``) without a closing measurement: no
    completed questionnaire with moment "afsluiting". Shown for ``ATTENTION_CLOSING_DAYS`` days
    after closing (default 30): the family can still fill it in then; after that the moment
    has passed. A reopened file is open again and shows nothing here."""
    since = now - timedelta(days=setting("ATTENTION_CLOSING_DAYS"))
    closed = Closure.objects.filter(
        family=OuterRef("pk"), reopened_at__isnull=True, closed_at__gte=since
    )
    ended = _completed(family=OuterRef("pk"), moment=Moment.END)
    return Q(status=FamilyStatus.CLOSED) & Exists(closed) & ~Exists(ended)


def unread_results(now: datetime, adviser_id: int | None = None) -> Condition:
    """A completed questionnaire whose results this adviser (``adviser_id``) has not opened
    yet (no ``ResultSeen`` of them). Per adviser: each adviser has their own mark."""
    seen = ResultSeen.objects.filter(response=OuterRef("pk"), adviser_id=adviser_id)
    return Exists(_completed(family=OuterRef("pk")).exclude(Exists(seen)))


def unread_results_per_adviser(families: FamilySet, now: datetime) -> Hits:
    """``unread_results`` for every adviser of ``families`` at once (the team page): pairs of
    (family, adviser) in one query."""
    seen = ResultSeen.objects.filter(
        response=OuterRef("pk"), adviser=OuterRef(OuterRef("adviser_id"))
    )
    unseen = _completed(family=OuterRef("family_id")).exclude(Exists(seen))
    pairs = (
        CaseAssignment.objects.filter(family__in=families)
        .filter(Exists(unseen))
        .values_list("family_id", "adviser_id")
    )
    return {(family_id, adviser_id) for family_id, adviser_id in pairs}


def expiring_links(now: datetime) -> QuerySet[Invitation]:
    """Questionnaire links that can still be filled in and stop working within
    ``ATTENTION_EXPIRING_DAYS`` days. The one place that says which links are about to expire:
    when the reminders (``i16-remind``) bring their own ``expiring_links``, this is the function
    to swap."""
    soon = now + timedelta(days=setting("ATTENTION_EXPIRING_DAYS"))
    return Invitation.objects.filter(fillable(now), expires_at__lte=soon)


def link_expiring(now: datetime, adviser_id: int | None = None) -> Condition:
    """A family member's open link stops working soon (``expiring_links``)."""
    return Exists(expiring_links(now).filter(family=OuterRef("pk")))


def delivery_problem(now: datetime, adviser_id: int | None = None) -> Condition:
    """A message to the family failed ("mislukt") or could not be confirmed ("niet bevestigd",
    ``sending``), and can still be sent again (its address and link are kept). It stops showing
    when the adviser sends it again, withdraws the invitation, or after ``SEND_KEEP_DAYS``,
    when the address is erased (the link has stopped working by then too)."""
    stuck = Q(status=Status.SENDING, claimed_at__lte=now - unconfirmed_after())
    return Exists(
        Delivery.objects.filter(
            Q(status=Status.FAILED) | stuck, family=OuterRef("pk"), sealed__isnull=False
        )
    )


def talk_flag_open(now: datetime, adviser_id: int | None = None) -> Condition:
    """A family member flagged "hier wil ik over praten" in Mijn Krachtbron and the adviser has
    not marked it talked about yet (issue 14)."""
    return Exists(TalkFlag.objects.filter(family=OuterRef("pk"), talked_at__isnull=True))


def dropped(comparison: Comparison) -> bool:
    """Whether a section score went down by ``DROP`` (1 point on the 0–4 scale) or more. The
    section means and their change come from the instrument engine (``compare``): a section
    without a score on either side (fewer than half its items answered) does not count."""
    return any(s.change is not None and s.change <= -DROP for s in comparison.sections)


def score_dropped(families: FamilySet, now: datetime) -> Hits:
    """The help connects less than before: for some family member, a section score of their
    latest completed questionnaire is 1 or more below the one of their previous measurement
    (the same instrument version, as the results page compares, ``results.previous_response``).
    One query (the answers of the families' completed responses, oldest first), then the
    engine's ``compare`` per member."""
    rows = (
        Answer.objects.filter(response__in=_completed(family__in=families))
        .order_by("response__member_id", "response__completed_at", "response_id")
        .values_list(
            "response__member_id",
            "response_id",
            "response__family_id",
            "response__instrument_version",
            "item_id",
            "value",
        )
    )
    # member -> their responses in order: [(response id, family id, version, answers)]
    measured: dict[int, list[tuple[int, int, str, dict[str, int | None]]]] = {}
    for member_id, response_id, family_id, version, item_id, value in rows:
        mine = measured.setdefault(member_id, [])
        if not mine or mine[-1][0] != response_id:
            mine.append((response_id, family_id, version, {}))
        mine[-1][3][item_id] = value
    hits: Hits = set()
    for mine in measured.values():
        if len(mine) < 2 or mine[-2][2] != mine[-1][2]:
            continue  # one measurement, or a new version: nothing to compare with yet
        (_, family_id, version, before), after = mine[-2][:4], mine[-1][3]
        if dropped(compare(get_instrument(FAMILIES, version=version), before, after)):
            hits.add((family_id, None))
    return hits


def register() -> None:
    """Register every rule with its label, badge and urgency (1 = most urgent)."""
    for signal in (
        Signal("bericht", _("Bericht niet aangekomen"), _("bericht mislukt"), 1, delivery_problem),
        Signal(
            "minder", _("Sluit minder aan dan eerst"), _("score gedaald"), 2, find=score_dropped
        ),
        Signal("praten", _("Wil erover praten"), _("wil praten"), 3, talk_flag_open),
        Signal("verloopt", _("Link verloopt bijna"), _("link verloopt"), 4, link_expiring),
        Signal("begin", _("Beginmeting te laat"), _("beginmeting te laat"), 5, begin_overdue),
        Signal(
            "afsluiting", _("Eindmeting ontbreekt"), _("eindmeting ontbreekt"), 6, closing_missing
        ),
        Signal(
            "nieuw",
            _("Nieuwe uitslag niet gelezen"),
            _("nieuwe uitslag"),
            7,
            unread_results,
            find=unread_results_per_adviser,
        ),
        Signal("tussen", _("Tussenmeting nodig"), _("tussenmeting nodig"), 8, interim_due),
    ):
        register_signal(signal)
