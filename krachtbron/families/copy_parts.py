"""The families app's parts of the family's copy: the family, members, goals, how long the file
is kept, and who looked at it. Registered in ``FamiliesConfig.ready()``.

Values are JSON-ready (dates as ``date``/``datetime``, written by DjangoJSONEncoder) so the PDF
templates can format them; display labels are plain strings.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krachtbron.audit.models import AccessLogEntry
from krachtbron.audit.reading import LOG_ZONE, rows_about_family
from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    RECORDED_WHEN_IN_LOG,
    VISIBILITY_REASON,
    CopyRequest,
    log_row_members,
    register_copy_exclusion,
    register_copy_part,
)
from krachtbron.families.models import (
    CaseAssignment,
    DestructionRecord,
    Family,
    FamilyMember,
    Goal,
    RetentionHold,
    RightsDecision,
)


def family_part(copy: CopyRequest) -> dict[str, Any]:
    family = copy.family
    assignments = family.assignments.select_related("adviser").order_by("created_at", "id")
    return {
        "naam": family.display_name,
        "team": family.team.name,
        "status": str(family.get_status_display()),
        "adviseurs": [{"naam": str(a.adviser), "vervanging": a.is_substitute} for a in assignments],
    }


def members_part(copy: CopyRequest) -> list[dict[str, Any]]:
    # Gezag: true, false, or null when the adviser has not recorded it (only for an opvoeder).
    return [
        {
            "naam": m.first_name,
            "rol": str(m.get_role_display()),
            "geboortejaar": m.birth_year,
            "geboortedatum": m.birth_date,
            "gezag": m.has_parental_authority,
        }
        for m in copy.family.members.all()
    ]


def goals_part(copy: CopyRequest) -> list[dict[str, Any]]:
    # A goal of the whole family is in every copy; a goal of one member is that member's own
    # (families/rights.py), as its scores are (in the strengths part, filtered there).
    return [
        {
            "doel": g.text,
            "voor": g.member.first_name if g.member else _("het hele gezin"),
            "leefgebied": str(g.get_life_domain_display()),
            "dimensie": str(g.get_dimension_display()) if g.dimension else "",
            "status": str(g.get_status_display()),
            # A goal a member wrote in Mijn Krachtbron, and whether it is agreed yet.
            "toegevoegd_door": g.added_by_member.first_name if g.added_by_member else "",
            "afspraak": str(g.get_proposal_display()) if g.proposal else "",
        }
        for g in copy.family.goals.select_related("member", "added_by_member")
        if copy.may_see(g.member_id)
    ]


def decisions_part(copy: CopyRequest) -> list[dict[str, Any]]:
    """The recorded decisions about a member's own data (a limit on a parent's right to
    information, a share): each is about its subject's data, so it is in a copy when that
    member's data is."""
    rows = RightsDecision.objects.filter(family=copy.family).select_related(
        "subject", "other", "decided_by", "ended_by"
    )
    return [
        {
            "besluit": str(d.get_kind_display()),
            "over": d.subject.first_name,
            "voor": d.other.first_name,
            "waarom": d.reason,
            "besloten_door": str(d.decided_by),
            "besloten_op": timezone.localtime(d.decided_at, LOG_ZONE).replace(microsecond=0),
            "beeindigd_op": timezone.localtime(d.ended_at, LOG_ZONE).replace(microsecond=0)
            if d.ended_at
            else None,
            "beeindigd_door": str(d.ended_by) if d.ended_by else "",
        }
        for d in rows.order_by("decided_at", "id")
        if copy.may_see(d.subject_id)
    ]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_part(copy: CopyRequest) -> dict[str, Any]:
    """How long the file is kept (AVG art. 15(1)(d)): the rule, and any 'keep longer'."""
    last_change = timezone.localdate(copy.family.updated_at)
    return {
        "bewaartermijn_jaren": settings.RETENTION_YEARS,
        "laatst_gewijzigd": last_change,
        "bewaren_tot_ten_minste": _add_years(last_change, settings.RETENTION_YEARS),
        "besluiten_langer_bewaren": [
            {"tot": h.until, "reden": h.reason, "besloten_op": timezone.localdate(h.decided_at)}
            for h in RetentionHold.objects.filter(family=copy.family).order_by("decided_at", "id")
        ],
    }


