"""One ``Delivery`` per message sent to a family member (docs/versturen.md).

A delivery is about one thing the family receives: a questionnaire invitation or a Mijn
Krachtbron invitation (``purpose`` with ``subject_id``, the invitation's or link's id; no
foreign key, because the apps that own those are above this one, ADR 0012). ``channel`` is how
it goes (e-mail or SMS, docs/versturen.md; each channel has its sender, tasks.py).

What is needed to send (the address and the personal link) is sealed in ``sealed`` with
AES-256-GCM under a key outside the database (``sending/secret.py``) and erased once the message
is sent, withdrawn, or too old to matter. Nothing else about the person is stored here.

Status moves only forward, each step one ``UPDATE … WHERE status = …`` (``actions.py``):
queued → sending → sent, or sending → queued (a retry after an SMTP error) → … → failed. A row
left in "sending" (a worker that died mid-send) is never picked up again: after
``SEND_UNCONFIRMED_MINUTES`` it shows as "niet bevestigd".
"""

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from krachtbron.families.models import Family, FamilyMember
from krachtbron.sending.conf import unconfirmed_after


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("sms")


class Purpose(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("uitnodiging vragenlijst")
    PORTAL = "portal", _("uitnodiging Mijn Krachtbron")
    #: A family member sends a netwerkplan share's link to a person from the network
    #: (``subject_id``: the share's id; ``network_person_id``: the recipient).
    SHARE = "share", _("gedeeld netwerkplan")


class Status(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENDING = "sending", _("bezig")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    WITHDRAWN = "withdrawn", _("niet meer versturen")
    STOPPED = "stopped", _("gestopt op verzoek")


class State(models.TextChoices):
    """What the adviser sees: the status, with "bezig" for too long as "niet bevestigd"."""

    QUEUED = "queued", _("in de wachtrij")
    SENDING = "sending", _("bezig")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    UNCONFIRMED = "unconfirmed", _("niet bevestigd")
    WITHDRAWN = "withdrawn", _("niet meer versturen")
    STOPPED = "stopped", _("gestopt op verzoek")


def send_again_possible(now: datetime) -> Q:
    """``Delivery.may_send_again`` as a condition for a query: "mislukt", or "bezig" for longer
    than ``SEND_UNCONFIRMED_MINUTES`` ("niet bevestigd"), with the address and link still kept.
    ``actions.send_again`` and the caseload's "bericht mislukt of niet bevestigd" (docs/aandacht.md)
    use it."""
    stuck = Q(status=Status.SENDING, claimed_at__lte=now - unconfirmed_after())
    return (Q(status=Status.FAILED) | stuck) & Q(sealed__isnull=False)


class Delivery(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="deliveries")
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    subject_id = models.PositiveBigIntegerField()
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    language = models.CharField(max_length=8)
    #: When the link in the message stops working (said in the message).
    link_expires_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The address and the link, sealed (secret.py); None once sent, withdrawn or too old.
    sealed = models.BinaryField(null=True, editable=False)
    #: What went wrong last (an exception class name or SMTP code, never the server's text).
    last_error = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(null=True)
    claimed_at = models.DateTimeField(null=True)
    sent_at = models.DateTimeField(null=True)
    failed_at = models.DateTimeField(null=True)
    #: The adviser chose reminders: the address and link are kept after sending, until
    #: ``keep_until`` (reminders.py).
    remind = models.BooleanField(default=False)
    keep_until = models.DateTimeField(null=True)
    #: 0 for the first message; 1 or 2 for a reminder of ``reminder_of`` (one row each).
    reminder = models.PositiveSmallIntegerField(default=0)
    reminder_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, related_name="reminders"
    )
    #: sha256 of the token in the message's "geen berichten meer" link (stops.py).
    stop_hash = models.CharField(max_length=64, blank=True, db_index=True)
    #: A share message (``Purpose.SHARE``) goes to this person from the family's map, not to
    #: ``member``: then ``member`` is the family member who shares (and sent it; their first
    #: name is the only name in the message). No foreign key: network is beside sending in the
    #: layers (ADR 0012), as ``subject_id`` is; the message names no one else.
    network_person_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("bericht aan het gezin")
        verbose_name_plural = _("berichten aan het gezin")
        indexes = [models.Index(fields=["purpose", "subject_id"])]
        constraints = [
            # Two daily runs or two workers at once: one row per reminder, never two.
            models.UniqueConstraint(
                fields=["reminder_of", "reminder"], name="sending_one_row_per_reminder"
            ),
            # A message to a network person is a share message, and only that.
            models.CheckConstraint(
                condition=models.Q(purpose="share", network_person_id__isnull=False)
                | (~models.Q(purpose="share") & models.Q(network_person_id__isnull=True)),
                name="sending_person_only_for_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} #{self.pk}"

    @property
    def to_person(self) -> bool:
        """The message goes to a person from the network (a share), not to ``member``."""
        return self.network_person_id is not None

    @property
    def reference(self) -> str:
        return self.family.reference

    def state_at(self, now: datetime) -> State:
        """The status as the adviser sees it at ``now``: "bezig" for longer than
        ``SEND_UNCONFIRMED_MINUTES`` is "niet bevestigd" (the worker stopped mid-send)."""
        claimed = self.claimed_at
        if self.status == Status.SENDING and claimed and now - claimed >= unconfirmed_after():
            return State.UNCONFIRMED
        return State(self.status)

    def may_send_again(self, now: datetime) -> bool:
        """The adviser may send again: it failed or could not be confirmed, and the address and
        link are still kept."""
        return self.sealed is not None and self.state_at(now) in (State.FAILED, State.UNCONFIRMED)

    @staticmethod
    def stale_before(now: datetime, days: int) -> datetime:
        return now - timedelta(days=days)


class MessageStop(models.Model):
    """A family member, or a person from the family's network who got a share message, wants
    no more messages (docs/versturen.md, "Geen berichten meer"): no reminder and no new
    message goes to them while this row exists. Made through the link in a message (``by``
    None) or, for a member, by an adviser; lifting it deletes the row. Both are in the access
    log. Exactly one of ``member`` and ``network_person_id`` is set."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="message_stops")
    member = models.OneToOneField(
        FamilyMember, on_delete=models.CASCADE, related_name="message_stop", null=True
    )
    #: The network person who stopped share messages (no foreign key, as on ``Delivery``).
    network_person_id = models.PositiveBigIntegerField(null=True, unique=True)
    stopped_at = models.DateTimeField()
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)

    class Meta:
        verbose_name = _("stop op berichten")
        verbose_name_plural = _("stops op berichten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False, network_person_id__isnull=True)
                | models.Q(member__isnull=True, network_person_id__isnull=False),
                name="sending_stop_one_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"message stop #{self.pk}"
