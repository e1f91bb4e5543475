"""'Ons krachtenplan': the family's own plan in plain language (B1).

`build_plan` gathers everything in a fixed number of queries into a `FamilyPlan`; the templates
`plan.html` (print view in the browser) and `plan_pdf.html` (PDF) render the same data through
`_plan_document.html`, so the screen and the paper never differ. Only the network map is drawn
for each: as SVG for the browser, with its texts as HTML for WeasyPrint (``network_map_pdf``).

The plan is the family's document: a family may show it to anyone, also to the people on its
network map. So it holds only what the adviser shares with the family (``families.rights``):
not the adviser's own scores, not the adviser's marks on a network person ("belastend"), unless
the adviser shares them. The portal builds the same plan for one member with that member's
rights (``scope=rights_of(member).filter``).
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from krachtbron.families import stored_pdf
from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.rights import ViewerRights, rights_of, shared_with_family
from krachtbron.lib.bidi import isolate
from krachtbron.lib.family_language import join_list
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.indicators import Indicators, indicators
from krachtbron.network.mapdata import MapPerson, current_map
from krachtbron.strengths.models import FirstQuestion
from krachtbron.strengths.overview import Scope, goal_progress, member_profiles
from krachtbron.strengths.questionnaire_summary import QuestionnaireSummary, latest_summary


@dataclass(frozen=True)
class PlanStrength:
    dimension: str
    domain: str  # "" for life in general
    goes_well: str
    gives_energy: str
    is_hard: str


@dataclass(frozen=True)
class PlanScore:
    dimension: str
    own: int | None
    adviser: int | None
    chart: SafeString | None


@dataclass(frozen=True)
class PlanMember:
    pk: int
    name: str
    role: str
    strengths: tuple[PlanStrength, ...]
    scores: tuple[PlanScore, ...]


@dataclass(frozen=True)
class PlanGoal:
    text: str
    who: str
    domain: str
    dimension: str
    status: str
    score: int | None
    chart: SafeString | None


@dataclass(frozen=True)
class FamilyPlan:
    family_label: str
    reference: str
    made_on: date
    first_question: FirstQuestion | None
    members: tuple[PlanMember, ...]
    goals: tuple[PlanGoal, ...]
    network: tuple[MapPerson, ...]
    network_indicators: Indicators
    questionnaire: QuestionnaireSummary | None

    @property
    def shows_adviser_scores(self) -> bool:
        """Only when the adviser shared one of their own scores with the family."""
        return any(s.adviser is not None for m in self.members for s in m.scores)

    @cached_property
    def network_svg(self) -> SafeString:
        """The network map for the browser (the print view)."""
        return self._network_map(for_print=False)

    @cached_property
    def network_map_pdf(self) -> SafeString:
        """The network map for the PDF: WeasyPrint cannot shape SVG text (Arabic), so its texts
        are HTML over the drawing (``network.ecomap_print``)."""
        return self._network_map(for_print=True)

    def _network_map(self, *, for_print: bool) -> SafeString:
        return render_ecomap(
            self.network,
            centre_label=self.family_label,
            title=_("Wie er voor ons zijn: de netwerkkaart van %s") % self.family_label,
            for_print=for_print,
        )


def build_plan(
    family: Family, scope: Scope = shared_with_family, reader: ViewerRights | None = None
) -> FamilyPlan:
    """The plan of ``family`` with what ``scope`` lets through: by default what the adviser
    shares with the family. For one member pass ``reader`` (their ``rights_of``): the scope is
    then ``reader.filter``, and members whose own parts the reader may not see are left out of
    "Waar we goed in zijn" (not listed as having nothing written)."""
    if reader is not None:
        scope = reader.filter
    persons = current_map(family, scope=scope)
    first_question = FirstQuestion.objects.filter(family=family)
    if scope is not None:
        first_question = scope(first_question)
    return FamilyPlan(
        family_label=family.label,
        reference=family.reference,
        made_on=timezone.localdate(),
        first_question=first_question.first(),
        members=tuple(
            m for m in _members(family, scope) if reader is None or reader.may_see_member(m.pk)
        ),
        goals=tuple(_goals(family, scope)),
        network=tuple(persons),
        network_indicators=indicators(persons),
        questionnaire=latest_summary(family, scope),
    )


def _members(family: Family, scope: Scope) -> list[PlanMember]:
    result = []
    for profile in member_profiles(family, scope):
        strengths = []
        scores = []
        for part in profile.parts:
            for entry in part.entries:
                strengths.append(
                    PlanStrength(
                        dimension=part.label,
                        domain=str(LifeDomain(entry.life_domain).label)
                        if entry.life_domain
                        else "",
                        goes_well=entry.goes_well,
                        gives_energy=entry.gives_energy,
                        is_hard=entry.is_hard,
                    )
                )
            own, adviser = part.own.latest, part.adviser.latest
            if own or adviser:
                scores.append(
                    PlanScore(
                        dimension=part.label,
                        own=own.score if own else None,
                        adviser=adviser.score if adviser else None,
                        chart=part.own_chart if len(part.own.points) > 1 else None,
                    )
                )
        member = profile.member
        result.append(
            PlanMember(
                pk=member.pk,
                name=member.first_name,
                role=member.get_role_display(),
                strengths=tuple(strengths),
                scores=tuple(scores),
            )
        )
    return result


def _goals(family: Family, scope: Scope) -> list[PlanGoal]:
    goals = []
    for item in goal_progress(family, scope):
        goal = item.goal
        latest = item.trend.latest
        goals.append(
            PlanGoal(
                text=goal.text,
                who=goal.member.first_name if goal.member else _("het hele gezin"),
                domain=goal.get_life_domain_display(),
                dimension=str(Dimension(goal.dimension).label) if goal.dimension else "",
                status=goal.get_status_display(),
                score=latest.score if latest else None,
                chart=item.chart if len(item.trend.points) > 1 else None,
            )
        )
    return goals


def plan_pdf_html(plan: FamilyPlan) -> str:
    """The HTML 'Ons krachtenplan' is rendered from, in the active language. The downloads
    render it through the store (``stored_pdf``, ``PDF_KIND``), after the access-log row is
    committed (SECURITY.md 26)."""
    groups = network_groups(plan.network) if len(plan.network) > COMPACT_FROM else []
    context = {"plan": plan, "network_groups": groups}
    return render_to_string("strengths/plan_pdf.html", context)


#: The stored PDF's kind (``families.stored_pdf``): one variant per reader and language.
PDF_KIND = "krachtenplan"
PDF_STATIC = ("strengths/plan.css",)


def plan_for(family: Family, reader: FamilyMember | None) -> FamilyPlan:
    """The plan as ``reader`` may see it (``rights_of``), or the whole family's (what the
    adviser shares with the family) when ``reader`` is None: the one choice every download of
    the plan makes, the stored one too."""
    if reader is None:
        return build_plan(family, scope=shared_with_family)
    return build_plan(family, reader=rights_of(reader, timezone.localdate()))


def pdf_variant(reader: FamilyMember | None, language: str) -> str:
    """The stored PDF's variant for ``reader`` (None: the whole family's) in ``language``."""
    return stored_pdf.variant(PDF_KIND, language=language, voor=reader.pk if reader else None)


def stored_plan_html(family: Family, params: dict[str, Any]) -> str:
    """The HTML of a stored variant (``pdf_variant``), for the worker: ``params["voor"]`` the
    member's id or None. ``FamilyMember.DoesNotExist`` when that member is gone."""
    return plan_pdf_html(plan_for(family, stored_pdf.reader_of(family, params)))


