"""The strengths parts of the family's copy (SECURITY.md 21): the first question with its
earlier versions (the whole family's), and per member the strength profile, the scalings and the
scores of their own goals (private data of that member: filtered with ``copy.may_see``)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    RECORDED_WHEN_IN_LOG,
    VISIBILITY_REASON,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.strengths.models import (
    FirstQuestion,
    FirstQuestionRevision,
    GoalScaling,
    Scaling,
    StrengthEntry,
)

#: Who filled a number in themselves in Mijn Krachtbron: the access log names that member.
RECORDED_BY_MEMBER_IN_LOG = (
    "Welk gezinslid dit zelf invulde in Mijn Krachtbron: dat staat al in 'Wie keek mee', waar "
    "elke wijziging een regel heeft."
)


def first_question_part(copy: CopyRequest) -> dict[str, Any] | None:
    first = FirstQuestion.objects.filter(family=copy.family).first()
    if first is None:
        return None
    revisions = FirstQuestionRevision.objects.filter(first_question=first).order_by("version")
    return {
        "vraag": first.text,
        "status": str(first.get_status_display()),
        "wat_we_samen_doen": first.practical_help,
        # Every saved version except the current one, oldest first.
        "eerdere_versies": [
            {
                "versie": r.version,
                "opgeslagen_op": timezone.localtime(r.saved_at).replace(microsecond=0),
                "vraag": r.text,
                "status": str(r.get_status_display()),
                "wat_we_samen_doen": r.practical_help,
            }
            for r in revisions
            if r.version != first.version
        ],
    }


def strengths_part(copy: CopyRequest) -> dict[str, Any]:
    entries = StrengthEntry.objects.filter(member__family=copy.family).select_related("member")
    scalings = Scaling.objects.filter(member__family=copy.family).select_related("member")
    goal_scalings = GoalScaling.objects.filter(goal__family=copy.family).select_related(
        "goal__member"
    )
    return {
        "krachtenprofiel": [
            {
                "gezinslid": e.member.first_name,
                "dimensie": str(e.get_dimension_display()),
                "leefgebied": str(e.get_life_domain_display()) if e.life_domain else _("algemeen"),
                "gaat_goed": e.goes_well,
                "is_moeilijk": e.is_hard,
                "geeft_energie": e.gives_energy,
            }
            for e in entries
            if copy.may_see(e.member_id)
        ],
        "schaalvragen": [
            {
                "gezinslid": s.member.first_name,
                "dimensie": str(s.get_dimension_display()),
                "wie": str(s.get_perspective_display()),
                "cijfer": s.score,
                "datum": s.noted_on,
                "waarom_geen_0": s.not_zero_because,
                "een_stap_hoger": s.one_step_higher,
            }
            for s in scalings
            if copy.may_see(s.member_id)
        ],
        "cijfers_bij_doelen": [
            {
                "doel": g.goal.text,
                "voor": g.goal.member.first_name if g.goal.member else _("het hele gezin"),
                "cijfer": g.score,
                "datum": g.noted_on,
                "notitie": g.note,
                "waarom_geen_0": g.not_zero_because,
                "een_stap_hoger": g.one_step_higher,
            }
            for g in goal_scalings
            # A goal of one member: its scores are that member's own.
            if copy.may_see(g.goal.member_id)
        ],
    }


def _members(queryset: Any, member: str) -> Any:
    def members(ids: set[int]) -> dict[int, int | None]:
        return dict(queryset.filter(pk__in=ids).values_list("pk", member))

    return members


def register() -> None:
    # Log rows about a member's own strength profile, scalings and the scores of their goals
    # (a form or page whose object is the member, or the goal, counts as theirs too).
    register_private_log_rows(["strengthentry"], _members(StrengthEntry.objects, "member_id"))
    register_private_log_rows(["scaling"], _members(Scaling.objects, "member_id"))
    register_private_log_rows(["goalscaling"], _members(GoalScaling.objects, "goal__member_id"))
    register_private_log_rows(["goal_scalings"], _members(Goal.objects, "member_id"))
    register_private_log_rows(
        ["scalings", "strength_entry_form"], _members(FamilyMember.objects, "pk")
    )
    register_copy_part(
        "eerste_vraag",
        first_question_part,
        title=gettext_lazy("De eerste vraag"),
        models=[FirstQuestion, FirstQuestionRevision],
        template="strengths/copy/first_question.html",
        order=25,
    )
    register_copy_part(
        "krachten",
        strengths_part,
        title=gettext_lazy("Krachten en cijfers"),
        models=[StrengthEntry, Scaling, GoalScaling],
        template="strengths/copy/strengths.html",
        order=40,
    )
    register_copy_exclusion(Scaling, RECORDED_BY_IN_LOG, fields=["by"])
    register_copy_exclusion(
        FirstQuestion, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"]
    )
    register_copy_exclusion(
        StrengthEntry, RECORDED_WHEN_IN_LOG, fields=["created_at", "updated_at"]
    )
    register_copy_exclusion(Scaling, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    register_copy_exclusion(GoalScaling, RECORDED_WHEN_IN_LOG, fields=["created_at"])
    register_copy_exclusion(GoalScaling, RECORDED_BY_IN_LOG, fields=["by"])
    register_copy_exclusion(Scaling, RECORDED_BY_MEMBER_IN_LOG, fields=["by_member"])
    register_copy_exclusion(GoalScaling, RECORDED_BY_MEMBER_IN_LOG, fields=["by_member"])
    register_copy_exclusion(FirstQuestionRevision, RECORDED_BY_IN_LOG, fields=["saved_by"])
    for model in (FirstQuestion, StrengthEntry, Scaling, GoalScaling):
        register_copy_exclusion(model, VISIBILITY_REASON, fields=["visibility"])