def access_log_part(copy: CopyRequest) -> list[dict[str, Any]]:
    """Who looked at the file ('wie keek mee', SECURITY.md 18): every row about this family,
    newest first, with the time in Europe/Amsterdam, as the 'Wie keek mee' page shows it
    (plus the refused attempts, with their result).

    A row about one member's private data (``log_row_members``) is in the copy only when that
    member's private data is (``copy.may_see``): a parent's copy does not show when a young
    person of 16 filled in a questionnaire, page by page, nor that an invitation was made for
    them. Rows about the whole family are in every copy."""
    entries = list(
        rows_about_family(AccessLogEntry.objects.all(), [copy.family.pk])
        .select_related("actor")
        .order_by("-at", "-id")
    )
    members = log_row_members(entries)
    return [log_line(e) for e in entries if copy.may_see(members[e.pk])]


def log_line(entry: AccessLogEntry) -> dict[str, Any]:
    """One row of the log as the copy shows it (the fields it leaves out: ``register``)."""
    return {
        "wanneer": timezone.localtime(entry.at, LOG_ZONE).replace(microsecond=0),
        "wie": entry.actor_label,  # a name, "gezinslid" or "systeem (...)": never empty
        "rol": entry.role_label,
        "wat": str(entry.get_kind_display()),
        "onderdeel": entry.object_label,
        "resultaat": str(entry.get_result_display()),
    }


def register() -> None:
    register_copy_part(
        "gezin",
        family_part,
        title=gettext_lazy("Het gezin"),
        models=[Family, CaseAssignment],
        template="families/copy/family.html",
        order=10,
    )
    register_copy_part(
        "gezinsleden",
        members_part,
        title=gettext_lazy("Gezinsleden"),
        models=[FamilyMember],
        template="families/copy/members.html",
        order=20,
    )
    register_copy_part(
        "doelen",
        goals_part,
        title=gettext_lazy("Doelen"),
        models=[Goal],
        template="families/copy/goals.html",
        order=30,
    )
    register_copy_part(
        "besluiten_over_gegevens",
        decisions_part,
        title=gettext_lazy("Besluiten over gegevens in het gezin"),
        models=[RightsDecision],
        template="families/copy/decisions.html",
        order=35,
    )
    register_copy_part(
        "bewaren",
        retention_part,
        title=gettext_lazy("Hoe lang we het dossier bewaren"),
        models=[RetentionHold],
        template="families/copy/retention.html",
        order=90,
    )
    register_copy_part(
        "wie_keek_mee",
        access_log_part,
        title=gettext_lazy("Wie keek mee"),
        models=[AccessLogEntry],
        template="families/copy/access_log.html",
        order=95,
    )
    register_copy_exclusion(
        DestructionRecord,
        "Bestaat pas als het dossier vernietigd is; dan is er geen dossier meer om te kopiëren. "
        "Het houdt alleen het dossiernummer vast, als bewijs dat de wet gevolgd is.",
    )
    register_copy_exclusion(Family, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    for model in (CaseAssignment, FamilyMember):
        register_copy_exclusion(model, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    register_copy_exclusion(Goal, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"])
    register_copy_exclusion(Goal, VISIBILITY_REASON, fields=["visibility"])
    register_copy_exclusion(
        AccessLogEntry,
        "Welk dossier: dit dossier; het dossiernummer staat bovenaan de kopie.",
        fields=["family_id", "family_reference"],
    )
    register_copy_exclusion(
        AccessLogEntry,
        "Interne nummers van het gezinslid dat zelf iets deed (de kopie zegt 'gezinslid') en "
        "van het onderdeel (de kopie zegt in woorden wat het was).",
        fields=["actor_member_id", "object_id"],
    )
    register_copy_exclusion(
        AccessLogEntry,
        "Technische details, zoals het soort bestand van een download of of het netwerk "
        "meeging; 'wat' en 'onderdeel' zeggen in woorden wat er gebeurde.",
        fields=["extra"],
    )
    register_copy_exclusion(RetentionHold, RECORDED_BY_IN_LOG, fields=["decided_by"])
