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
from krachtbron.families.models import CaseAssignment, Family
from krachtbron.instruments.ids import FAMILIES
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.expiring import expiring_links
from krachtbron.questionnaires.models import Moment, Response, ResultSeen
from krachtbron.sending.models import Delivery, MessageStop, send_again_possible


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


def link_expiring(now: datetime, adviser_id: int | None = None) -> Condition:
    """A family member's open link stops working soon: the notice of the reminders
    (``questionnaires.expiring.expiring_links``, ``SEND_EXPIRY_NOTICE_DAYS`` days before), so
    the caseload and the Vragenlijsten tab say "verloopt binnenkort" of the same links."""
    this_family = Family.objects.filter(pk=OuterRef(OuterRef("pk")))
    return Exists(expiring_links(this_family, now))


def delivery_problem(now: datetime, adviser_id: int | None = None) -> Condition:
    """A message to the family (e-mail or SMS) failed ("mislukt") or could not be confirmed
    ("niet bevestigd", ``sending``), and the adviser can still send it again
    (``sending.models.send_again_possible``: its address and link are kept). It stops showing
    when the adviser sends it again, withdraws the invitation, or after ``SEND_KEEP_DAYS``,
    when the address is erased (the link has stopped working by then too). Never for a member
    who asked for "geen berichten meer" (``MessageStop``): sending again is not what they need.
    """
    stopped = MessageStop.objects.filter(member=OuterRef("member_id"))
    return Exists(
        Delivery.objects.filter(send_again_possible(now), family=OuterRef("pk")).exclude(
            Exists(stopped)
        )
    )


def talk_flag_open(now: datetime, adviser_id: int | None = None) -> Condition:
    """A family member flagged "hier wil ik over praten" in Mijn Krachtbron and the adviser has
    not marked it talked about yet (issue 14)."""
    return Exists(TalkFlag.objects.filter(family=OuterRef("pk"), talked_at__isnull=True))


def score_dropped(now: datetime, adviser_id: int | None = None) -> Condition:
    """The help connects less than before: for some family member, a section score of their
    latest completed questionnaire is 1 or more below the one of their previous measurement
    (the same instrument version, as the results page compares). Whether a response dropped is
    decided once, when it is submitted (``questionnaires.drops``); here only "is it the
    member's latest"."""
    later = _completed(member=OuterRef("member_id")).filter(
        Q(completed_at__gt=OuterRef("completed_at"))
        | Q(completed_at=OuterRef("completed_at"), pk__gt=OuterRef("pk"))
    )
    latest_dropped = _completed(family=OuterRef("pk"), dropped_since_previous=True)
    return Exists(latest_dropped.exclude(Exists(later)))


def register() -> None:
    """Register every rule with its label, badge and urgency (1 = most urgent)."""
    for signal in (
        Signal(
            "bericht",
            _("Bericht mislukt of niet bevestigd"),
            _("bericht mislukt of niet bevestigd"),
            1,
            delivery_problem,
        ),
        Signal("minder", _("Sluit minder aan dan eerst"), _("score gedaald"), 2, score_dropped),
        # No badge: the card already says "1 onderwerp om te bespreken" (portal's card note).
        Signal("praten", _("Wil erover praten"), None, 3, talk_flag_open),
        Signal(
            "verloopt",
            _("Link verloopt binnenkort"),
            _("link verloopt binnenkort"),
            4,
            link_expiring,
        ),
        Signal("begin", _("Beginmeting te laat"), _("beginmeting te laat"), 5, begin_overdue),
        Signal(
            "afsluiting",
            _("Afsluitmeting ontbreekt"),
            _("afsluitmeting ontbreekt"),
            6,
            closing_missing,
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
