from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.choices import Role as Role  # re-exported: callers import it from here


class Team(models.Model):
    # Unique without regard to case (the index below); the form also refuses names that only
    # look different (spaces, invisible characters: lib.text.name_key) and stores them
    # canonical (docs/invoer-en-bestanden.md, "Namen die op elkaar lijken").
    name = models.CharField(_("naam"), max_length=100, unique=True)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(Lower("name"), name="team_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Family members never have an account."""

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.ADVISEUR)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    # A beheerder with this right may search the access log (NEN 7513).
    is_privacy_officer = models.BooleanField(_("privacy officer"), default=False)
    # Who invited this account (empty: made by a command, or before this was kept). An account
    # a beheerder brought in never decides that beheerder's requests (four eyes: two people).
    invited_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        # The beheerder's form refuses a username or e-mail address that differs only in case;
        # these indexes make that hold when two invitations are saved at the same moment.
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def can_read_access_log(self) -> bool:
        """``roles.can_read_access_log`` for this account (for the menu, which has no import
        of accounts)."""
        # Imported here: roles imports this module.
        from krachtbron.accounts.roles import can_read_access_log

        return can_read_access_log(self)


class StaffSession(models.Model):
    """Remembers which sessions belong to whom, so deactivation can end them server-side."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"


class PrivilegeRequest(models.Model):
    """A request to give a user a right, waiting for a second beheerder (four eyes).

    Beheerder A asks for user X; a beheerder who is neither A nor X (nor brought in by either)
    approves or rejects it. The rights: the privacy-officer right, and being an active beheerder
    at all (an invitation as beheerder, a role change to beheerder, a beheerder's account
    switched on again). The database refuses a request for oneself, an approval by A or X, and
    a second pending request for the same user and right; ``accounts.actions`` gives the Dutch
    messages and the other rules.
    """

    class Right(models.TextChoices):
        PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
        BEHEERDER = "beheerder", _("rol beheerder")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("wacht op een tweede beheerder")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")
        WITHDRAWN = "withdrawn", _("ingetrokken door de aanvrager")

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="privilege_requests", verbose_name=_("voor")
    )
    right = models.CharField(
        _("recht"), max_length=20, choices=Right.choices, default=Right.PRIVACY_OFFICER
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    outcome = models.CharField(
        _("besluit"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("aanvraag voor een recht")
        verbose_name_plural = _("aanvragen voor een recht")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "right"],
                condition=models.Q(outcome="pending"),
                name="accounts_one_pending_request_per_right",
            ),
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("user")),
                name="accounts_request_not_for_oneself",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="approved")
                | (
                    models.Q(decided_by__isnull=False)
                    & ~models.Q(decided_by=models.F("user"))
                    & ~models.Q(decided_by=models.F("requested_by"))
                ),
                name="accounts_approval_by_a_third_beheerder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.right} for user {self.user_id}: {self.outcome}"
