"""Mijn Krachtbron: how a family member gets in (issue 14, "Who and how they get in").

Two tables. ``MemberLink`` is a personal link for one family member, made by their adviser:
an *invitation* (the first visit makes a passkey on the member's own device) or a *one-time
link* (one session for that visit only, for a device that cannot make a passkey). As with the
questionnaire's invitation, only the token's sha256 is stored (``lib.tokens``), the
link is shown once, and it expires and can be withdrawn. ``Passkey`` is a WebAuthn credential
of a member: only its public key, never a secret.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.questionnaires.models import Answer


class LinkKind(models.TextChoices):
    INVITATION = "invitation", _("uitnodiging")
    ONE_TIME = "one_time", _("eenmalige link")


class LinkState(models.TextChoices):
    OPEN = "open", _("nog niet gebruikt")
    USED = "used", _("gebruikt")
    EXPIRED = "expired", _("verlopen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class MemberLink(models.Model):
    """A personal link to Mijn Krachtbron for one member. Only the token's hash is stored."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="portal_links")
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="portal_links",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=LinkKind.choices)
    # sha256 hex of the token; the token itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # sha256 hex of the typed code drawn from the token (lib.typed_code); None for a link made
    # before codes existed (it has no code).
    code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, default=None)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # An invitation: the first time it was opened; a one-time link: the moment it was used.
    opened_at = models.DateTimeField(null=True, blank=True)
    # An invitation is used once a passkey is made with it; a one-time link once it is opened.
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("link naar Mijn Krachtbron")
        verbose_name_plural = _("links naar Mijn Krachtbron")
        indexes = [models.Index(fields=["member", "kind"], name="portal_link_member_kind_idx")]

    def __str__(self) -> str:
        return f"portal link {self.pk}"

    def state_at(self, now: datetime) -> LinkState:
        """The state shown to the adviser; ``usable(now)`` in actions.py is the same rule."""
        if self.used_at is not None:
            return LinkState.USED
        if self.withdrawn_at is not None:
            return LinkState.WITHDRAWN
        if self.expires_at <= now:
            return LinkState.EXPIRED
        return LinkState.OPEN


class Passkey(models.Model):
    """A member's passkey (WebAuthn credential): the public key and its use, no secret."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="portal_passkeys")
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="passkeys",
    )
    # The invitation it was made with (kept when that link row goes).
    invitation = models.ForeignKey(
        MemberLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="passkeys"
    )
    # base64url of the credential id, as browsers send it back when signing in.
    credential_id = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField()
    # The random user handle given to the authenticator for this member (no name, no id).
    user_handle = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sleutel (passkey)")
        verbose_name_plural = _("sleutels (passkeys)")

    def __str__(self) -> str:
        return f"passkey {self.pk}"


class TalkFlag(models.Model):
    """ "Hier wil ik over praten": a family member marks a goal or one of their questionnaire
    answers as something to talk about with the adviser (Mijn Krachtbron). It shows on the
    adviser's caseload and in the file until the adviser marks it talked about.

    Exactly one of ``goal`` and ``answer``. A member has at most one open flag per goal or
    answer (flagging again changes nothing); once talked about, a new flag can be raised.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="talk_flags")
    raised_by = models.ForeignKey(
        FamilyMember,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="talk_flags",
    )
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="talk_flags"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="talk_flags"
    )
    raised_at = models.DateTimeField()
    talked_at = models.DateTimeField(_("besproken op"), null=True, blank=True)
    talked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = _("onderwerp om te bespreken")
        verbose_name_plural = _("onderwerpen om te bespreken")
        indexes = [models.Index(fields=["family", "talked_at"], name="talk_flag_open_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, answer__isnull=True)
                    | models.Q(goal__isnull=True, answer__isnull=False)
                ),
                name="talk_flag_goal_or_answer",
            ),
            models.UniqueConstraint(
                fields=["raised_by", "goal"],
                condition=models.Q(talked_at__isnull=True, goal__isnull=False),
                name="talk_flag_one_open_per_goal",
            ),
            models.UniqueConstraint(
                fields=["raised_by", "answer"],
                condition=models.Q(talked_at__isnull=True, answer__isnull=False),
                name="talk_flag_one_open_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"talk flag {self.pk} of member {self.raised_by_id}"


class CorrectionRequest(models.Model):
    """A member's "dit klopt niet" (AVG art. 16): what is not right in the file, in their own
    words. A task for the family's adviser until it is answered; the member reads the answer
    in Ons dossier. It is the member's own data (a sibling or parent does not see it).

    ``form_key``: the hidden key of the form it was sent with; one request per member and key,
    so a double click or a reload never makes two (a member has no staff account, so the
    project's ``create_once`` cannot claim the key for them)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="correction_requests")
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    text = models.TextField(_("wat klopt er niet"), max_length=2000)
    form_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("antwoord"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        constraints = [
            models.UniqueConstraint(fields=["member", "form_key"], name="portal_correction_once")
        ]

    def __str__(self) -> str:
        return f"correction request {self.pk}"


class MemberLanguage(models.Model):
    """The language a member reads Mijn Krachtbron and their plan PDF in (Ons dossier, "Taal").

    Stored per family member, not per device or passkey: a member has no account of their own,
    and the choice holds on every phone they sign in with. No row means Dutch. The code is one
    of ``settings.LANGUAGES`` (checked by the forms, not by the database), so a new language
    (issue 17) only adds a catalogue. Kept out of the staff's language cookie: a staff user and
    a member in the same browser never change each other's language (``portal.language``).
    """

    member = models.OneToOneField(
        FamilyMember,
        primary_key=True,
        verbose_name=_("gezinslid"),
        on_delete=models.CASCADE,
        related_name="portal_language",
    )
    language = models.CharField(_("taal"), max_length=10)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("taal van Mijn Krachtbron")
        verbose_name_plural = _("talen van Mijn Krachtbron")

    def __str__(self) -> str:
        return f"language of member {self.member_id}"
