"""Afsluiten en nazorg (issue 15, items 3 and 4): the record of closing the help, and the
follow-up check-ins at 1, 3 and 6 months for a family that agreed to them.

Everything hangs off the family with ON DELETE CASCADE: when the file is destroyed (retention
or on request) its closures and check-ins go with it. Nothing here changes
``Family.updated_at``: a check-in does not extend the file's retention (docs/netwerkplan.md).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.aftercare.choices import AgreementsWork, AnsweredVia
from krachtbron.families.models import Family, FamilyMember


class Closure(models.Model):
    """The help was closed: when, by whom, whether the family agreed to follow-up, and until
    when the family keeps reading its plan in Mijn Krachtbron. Reopening the file ends it
    (``reopened_at``); it stays as history. At most one open closure per family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="closures")
    closed_at = models.DateTimeField(_("afgesloten op"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    followup_consent = models.BooleanField(_("nazorg afgesproken"))
    portal_until = models.DateField(_("Mijn Krachtbron open tot"))
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-closed_at", "-id"]
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(reopened_at__isnull=True),
                name="one_open_closure_per_family",
            )
        ]

    def __str__(self) -> str:
        return f"closure {self.pk} of family {self.family_id}"


class FollowUp(models.Model):
    """One check-in: ``month`` (1, 3 or 6) after the closure, due on ``due``. Answered once:
    how it goes (0-10), whether the agreements still work, whether the family wants contact
    again, who answered and how. ``team`` is the family's team when it was answered (the group
    figures count it there). A personal link (for a member without Mijn Krachtbron) is stored
    only as its hash. "Ik wil weer contact" is a request for the team until ``contact_handled_at``.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="follow_ups")
    closure = models.ForeignKey(Closure, on_delete=models.CASCADE, related_name="follow_ups")
    month = models.PositiveSmallIntegerField(_("maand na afsluiten"))
    due = models.DateField(_("vanaf"))
    token_hash = models.CharField(max_length=64, blank=True, default="")
    link_created_at = models.DateTimeField(null=True, blank=True)
    # The member the personal link is for (a member who leaves the file takes the link along).
    link_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answered_at = models.DateTimeField(_("ingevuld op"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("hoe gaat het (0-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    agreements_work = models.CharField(
        _("werken de afspraken nog"),
        max_length=10,
        choices=AgreementsWork.choices,
        blank=True,
        default="",
    )
    wants_contact = models.BooleanField(_("wil weer contact"), null=True, blank=True)
    # Who answered, and how. Like every reference to a member, the answer leaves with them
    # (CASCADE, families/tests/test_member_removal.py); published figures stay as they are.
    answered_by = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answered_via = models.CharField(
        max_length=10, choices=AnsweredVia.choices, blank=True, default=""
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_handled_at = models.DateTimeField(_("contact opgepakt op"), null=True, blank=True)
    contact_handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("nazorgcheck")
        verbose_name_plural = _("nazorgchecks")
        indexes = [
            models.Index(fields=["family", "answered_at"]),
            models.Index(fields=["token_hash"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["closure", "month"], name="one_followup_per_month"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=10),
                name="followup_score_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.month} of family {self.family_id}"
