"""Writes of the questionnaire: invite, withdraw, resend, hand over, answer, submit.

Each is one transaction with its access-log row (SECURITY.md 17, 26). Staff actions log the
signed-in user; what a family member does is logged with that member as the actor
(``Actor.family_member``): no account, only the member's id.
Answers are validated and scored by the instrument engine, never here.
"""

import re
from enum import Enum
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import Family, FamilyMember
from krachtbron.instruments import (
    Instrument,
    available_languages,
    get_instrument,
    score,
    validate,
)
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.prepared import Prepared
from krachtbron.lib.tokens import hash_token, is_well_formed, new_receipt, new_token
from krachtbron.lib.typed_code import code_hash_for_token, hash_code
from krachtbron.questionnaires import fastpath
from krachtbron.questionnaires.drops import mark_drop
from krachtbron.questionnaires.models import (
    Answer,
    Invitation,
    InvitationState,
    Response,
)
from krachtbron.sending.actions import withdraw_for as withdraw_deliveries
from krachtbron.sending.models import Purpose

_INTEGER = re.compile(r"-?[0-9]{1,4}")

#: Roles that may be invited: the instrument is for a jeugdige or an opvoeder (§6).
INVITABLE_ROLES = (MemberRole.PARENT, MemberRole.YOUTH)


def family_actor(invitation: Invitation) -> Actor:
    """The family member an invitation is for: who acts on the family's questionnaire pages."""
    return Actor.family_member(invitation.member_id)


