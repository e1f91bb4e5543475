"""Ons dossier's changes: a member's "dit klopt niet" (a correction request) and the adviser's
answer. Each in one transaction with its access-log row."""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from krachtbron.accounts.models import User
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.caseload import counted_note
from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.prepared import Prepared
from krachtbron.portal.actions import member_actor
from krachtbron.portal.models import CorrectionRequest

#: Longest text of a request or an answer, in characters (the form says so).
MAX_TEXT = 2000


def request_correction(member: FamilyMember, text: str, form_key: str) -> CorrectionRequest:
    """Record what ``member`` says is not right in the file (``text``, already checked by the
    form). Once per ``form_key``: the same key again (a double click, a reload, two tabs)
    returns the first request and writes nothing."""
    earlier = CorrectionRequest.objects.filter(member=member, form_key=form_key).first()
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            made = CorrectionRequest.objects.create(
                family_id=member.family_id, member=member, text=text, form_key=form_key
            )
            log_access(member_actor(member), member.family, AccessKind.CREATE, made)
    except IntegrityError:  # the same key a moment ago, in another tab
        return CorrectionRequest.objects.get(member=member, form_key=form_key)
    return made


def answer_correction(user: User, correction: CorrectionRequest, answer: str) -> bool:
    """The adviser's answer to a correction request; False when it was answered already (a
    conditional update: the first answer stays, nothing is written)."""
    now = timezone.now()
    with transaction.atomic():
        done = CorrectionRequest.objects.filter(pk=correction.pk, answered_at=None).update(
            answer=answer, answered_at=now, answered_by=user
        )
        if done:
            log_access(user, correction.family, AccessKind.CHANGE, correction)
    return bool(done)


def corrections_of(family: Family) -> list[CorrectionRequest]:
    """The family's correction requests for the adviser: open ones first (oldest first: the
    longest waiting on top), then the answered ones, newest first. One query."""
    rows = list(CorrectionRequest.objects.filter(family=family).select_related("member"))
    open_ = sorted((c for c in rows if c.answered_at is None), key=lambda c: (c.created_at, c.pk))
    answered = sorted(
        (c for c in rows if c.answered_at is not None),
        key=lambda c: (c.answered_at, c.pk),
        reverse=True,
    )
    return open_ + answered


# Compiled once per process (``lib.prepared``): the caseload runs it on every view.
_OPEN_COUNTS = Prepared(
    lambda family_ids: (
        CorrectionRequest.objects.filter(family_id__in=family_ids, answered_at=None)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)


#: For the caseload cards (``families.caseload.register_card_note``): "1 verzoek: dit klopt
#: niet" per family with unanswered correction requests.
caseload_notes = counted_note(
    _OPEN_COUNTS,
    ngettext_lazy("%(n)d verzoek: dit klopt niet", "%(n)d verzoeken: dit klopt niet", "n"),
)
