"""The two tables behind "nothing doubled, nothing lost" (krachtbron/lib/idempotency.py and
krachtbron/lib/kept_forms.py), and the tries of typed codes (lib/throttle.py). All hold ids,
paths, one-way keys and short-lived data only."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """A create form's one-time key, claimed by the POST that used it first.

    The claim is written in the same transaction as the row the form creates, so a second POST
    with the same key (double click, reload, a retry) waits for the first and then finds where
    it led (`result_url`). Kept for a day.
    """

    # Who sent the form: a staff user, or a family member in Mijn Krachtbron (``member_id``,
    # a FamilyMember id; lib knows no families, and a claim is kept for a day only).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    member_id = models.PositiveBigIntegerField(null=True)
    key = models.CharField(max_length=64)
    path = models.CharField(max_length=255)
    result_url = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="lib_one_submission_per_key"),
            models.UniqueConstraint(
                fields=["member_id", "key"], name="lib_one_member_submission_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, member_id__isnull=True)
                | models.Q(user__isnull=True, member_id__isnull=False),
                name="lib_submission_user_or_member",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "created_at"], name="lib_submission_age"),
            models.Index(fields=["member_id", "created_at"], name="lib_member_submission_age"),
        ]

    def __str__(self) -> str:
        return f"form key of user {self.user_id or '-'} member {self.member_id or '-'}"


class KeptForm(models.Model):
    """What a staff member had typed when their session ran out: encrypted, for them only,
    for that one page, for a short time; deleted once given back."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255)
    data = models.BinaryField()  # Fernet token of the JSON form fields (never files, passwords)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="lib_one_kept_form_per_page")
        ]

    def __str__(self) -> str:
        return f"kept form of user {self.user_id}"


class CodeTry(models.Model):
    """One try of a typed code on /code/ (lib.throttle.code_tried_too_often), from any address:
    a one-way key of the code (never the code, and not the hash the invitation stores, so a try
    cannot be joined to an invitation) and when. Kept for ``AXES_COOLOFF_TIME`` only."""

    key = models.CharField(max_length=64)
    tried_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "tried_at"], name="lib_code_try_key")]

    def __str__(self) -> str:
        return "typed code try"