class LinkProblem(Enum):
    """Why a link or family session cannot be used; each has a friendly page."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"
    THROTTLED = "throttled"  # too many unknown links from this address (``lib.throttle``)

    @property
    def status(self) -> int:
        if self is LinkProblem.THROTTLED:
            return 429
        return 404 if self is LinkProblem.UNKNOWN else 410


class QuestionnaireClosed(Exception):
    """The response is already completed (or the invitation closed) while answering."""


def instrument_for(
    invitation: Invitation, version: str | None = None, *, language: str | None = None
) -> Instrument:
    """The invitation's instrument in its language, or in ``language`` when the instrument has
    that language (a family page shown in Dutch by the concept banner's link: ``?origineel=nl``).
    Answers are stored per item id, so the language shown changes nothing that is saved."""
    shown = invitation.language
    if (
        language
        and language != shown
        and language in available_languages(invitation.instrument_id, version)
    ):
        shown = language
    return get_instrument(invitation.instrument_id, shown, version)


def problem_of(invitation: Invitation) -> LinkProblem | None:
    """None when the invitation can be filled in now."""
    state = invitation.state
    if state == InvitationState.COMPLETED:
        return LinkProblem.COMPLETED
    if state == InvitationState.WITHDRAWN:
        return LinkProblem.WITHDRAWN
    if state == InvitationState.EXPIRED:
        return LinkProblem.EXPIRED
    return None


# --- Staff ---------------------------------------------------------------------------------------


def invite_member(
    user: User,
    family: Family,
    member: FamilyMember,
    *,
    moment: str,
    language: str,
    instrument_id: str = FAMILIES,
) -> tuple[Invitation, str]:
    """Create an invitation; return it with the token, which is never stored (show it once)."""
    if member.family_id != family.pk or member.role not in INVITABLE_ROLES:
        raise ValueError("Only an opvoeder or jeugdige of this family can be invited.")
    get_instrument(instrument_id, language)  # refuse an instrument or language that is not there
    token = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            family=family,
            member=member,
            instrument_id=instrument_id,
            language=language,
            moment=moment,
            token_hash=hash_token(token),
            code_hash=code_hash_for_token(token),
            created_by=user,
        )
        log_access(user, family, AccessKind.CREATE, invitation, extra={"moment": moment})
    return invitation, token


def withdraw_invitation(user: User, invitation: Invitation) -> bool:
    """Withdraw an invitation that is not completed; its link stops working at once."""
    now = timezone.now()
    with transaction.atomic():
        changed = Invitation.objects.filter(
            pk=invitation.pk, completed_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        if changed:
            invitation.withdrawn_at = now
            withdraw_deliveries(Purpose.QUESTIONNAIRE, invitation.pk)
            log_access(
                user, invitation.family, AccessKind.CHANGE, invitation, extra={"action": "withdraw"}
            )
    return bool(changed)


def resend_invitation(user: User, invitation: Invitation) -> tuple[Invitation, str]:
    """Withdraw the old link and issue a new one for the same person and moment.

    Answers already given move to the new invitation, so nothing the family did is lost.
    """
    if invitation.completed_at is not None:
        raise ValueError("A completed invitation cannot be sent again.")
    token = new_token()
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            pk=invitation.pk, completed_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        new = Invitation.objects.create(
            family_id=invitation.family_id,
            member_id=invitation.member_id,
            instrument_id=invitation.instrument_id,
            language=invitation.language,
            moment=invitation.moment,
            token_hash=hash_token(token),
            code_hash=code_hash_for_token(token),
            created_by=user,
        )
        Response.objects.filter(invitation=invitation, completed_at__isnull=True).update(
            invitation=new
        )
        withdraw_deliveries(Purpose.QUESTIONNAIRE, invitation.pk)  # the old link stops working
        log_access(
            user,
            invitation.family,
            AccessKind.CHANGE,
            new,
            extra={"action": "resend", "replaces": invitation.pk},
        )
    return new, token


def start_handover(user: User, invitation: Invitation) -> None:
    """Record that the adviser hands their device to the family ("samen invullen")."""
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
        log_access(
            user, invitation.family, AccessKind.CHANGE, invitation, extra={"action": "handover"}
        )


def log_print(user: User, invitation: Invitation, what: str) -> None:
    log_access(user, invitation.family, AccessKind.PRINT, invitation, extra={"format": what})


# --- Family --------------------------------------------------------------------------------------


def find_invitation(token: str) -> Invitation | None:
    """The invitation of a presented token, or None. Malformed tokens never reach the database."""
    if not is_well_formed(token):
        return None
    return (
        Invitation.objects.select_related("response").filter(token_hash=hash_token(token)).first()
    )


def find_invitation_by_code(code: str) -> Invitation | None:
    """The invitation of a typed code (normalized by ``lib.typed_code.normalized``), or None."""
    return Invitation.objects.select_related("response").filter(code_hash=hash_code(code)).first()


def mark_opened(invitation: Invitation) -> None:
    if invitation.opened_at is None:
        now = timezone.now()
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
        invitation.opened_at = now


def _ensure_response(invitation: Invitation) -> Response:
    """The invitation's response, created on the first answer (call inside a transaction)."""
    try:
        existing = invitation.response
    except Response.DoesNotExist:
        existing = None
    if existing is not None:
        return existing
    instrument = instrument_for(invitation)
    response, created = Response.objects.get_or_create(
        invitation=invitation,
        defaults={
            "family_id": invitation.family_id,
            "member_id": invitation.member_id,
            "instrument_id": invitation.instrument_id,
            "instrument_version": instrument.version,
            "language": invitation.language,
            "moment": invitation.moment,
        },
    )
    if created:
        log_access(
            family_actor(invitation),
            _family_ref(invitation),
            AccessKind.CREATE,
            response,
            object_type="questionnaire_response",
        )
    invitation.response = response
    return response


def _family_ref(invitation: Invitation) -> Family:
    """The invitation's family for a log row: the one already loaded with it (the family
    session loads it), else only its id and reference, never on every autosave."""
    if Invitation.family.is_cached(invitation):
        return invitation.family
    return Family.objects.only("pk", "reference").get(pk=invitation.family_id)


def log_family_page(invitation: Invitation, page: str, **extra: Any) -> None:
    """A family member opened one of their questionnaire's pages (``page``: an object type
    such as "questionnaire_start"): one READ row with that member as the actor."""
    log_access(
        family_actor(invitation),
        _family_ref(invitation),
        AccessKind.READ,
        invitation,
        object_type=page,
        extra=extra or None,
    )


def log_refused_link(invitation: Invitation, problem: "LinkProblem") -> None:
    """A link or family session that exists but cannot be used (expired, withdrawn, sent)."""
    log_access(
        family_actor(invitation),
        _family_ref(invitation),
        AccessKind.READ,
        invitation,
        object_type="questionnaire_link",
        result=AccessResult.DENIED,
        extra={"problem": problem.value},
    )


def parse_value(raw: Any) -> Any:
    """A posted value as the engine should judge it: '3' → 3; '' → None; anything else as is."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and _INTEGER.fullmatch(raw):
        return int(raw)
    return raw


def save_answer(invitation: Invitation, item_id: str, value: int | None) -> Response:
    """Save one answer as it is given. Raises ``AnswerError`` (engine) for a bad item or value,
    ``QuestionnaireClosed`` once the response is completed."""
    instrument = instrument_for(invitation)
    validate(instrument, {item_id: value})
    now = timezone.now()
    with transaction.atomic():
        response = _ensure_response(invitation)
        # The conditional UPDATE both refreshes updated_at and guards against a race with the
        # final submit: after completion no answer changes.
        if not Response.objects.filter(pk=response.pk, completed_at__isnull=True).update(
            updated_at=now
        ):
            raise QuestionnaireClosed
        Answer.objects.bulk_create(
            [Answer(response=response, item_id=item_id, value=value, answered_at=now)],
            update_conflicts=True,
            unique_fields=["response", "item_id"],
            update_fields=["value", "answered_at"],
        )
    return response


#: Every family page's gate (``family_session.current``): compiled once per process
#: (``lib.prepared``), as building it cost a page more than running it.
_INVITATION = Prepared(
    lambda pk: Invitation.objects.select_related("response", "family").filter(pk=pk).order_by()
)


def load_invitation(invitation_id: int) -> Invitation | None:
    """A family session's invitation, with its response (``invitation.response``, or
    ``Response.DoesNotExist`` before the first answer) and (for the log row) its family."""
    invitation: Invitation | None = _INVITATION.first(invitation_id)
    return invitation


def record_answer(invitation_id: int, item_id: str, value: int | None) -> LinkProblem | None:
    """Save one answer of a family session (already validated by the engine): None when it is
    saved, else why the questionnaire cannot take it.

    Most answers take the hot path (``fastpath``: one statement that checks and writes). The
    first answer, which creates the response, and a questionnaire that closed take the ordinary
    path, which creates the response or finds out why not.
    """
    if fastpath.save_answer(invitation_id, item_id, value):
        return None
    invitation = load_invitation(invitation_id)
    if invitation is None:
        return LinkProblem.UNKNOWN
    problem = problem_of(invitation)
    if problem is not None:
        return problem
    try:
        save_answer(invitation, item_id, value)
    except QuestionnaireClosed:
        return LinkProblem.COMPLETED
    return None


def record_submit(invitation_id: int) -> LinkProblem | None:
    """Submit a family session's questionnaire: None when it is submitted (now, or before: a
    double click or a retry is no error and shows the same receipt), else why it cannot be.

    Most submits take the hot path (``fastpath.submit``: one conditional UPDATE, the closing of
    the invitation and the log row in one short transaction). A questionnaire without a
    response yet, one that is already submitted and one that closed take the ordinary path,
    which completes it (``submit_response``) or finds out why not; a refusal is logged as
    DENIED, as every family page does.
    """
    if fastpath.submit(invitation_id) is not None:
        return None
    invitation = load_invitation(invitation_id)
    if invitation is None:
        return LinkProblem.UNKNOWN
    problem = problem_of(invitation)
    if problem is LinkProblem.COMPLETED:
        return None
    if problem is not None:
        log_refused_link(invitation, problem)
        return problem
    submit_response(invitation)
    return None


def submit_response(invitation: Invitation) -> Response:
    """The final submit; idempotent. A double click, a retry or a parallel duplicate completes
    the one response once and every caller gets the same receipt."""
    now = timezone.now()
    with transaction.atomic():
        response = _ensure_response(invitation)
        answers = dict(response.answers.values_list("item_id", "value"))
        # The engine checks the answer set once more before it counts (it raises on bad data).
        score(instrument_for(invitation, response.instrument_version), answers)
        completed = Response.objects.filter(pk=response.pk, completed_at__isnull=True).update(
            completed_at=now,
            updated_at=now,
            receipt=new_receipt(),
            team_id=Subquery(Family.objects.filter(pk=OuterRef("family_id")).values("team_id")),
        )
        if completed:
            Invitation.objects.filter(pk=invitation.pk, completed_at__isnull=True).update(
                completed_at=now
            )
            mark_drop(response.pk, response.instrument_id, response.instrument_version)
            log_access(
                family_actor(invitation),
                _family_ref(invitation),
                AccessKind.CHANGE,
                response,
                object_type="questionnaire_response",
                extra={"action": "submit"},
            )
        response.refresh_from_db(fields=["completed_at", "receipt", "team", "updated_at"])
    return response
