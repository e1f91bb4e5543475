"""The two tables behind "nothing doubled, nothing lost" (krachtbron/lib/idempotency.py and
krachtbron/lib/kept_forms.py). Both hold ids, paths and short-lived data only, per staff user."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """A create form's one-time key, claimed by the POST that used it first.

    The claim is written in the same transaction as the row the form creates, so a second POST
    with the same key (double click, reload, a retry) waits for the first and then finds where
    it led (`result_url`). Kept for a day.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    path = models.CharField(max_length=255)
    result_url = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="lib_one_submission_per_key")
        ]
        indexes = [models.Index(fields=["user", "created_at"], name="lib_submission_age")]

    def __str__(self) -> str:
        return f"form key of user {self.user_id}"


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
