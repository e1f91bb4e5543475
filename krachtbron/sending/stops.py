""" "Geen berichten meer": a family member stops messages, through a link or the adviser.

Every message ends with a link to a page where the member can stop messages, without signing
in. The link carries a token only (no id, no name): ``stop_token`` derives it from the
delivery's id with a keyed hash (``salted_hmac`` under SECRET_KEY), so every send of the same
delivery has the same link, and ``Delivery.stop_hash`` keeps its sha256 to find the delivery
back. The adviser records or lifts a stop on the member's Mijn Krachtbron tab.

A stop is a ``MessageStop`` row. While it exists: the send form refuses (views.py), reminders
are not queued (reminders.py), and the task checks again just before sending (tasks.py).
Stopping also ends what is waiting: queued messages become "gestopt op verzoek" and kept
addresses are erased.
"""

import base64
import hashlib
from collections.abc import Collection

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.models import FamilyMember
from krachtbron.sending.models import Delivery, MessageStop, Status

SALT = "krachtbron.sending.stop"
TOKEN_LENGTH = 43  # 256 bits, base64url without padding


def stop_token(delivery_id: int) -> str:
    """The token of delivery ``delivery_id``'s stop link (43 characters, base64url)."""
    digest = salted_hmac(SALT, str(delivery_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def stop_url(delivery_id: int) -> str:
    """The absolute stop link for a message (``SITE_URL``, as the links in messages)."""
    return settings.SITE_URL + reverse("sending:stop", args=[stop_token(delivery_id)])


def remember(delivery: Delivery) -> None:
    """Store the hash of ``delivery``'s stop token (the same on every try), once."""
    if not delivery.stop_hash:
        delivery.stop_hash = token_hash(stop_token(delivery.pk))
        Delivery.objects.filter(pk=delivery.pk).update(stop_hash=delivery.stop_hash)


def find_delivery(token: str) -> Delivery | None:
    """The delivery whose message carried ``token``, or None (a wrong or mangled token)."""
    if len(token) != TOKEN_LENGTH:
        return None
    return (
        Delivery.objects.select_related("family", "member")
        .filter(stop_hash=token_hash(token))
        .first()
    )


def is_stopped(member_id: int) -> bool:
    return MessageStop.objects.filter(member_id=member_id).exists()


def stops_of(member_ids: Collection[int]) -> dict[int, MessageStop]:
    """The stops of these members, by member id (one query)."""
    return {stop.member_id: stop for stop in MessageStop.objects.filter(member_id__in=member_ids)}


def _end_waiting(member: FamilyMember) -> int:
    """Queued messages of ``member`` stop; every kept address and link is erased."""
    stopped = Delivery.objects.filter(member=member, status=Status.QUEUED).update(
        status=Status.STOPPED, sealed=None
    )
    Delivery.objects.filter(member=member, sealed__isnull=False).update(sealed=None)
    return stopped


def stop_messages(member: FamilyMember, *, user: User | None = None) -> bool:
    """Record that ``member`` wants no more messages: by the member through a stop link
    (``user`` None) or by an adviser. True when it is new, False when it was already so.
    Logged with the member or the adviser as actor."""
    actor = Actor.family_member(member) if user is None else user
    try:
        with transaction.atomic():
            stop = MessageStop.objects.create(
                family_id=member.family_id, member=member, stopped_at=timezone.now(), by=user
            )
            ended = _end_waiting(member)
            log_access(
                actor,
                member.family,
                AccessKind.CREATE,
                stop,
                extra={"step": "stop", "ended": ended},
            )
    except IntegrityError:  # stopped already (or at the same moment)
        return False
    return True


def allow_messages(user: User, member: FamilyMember) -> bool:
    """The adviser lifts the stop when the member asks: messages may be sent again. True when
    there was a stop. Logged."""
    with transaction.atomic():
        stop = MessageStop.objects.select_for_update().filter(member=member).first()
        if stop is None:
            return False
        log_access(user, member.family, AccessKind.DELETE, stop, extra={"step": "allow"})
        stop.delete()
    return True
