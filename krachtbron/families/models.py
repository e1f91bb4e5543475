from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.families.choices import (
    Dimension,
    FamilyStatus,
    GoalProposal,
    GoalStatus,
    LifeDomain,
    MemberRole,
    RightsDecisionKind,
    Visibility,
    visibility_field,
)


class Family(models.Model):
    """A family file. `version` guards against lost edits (optimistic locking)."""

    # Unique without regard to case ("kb-t-00010" is "KB-T-00010"): the index in Meta.
    reference = models.CharField(_("dossiernummer"), max_length=32, unique=True)
    display_name = models.CharField(_("naam in Krachtbron"), max_length=100, blank=True)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="families"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FamilyStatus.choices, default=FamilyStatus.NEW
    )
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="CaseAssignment", related_name="families"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        indexes = [models.Index(fields=["team", "status"])]
        constraints = [
            models.UniqueConstraint(Lower("reference"), name="family_reference_ci_unique")
        ]

    def __str__(self) -> str:
        return self.display_name or self.reference

    @property
    def label(self) -> str:
        return str(self)


class CaseAssignment(models.Model):
    """An adviser on a family's caseload; a substitute is marked so the team sees it."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="assignments")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    is_substitute = models.BooleanField(_("vervanging"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "adviser"], name="one_assignment_per_adviser")
        ]

    def __str__(self) -> str:
        return f"family {self.family_id} - adviser {self.adviser_id}"


class FamilyMember(models.Model):
    """A member of the family. What the rights inside the family need (docs/gezinsrechten.md):

    * ``birth_year`` for everyone (optional); ``birth_date`` only for a jeugdige or kind, where
      the 12th, 16th and 18th birthday change who may see what. With a date, ``birth_year`` is
      its year (the form keeps them together); without one, the rules fall back to the year.
    * ``has_parental_authority`` (gezag) only for an opvoeder: True, False, or None when it is
      not known yet. Unknown counts as no gezag (families/rights.py).
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    first_name = models.CharField(_("voornaam of initialen"), max_length=60)
    role = models.CharField(_("rol in het gezin"), max_length=20, choices=MemberRole.choices)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    has_parental_authority = models.BooleanField(_("gezag"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["birth_year", "id"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self) -> str:
        return self.first_name


class Goal(models.Model):
    """A goal in the family's own words, for one member or for the whole family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="goals")
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("voor wie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
    )
    text = models.TextField(_("doel in eigen woorden"), max_length=1000)
    life_domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    dimension = models.CharField(
        _("dimensie"), max_length=20, choices=Dimension.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    # The family's own goals are their plan: shared with the family unless the adviser says so.
    visibility = visibility_field(Visibility.FAMILY)
    # A goal a member added in Mijn Krachtbron: who added it, and whether the adviser has
    # agreed it with the family yet (the adviser confirms it or marks it to talk about). Their
    # own words: like every reference to a member, the goal leaves with them (CASCADE).
    added_by_member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    proposal = models.CharField(
        _("afspraak"), max_length=20, choices=GoalProposal.choices, default="", blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.text[:60]


class RightsDecision(models.Model):
    """A recorded decision about one member's own data and one other member of the family.

    * ``LIMIT``: the adviser limits the right to information of a parent with gezag about a
      young person of 12 to 15, in the young person's interest (the reason in words).
    * ``SHARE``: the member's own data is shared with another member (a step-parent, a parent of
      a young person of 16 or older), with the consent the law asks for at that age (the reason
      says who consented).

    Never deleted while the file exists: ending one sets ``ended_at``/``ended_by``, so the file
    keeps who decided what, when and why. The rules are in ``families/rights.py``.
    """

    Kind = RightsDecisionKind  # in choices.py: family text (the copy of the file shows it)

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="rights_decisions")
    kind = models.CharField(_("soort besluit"), max_length=20, choices=Kind.choices)
    subject = models.ForeignKey(
        FamilyMember,
        verbose_name=_("over de gegevens van"),
        on_delete=models.CASCADE,
        related_name="rights_decisions",
    )
    other = models.ForeignKey(
        FamilyMember,
        verbose_name=_("voor gezinslid"),
        on_delete=models.CASCADE,
        related_name="rights_decisions_for",
    )
    reason = models.TextField(_("waarom"), max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("besluit over gegevens in het gezin")
        verbose_name_plural = _("besluiten over gegevens in het gezin")
        indexes = [models.Index(fields=["family", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.kind} member {self.subject_id} for member {self.other_id}"


class RetentionHold(models.Model):
    """A recorded decision to keep a family file longer than the legal retention period."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="retention_holds")
    until = models.DateField(_("bewaren tot"))
    reason = models.TextField(_("reden"), max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"hold on family {self.family_id} until {self.until}"


class DestructionRecord(models.Model):
    """Proof that a family file was destroyed, and why. Holds the dossier number only."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("op verzoek van het gezin")
        RETENTION = "retention", _("bewaartermijn verstreken")

    family_reference = models.CharField(_("dossiernummer"), max_length=32)
    reason = models.CharField(_("grond"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("toelichting"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    destroyed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.family_reference} destroyed ({self.reason})"


class PreparedFile(models.Model):
    """A file made in the background for the one person who asked (families/prepared.py):
    a staff user (``owner_user``) or a family member in Mijn Krachtbron (``owner_member``).

    ``params`` holds ids and choices only (the task table keeps no personal data either);
    ``sealed`` the made file, AES-GCM (``lib.aead``), until it is downloaded or ``expires_at``.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        MAKING = "making", _("wordt gemaakt")
        READY = "ready", _("klaar")
        DOWNLOADED = "downloaded", _("gedownload")
        FAILED = "failed", _("mislukt")

    kind = models.CharField(max_length=40)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="prepared_files")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    owner_member = models.ForeignKey(
        FamilyMember, null=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    sealed = models.BinaryField(null=True)
    created_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=False, owner_member__isnull=True)
                | models.Q(owner_user__isnull=True, owner_member__isnull=False),
                name="prepared_file_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"


class StoredPdf(models.Model):
    """A PDF of a family's document kept to be downloaded again (families/stored_pdf.py, ADR
    0017): one per ``(family, variant)``, replaced, never accumulated.

    ``variant``: canonical JSON of ids and choices only (``{"kind": "krachtenplan", "language":
    "ar", "voor": 12}``). ``digest``: sha256 of the HTML it was rendered from plus the renderer's
    fingerprint; it is served only while the HTML of now has the same digest. ``sealed``: the
    PDF, AES-GCM (``lib.aead``), bound to family, variant and digest. A row "making" without
    bytes says that a worker was asked to make it (the page that offers the download asked).
    Deleted by every change of the file (``families.actions.record_file_change``), by the daily
    round ``KEEP`` after it was made, and with the family (CASCADE).
    """

    class Status(models.TextChoices):
        MAKING = "making", _("wordt gemaakt")
        READY = "ready", _("klaar")

    # No separate index on family: the unique (family, variant) index starts with it.
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="stored_pdfs", db_index=False
    )
    variant = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MAKING)
    digest = models.CharField(max_length=64, blank=True)
    sealed = models.BinaryField(null=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "variant"], name="stored_pdf_one_per_variant")
        ]

    def __str__(self) -> str:
        return f"{self.variant} {self.pk} ({self.status})"
