"""Ons netwerkplan (issue 15, item 2): who to call for what, the agreements and the goals the
family chose to put in it, and the numbers to call when it is urgent (handreiking §3.2, §4.4).

``build_network_plan`` is the one function that gathers it, for a reader: a family member (their
``families.rights.rights_of``: only the parts they may see) or the adviser (``reader=None``:
everything the adviser shares with the family). The same data makes the portal page, the
adviser's tab and the PDF (``plan_pdf_html``), so screen and paper never differ. The adviser's marks
on a network person ("kan overbelast raken", "belastend", the note) are never read here: the plan
is the family's document and may be shown to anyone.

Phone numbers are stored in E.164 (``normalise_phone``) and shown in the national format for a
Dutch number, the international one otherwise (``display_phone``). A fixed number of queries,
whatever the size of the plan (tested).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.families import stored_pdf
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.models import Family, Goal
from krachtbron.families.rights import ViewerRights, rights_of, shared_with_family
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import OPEN_STATUSES, AgreementStatus
from krachtbron.networkplan.models import Agreement, NetworkPlan, PlanCall

#: Numbers are read as Dutch unless they start with + or 00 (a number abroad).
PHONE_REGION = "NL"


def normalise_phone(raw: str) -> str:
    """``raw`` as typed ("06-12345678", "+32 470 12 34 56", "0032 ...") in E.164
    ("+31612345678"); "" for an empty field. Raises ``ValidationError`` with a Dutch message for
    anything that is not a possible phone number."""
    text = raw.strip()
    if not text:
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    message = _("Dit is geen telefoonnummer dat we kennen. Typ het zo: 06 12345678 of +32 ...")
    if len(text) > 32 or not re.fullmatch(r"[+0-9 ()./-]+", text):
        raise ValidationError(message, code="phone")
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(message, code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored: str) -> str:
    """A stored number as people write it: "06 12345678" for a Dutch one, "+32 470 12 34 56"
    for one abroad; what is stored when it cannot be read (old data)."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return stored
    if number.country_code == phonenumbers.country_code_for_region(PHONE_REGION):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@dataclass(frozen=True)
class CallLine:
    """Wie bel je waarvoor: one person from the map."""

    pk: int
    person_pk: int
    who: str
    call_for: str
    phone: str  # as shown ("06 12345678"), "" when none
    phone_uri: str  # "tel:+31612345678", "" when none
    subject: int | None  # the member whose own network this person is (None: the family's)
    digest: str = ""  # what this line says, as ``part_digest`` (consent is given for it)


@dataclass(frozen=True)
class AgreementLine:
    pk: int
    text: str
    who: str  # who does it: a first name, a person from the map, "de hulpverlener"
    when: str
    status: str
    status_label: str
    goal_text: str  # the goal it is for, when that goal is in the plan; else ""
    subjects: frozenset[int]  # members whose information it holds (performer, the goal's member)
    digest: str = ""


@dataclass(frozen=True)
class GoalLine:
    pk: int
    text: str
    who: str  # a first name, or "het hele gezin"
    subject: int | None
    chosen: bool  # in the plan (NetworkPlan.shared_goals)
    digest: str = ""


@dataclass(frozen=True)
class PhoneNumber:
    label: str
    number: str
    uri: str


@dataclass(frozen=True)
class NetworkPlanView:
    """The netwerkplan as one reader may see it."""

    family_id: int
    reference: str
    plan_pk: int | None  # None: nobody wrote anything yet
    ready_at: datetime | None
    calls: tuple[CallLine, ...]
    agreements: tuple[AgreementLine, ...]
    goals: tuple[GoalLine, ...]  # every goal the reader may see, ``chosen`` if in the plan
    numbers: tuple[PhoneNumber, ...]
    made_on: date

    @property
    def shared_goals(self) -> tuple[GoalLine, ...]:
        return tuple(goal for goal in self.goals if goal.chosen)

    @property
    def is_empty(self) -> bool:
        return not (self.calls or self.agreements or self.shared_goals)


def part_digest(kind: str, pk: int, *said: object) -> str:
    """A fingerprint of one line of the plan: its kind, its id and everything in it that a
    reader sees or that makes it about a member (words, who does it, which goal, whose goal),
    never its status. A member's yes or no to a share is for these fingerprints
    (``share_consents``): when a line changes, its fingerprint does, and the member is asked
    again. Hex sha256, language-free (ids and stored words, no translated labels)."""
    text = "\x1f".join(str(value) for value in (kind, pk, *said))
    return hashlib.sha256(text.encode()).hexdigest()


