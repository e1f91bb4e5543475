"""Mijn Krachtbron in the family's copy of the file (families/file_copy.py).

How a member signs in is no content of the file: a link's token hash and a passkey's public
key mean nothing to the family. Every invitation, opened link, passkey made, sign-in and
refusal is an access-log row, which the copy shows in its part "Wie keek mee".
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    RECORDED_BY_IN_LOG,
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.portal.models import CorrectionRequest, MemberLanguage, MemberLink, Passkey

#: In Dutch, as every reason (shown in docs/familiedossier.md).
SIGN_IN_MEANS = (
    "Hoe een gezinslid inlogt in Mijn Krachtbron (een link, een sleutel). Elke uitnodiging, "
    "sleutel en inlog staat bij 'Wie keek mee'."
)


#: Log rows whose object is a correction request (made by the member, answered by the adviser).
CORRECTION_ROWS = ("correctionrequest",)


def _local(moment: Any) -> Any:
    return timezone.localtime(moment).replace(microsecond=0) if moment else None


def corrections_part(copy: CopyRequest) -> list[dict[str, Any]]:
    """Every "dit klopt niet" of a member whose own data this copy may hold, with the answer.
    Who answered is in "Wie keek mee" (the answer's log row), not repeated here."""
    rows = (
        CorrectionRequest.objects.filter(family=copy.family)
        .select_related("member")
        .order_by("created_at", "id")
    )
    return [
        {
            "gezinslid": c.member.first_name,
            "gestuurd_op": _local(c.created_at),
            "wat_klopt_er_niet": c.text,
            "antwoord": c.answer or None,
            "beantwoord_op": _local(c.answered_at),
        }
        for c in rows
        if copy.may_see(c.member_id)
    ]


def _members_of_corrections(ids: set[int]) -> dict[int, int | None]:
    return dict(CorrectionRequest.objects.filter(pk__in=ids).values_list("pk", "member_id"))


def register() -> None:
    register_private_log_rows(CORRECTION_ROWS, _members_of_corrections)
    register_copy_part(
        "dit_klopt_niet",
        corrections_part,
        title=gettext_lazy("Dit klopt niet"),
        models=[CorrectionRequest],
        template="portal/copy/corrections.html",
        order=85,
    )
    register_copy_exclusion(
        CorrectionRequest,
        "De sleutel van het formulier (tegen dubbel versturen) zegt het gezin niets.",
        fields=["form_key"],
    )
    register_copy_exclusion(CorrectionRequest, RECORDED_BY_IN_LOG, fields=["answered_by"])
    register_copy_exclusion(MemberLink, SIGN_IN_MEANS)
    register_copy_exclusion(Passkey, SIGN_IN_MEANS)
    register_copy_exclusion(
        MemberLanguage,
        "Een instelling, geen inhoud van het dossier: de taal van Mijn Krachtbron. Het gezinslid "
        "ziet en verandert die zelf in Ons dossier; elke keuze staat bij 'Wie keek mee'.",
    )
