"""The copy of the family file (SECURITY.md 21) holds what members flagged in Mijn Krachtbron
("hier wil ik over praten"): a member's own flag, about something the copy may show."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.lib.family_language import family_date
from krachtbron.portal.models import TalkFlag
from krachtbron.questionnaires.copy_parts import question_text


def _owner(flag: TalkFlag) -> int | None:
    """Whose own data the flagged thing is (None: a goal of the whole family)."""
    if flag.goal is not None:
        return flag.goal.member_id
    return flag.answer.response.member_id if flag.answer is not None else None


def _subject(flag: TalkFlag) -> str:
    """What a flag is about, in the copy's language: the goal's own text, or the question as
    the member read it and the questionnaire's date (load ``goal`` and ``answer__response``)."""
    if flag.goal is not None:
        return flag.goal.text
    assert flag.answer is not None  # the check constraint: a goal or an answer
    response = flag.answer.response
    return _("%(question)s (vragenlijst van %(date)s)") % {
        "question": question_text(response, flag.answer.item_id),
        "date": family_date(timezone.localdate(response.started_at)),
    }


def talk_flags_part(copy: CopyRequest) -> list[dict[str, Any]]:
    flags = (
        TalkFlag.objects.filter(family=copy.family)
        .select_related("raised_by", "goal", "answer__response")
        .order_by("raised_at", "id")
    )
    return [
        {
            "gezinslid": flag.raised_by.first_name,
            "over": _subject(flag),
            "gevraagd_op": timezone.localtime(flag.raised_at).replace(microsecond=0),
            "besproken_op": (
                timezone.localtime(flag.talked_at).replace(microsecond=0)
                if flag.talked_at
                else None
            ),
        }
        for flag in flags
        if copy.may_see(flag.raised_by_id) and copy.may_see(_owner(flag))
    ]


def _raised_by(ids: set[int]) -> dict[int, int | None]:
    return dict(TalkFlag.objects.filter(pk__in=ids).values_list("pk", "raised_by_id"))


def register() -> None:
    register_copy_part(
        "praten_over",
        talk_flags_part,
        title=gettext_lazy("Hier wil ik over praten"),
        models=[TalkFlag],
        template="portal/copy/talk_flags.html",
        order=45,
    )
    register_copy_exclusion(TalkFlag, RECORDED_BY_IN_LOG, fields=["talked_by"])
    # A log row about a flag is the member's own, as the flag is.
    register_private_log_rows(["talkflag"], _raised_by)