def urgent_numbers(team_name: str = "") -> tuple[PhoneNumber, ...]:
    """The team's number and the national numbers for acute danger, as the follow-up shows
    them (``settings.AFTERCARE_TEAM_PHONES`` by team name, else ``AFTERCARE_TEAM_PHONE``;
    ``EMERGENCY_PHONE``, ``VEILIG_THUIS_PHONE``)."""
    team = settings.AFTERCARE_TEAM_PHONES.get(team_name) or settings.AFTERCARE_TEAM_PHONE
    rows = []
    if team:
        rows.append((_("Het Ouder- en Kindteam"), team))
    rows.append((_("Bij direct gevaar"), settings.EMERGENCY_PHONE))
    rows.append(
        (
            _("Zorgen over geweld thuis: Veilig Thuis (gratis, dag en nacht)"),
            settings.VEILIG_THUIS_PHONE,
        )
    )
    return tuple(
        PhoneNumber(label, number, "tel:" + re.sub(r"[^0-9+]", "", number))
        for label, number in rows
    )


def _scoped(
    queryset: "models.QuerySet[Any]", reader: ViewerRights | None
) -> "models.QuerySet[Any]":
    """What the reader may see of a registered part: a member's rights, or what the adviser
    shares with the family."""
    return shared_with_family(queryset) if reader is None else reader.filter(queryset)


def performer_label(agreement: Agreement) -> str:
    """Who carries out ``agreement``: a first name, a person from the map, or the adviser."""
    if agreement.performer_member is not None:
        return agreement.performer_member.first_name
    if agreement.performer_person is not None:
        return agreement.performer_person.label
    return _("de hulpverlener")


def hides_open_adviser_agreements(family: Family) -> bool:
    """After closure an agreement the adviser carries that is still open (agreed, running)
    no longer shows in the plan, its PDF or its shares: the adviser has stopped, and a plan
    for when the help stops should not list their tasks as open (docs/netwerkplan.md). The
    closing walk lists them first so the adviser can mark them done or stopped."""
    return family.status == FamilyStatus.CLOSED


def shown_after_closure(agreement: Agreement, closed: bool) -> bool:
    """Is ``agreement`` in the plan (see ``hides_open_adviser_agreements``)?"""
    return not (closed and agreement.performer_adviser and agreement.status in OPEN_STATUSES)


