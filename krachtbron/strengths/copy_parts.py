"""The strengths part of the family's copy of their file (SECURITY.md 21)."""

from typing import Any

from krachtbron.families.models import Family
from krachtbron.strengths.models import FirstQuestion, GoalScaling, Scaling, StrengthEntry


def strengths_part(family: Family) -> dict[str, Any]:
    first = FirstQuestion.objects.filter(family=family).first()
    entries = StrengthEntry.objects.filter(member__family=family).select_related("member")
    scalings = Scaling.objects.filter(member__family=family).select_related("member")
    goal_scalings = GoalScaling.objects.filter(goal__family=family).select_related("goal")
    return {
        "eerste_vraag": (
            {
                "vraag": first.text,
                "status": first.get_status_display(),
                "wat_we_samen_doen": first.practical_help,
            }
            if first
            else None
        ),
        "krachtenprofiel": [
            {
                "gezinslid": e.member.first_name,
                "dimensie": e.get_dimension_display(),
                "leefgebied": e.get_life_domain_display() if e.life_domain else "algemeen",
                "gaat_goed": e.goes_well,
                "is_moeilijk": e.is_hard,
                "geeft_energie": e.gives_energy,
            }
            for e in entries
        ],
        "schaalvragen": [
            {
                "gezinslid": s.member.first_name,
                "dimensie": s.get_dimension_display(),
                "wie": s.get_perspective_display(),
                "cijfer": s.score,
                "datum": s.noted_on.isoformat(),
                "waarom_geen_0": s.not_zero_because,
                "een_stap_hoger": s.one_step_higher,
            }
            for s in scalings
        ],
        "cijfers_bij_doelen": [
            {
                "doel": g.goal.text,
                "cijfer": g.score,
                "datum": g.noted_on.isoformat(),
                "notitie": g.note,
            }
            for g in goal_scalings
        ],
    }
