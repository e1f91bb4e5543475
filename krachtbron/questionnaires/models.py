"""Invitations to the family questionnaire, the responses and their answers (handreiking §6).

Field names are a contract: dashboards and research exports read them. Scoring is never stored
here; it is computed by the instrument engine (``krachtbron.instruments``) from the answers.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from krachtbron.accounts.models import Team
from krachtbron.families.models import Family, FamilyMember
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.answers import ItemAnswer


class Moment(models.TextChoices):
    BEGIN = "begin", pgettext_lazy("moment", "Begin")  # not the start button's "Begin"
    INTERIM = "tussentijds", _("Tussentijds")
    END = "afsluiting", _("Afsluiting")


class Language(models.TextChoices):
    # A context of its own: the language switcher names Dutch in Dutch in every language.
    DUTCH = "nl", pgettext_lazy("taal van een vragenlijst", "Nederlands")
    ENGLISH = "en", _("Engels (vertaling)")


class InvitationState(models.TextChoices):
    SENT = "sent", _("verstuurd")
    OPENED = "opened", _("geopend")
    IN_PROGRESS = "in_progress", _("bezig")
    COMPLETED = "completed", _("ingevuld")
    EXPIRED = "expired", _("verlopen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


def default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(models.Model):
    """A personal link for one family member and one moment. Only the token's hash is stored."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    instrument_id = models.CharField(max_length=64, default=FAMILIES)
    language = models.CharField(
        _("taal"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    moment = models.CharField(_("moment"), max_length=20, choices=Moment.choices)
    # sha256 hex of the token; the token itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # sha256 hex of the typed code drawn from the token (lib.typed_code); None for an
    # invitation made before codes existed (it has no code).
    code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, default=None)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)
    opened_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def state_at(self, now: datetime, has_response: bool) -> InvitationState:
        """The state shown to the adviser; a completed questionnaire stays completed.

        The first three states close the invitation; `fillable(now)` below is the same rule as
        a query condition (a test holds the two together)."""
        if self.completed_at is not None:
            return InvitationState.COMPLETED
        if self.withdrawn_at is not None:
            return InvitationState.WITHDRAWN
        if self.expires_at <= now:
            return InvitationState.EXPIRED
        if has_response:
            return InvitationState.IN_PROGRESS
        if self.opened_at is not None:
            return InvitationState.OPENED
        return InvitationState.SENT

    @property
    def state(self) -> InvitationState:
        return self.state_at(timezone.now(), has_response(self))


#: The states in which an invitation can no longer be filled in.
CLOSED_STATES = (InvitationState.COMPLETED, InvitationState.WITHDRAWN, InvitationState.EXPIRED)


def fillable(now: datetime) -> Q:
    """The invitations that may still be filled in at `now` (none of CLOSED_STATES), as a
    condition on Invitation: the database side of `Invitation.state_at`. The family's hot path
    (`fastpath`) compiles its SQL from this, so the rule lives here only."""
    return Q(completed_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)


def has_response(invitation: Invitation) -> bool:
    try:
        return invitation.response is not None
    except Response.DoesNotExist:
        return False


class Response(models.Model):
    """One filled-in questionnaire (afname). ``completed_at`` is None while it is in progress."""

    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    member = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    # The family's team at completion: team figures count the response where the help was given.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instrument_id = models.CharField(max_length=64, default=FAMILIES)
    instrument_version = models.CharField(max_length=20)
    language = models.CharField(max_length=5, choices=Language.choices)
    moment = models.CharField(max_length=20, choices=Moment.choices)
    started_at = models.DateTimeField(default=timezone.now)
    # The last write to the response row itself (start, submit); every answer has answered_at.
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Shown on the thank-you page; the same receipt for a retried submit.
    receipt = models.CharField(max_length=12, blank=True)
    #: A section score is 1 point or more below the member's previous completed response of the
    #: same version: set once at submit, in the submit's transaction (``drops.mark_drop``), and
    #: read by "Aandacht nodig" (docs/aandacht.md) without scoring anything on the caseload.
    dropped_since_previous = models.BooleanField(default=False)

    class Meta:
        ordering = ["completed_at", "id"]
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")
        indexes = [
            models.Index(
                fields=["instrument_id", "team", "completed_at"], name="q_response_team_idx"
            ),
            models.Index(fields=["family", "completed_at"], name="q_response_family_idx"),
        ]

    def __str__(self) -> str:
        return f"response {self.pk}"


class Answer(ItemAnswer):
    """One item's answer: 0–4, or None when the family member skipped it."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item_id"], name="q_one_answer_per_item"),
            ItemAnswer.value_in_scale("q_answer_value_0_4"),
        ]
        indexes = [models.Index(fields=["item_id", "value"], name="q_answer_item_value_idx")]

    def __str__(self) -> str:
        return f"answer {self.response_id}/{self.item_id}"


class ResultSeen(models.Model):
    """An adviser opened the results of a completed response (``response_detail``): until then
    the result is "nieuw" for that adviser on the caseload (docs/aandacht.md).

    Per adviser, not per family: a substitute who never opened the results still sees them as
    new, and the team page counts each adviser's own unread results. Only the fact and the time;
    the access log keeps the full record of every read."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="seen_by")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "adviser"], name="q_result_seen_once")
        ]

    def __str__(self) -> str:
        return f"response {self.response_id} seen by {self.adviser_id}"