def build_network_plan(family: Family, reader: ViewerRights | None = None) -> NetworkPlanView:
    """The netwerkplan of ``family`` for ``reader`` (a member's ``rights_of``), or for the
    adviser (None: what the adviser shares with the family). Five queries.

    * calls: to a person from the map the reader may see;
    * agreements: not stopped, about a goal the reader may see, and carried by someone the
      reader may see (a person of another member's own network stays out); after closure not
      the adviser's open ones (``hides_open_adviser_agreements``);
    * goals: every goal the reader may see, marked ``chosen`` when it is in the plan.
    """
    plan = NetworkPlan.objects.filter(family=family).first()
    goals = list(
        _scoped(Goal.objects.filter(family=family), reader)
        .select_related("member")
        .order_by("created_at", "id")
    )
    visible_goals = {goal.pk: goal for goal in goals}
    persons = _scoped(NetworkPerson.objects.filter(family=family), reader)
    chosen: set[int] = set()
    calls: list[PlanCall] = []
    if plan is not None:
        chosen = set(plan.shared_goals.values_list("pk", flat=True))
        calls = list(
            PlanCall.objects.filter(plan=plan, person__in=persons)
            .select_related("person")
            .order_by("created_at", "id")
        )
    agreements = list(
        Agreement.objects.filter(family=family, goal_id__in=list(visible_goals))
        .exclude(status=AgreementStatus.STOPPED)
        .filter(models.Q(performer_person__isnull=True) | models.Q(performer_person__in=persons))
        .select_related("performer_member", "performer_person")
        .order_by("created_at", "id")
    )
    closed = hides_open_adviser_agreements(family)
    agreements = [a for a in agreements if shown_after_closure(a, closed)]
    status_labels = {value: str(label) for value, label in AgreementStatus.choices}
    whole_family = _("het hele gezin")
    return NetworkPlanView(
        family_id=family.pk,
        reference=family.reference,
        plan_pk=plan.pk if plan else None,
        ready_at=plan.ready_at if plan else None,
        calls=tuple(
            CallLine(
                pk=call.pk,
                person_pk=call.person_id,
                who=call.person.label,
                call_for=call.call_for,
                phone=display_phone(call.phone),
                phone_uri=f"tel:{call.phone}" if call.phone else "",
                subject=call.person.member_id,
                digest=part_digest(
                    "call",
                    call.pk,
                    call.person_id,
                    call.person.label,
                    call.call_for,
                    call.phone,
                    call.person.member_id,
                ),
            )
            for call in calls
        ),
        agreements=tuple(
            AgreementLine(
                pk=agreement.pk,
                text=agreement.text,
                who=performer_label(agreement),
                when=agreement.when,
                status=agreement.status,
                status_label=status_labels.get(agreement.status, agreement.status),
                goal_text=(
                    visible_goals[agreement.goal_id].text if agreement.goal_id in chosen else ""
                ),
                subjects=frozenset(
                    member
                    for member in (
                        agreement.performer_member_id,
                        visible_goals[agreement.goal_id].member_id,
                        agreement.performer_person.member_id
                        if agreement.performer_person is not None
                        else None,
                    )
                    if member is not None
                ),
                digest=_agreement_digest(
                    agreement, visible_goals[agreement.goal_id], agreement.goal_id in chosen
                ),
            )
            for agreement in agreements
        ),
        goals=tuple(
            GoalLine(
                pk=goal.pk,
                text=goal.text,
                who=goal.member.first_name if goal.member else whole_family,
                subject=goal.member_id,
                chosen=goal.pk in chosen,
                digest=part_digest("goal", goal.pk, goal.text, goal.member_id),
            )
            for goal in goals
        ),
        numbers=urgent_numbers(family.team.name),
        made_on=timezone.localdate(),
    )


def _agreement_digest(agreement: Agreement, goal: Goal, goal_shown: bool) -> str:
    person = agreement.performer_person
    return part_digest(
        "agreement",
        agreement.pk,
        agreement.text,
        agreement.when,
        agreement.performer_member_id,
        agreement.performer_member.first_name if agreement.performer_member else "",
        agreement.performer_person_id,
        person.label if person else "",
        person.member_id if person else "",
        agreement.performer_adviser,
        agreement.goal_id,
        goal.member_id,
        goal.text if goal_shown else "",
    )


def plan_pdf_html(view: NetworkPlanView) -> str:
    """The HTML the netwerkplan PDF is rendered from, in the active language: a tagged PDF
    (headings, table, lists, the document's language: a screen reader can follow it). The
    downloads render it through the store (``families.stored_pdf``, ``PDF_KIND``), after the
    access-log row is committed (SECURITY.md 26)."""
    return render_to_string("networkplan/plan_pdf.html", {"view": view})


#: The stored PDF's kind (``families.stored_pdf``, ADR 0017): one variant per reader, language.
PDF_KIND = "netwerkplan"


def pdf_variant(reader: Any, language: str) -> str:
    """The stored PDF's variant for ``reader`` (a FamilyMember; None: the adviser's download)
    in ``language``."""
    return stored_pdf.variant(PDF_KIND, language=language, voor=reader.pk if reader else None)


def stored_plan_html(family: Family, params: dict[str, Any]) -> str:
    """The HTML of a stored variant (``pdf_variant``), for the worker: the plan as the member
    ``params["voor"]`` may see it (``rights_of``), or as the adviser downloads it (None).
    ``FamilyMember.DoesNotExist`` when that member is gone."""
    reader = stored_pdf.reader_of(family, params)
    if reader is None:
        return plan_pdf_html(build_network_plan(family))
    return plan_pdf_html(build_network_plan(family, rights_of(reader)))


def register_stored_pdf() -> None:
    stored_pdf.register_kind(PDF_KIND, stored_plan_html, static=("networkplan/plan.css",))


def plan_pdf_filename(view: NetworkPlanView) -> str:
    """The download's file name: what it is, never whose (``lib.download``): this PDF is made
    to be handed to network people. ``view`` is taken so a caller need not know that."""
    return "ons-netwerkplan.pdf"