def register_stored_pdf() -> None:
    stored_pdf.register_kind(PDF_KIND, stored_plan_html, static=PDF_STATIC)


#: Above this many persons the PDF lists the network per circle in running text instead of a
#: table: WeasyPrint lays out a 200-row table slowly (issue 18), and on paper a list per
#: circle is as easy to read (docs/design.md, "Krachtenplan-PDF met een groot netwerk").
COMPACT_FROM = 40


@dataclass(frozen=True)
class NetworkGroup:
    label: str  # the circle ("Heel dichtbij")
    people: list[tuple[str, str]]  # (isolated name, "relation, contact, blijft als de hulp stopt")


def network_groups(persons: "tuple[MapPerson, ...] | list[MapPerson]") -> list[NetworkGroup]:
    """The persons per circle, inner circle first, each with what the table's columns said
    (contact only when it is shared, ``MapPerson.quality_label``). Each name is isolated
    (``lib.bidi.isolate``: FSI ... PDI) rather than put in a ``<bdi>``: 200 inline elements in
    one running text cost WeasyPrint more than half of the list's time (issue 18)."""
    stays = _("blijft als de hulp stopt")
    by_circle: dict[int, list[MapPerson]] = {}
    for person in persons:
        by_circle.setdefault(person.closeness, []).append(person)
    groups = []
    for closeness in sorted(by_circle):
        people = []
        for p in by_circle[closeness]:
            details = [p.relation_label]
            if p.quality_label != "–":
                details.append(p.quality_label)
            if p.stays_after_help:
                details.append(stays)
            people.append((isolate(p.label), join_list(details)))
        groups.append(NetworkGroup(by_circle[closeness][0].closeness_label, people))
    return groups


def plan_pdf_filename() -> str:
    """The download's file name: what it is, never whose (``lib.download``): the family takes
    it home, also when the adviser prints it."""
    return "ons-krachtenplan.pdf"
