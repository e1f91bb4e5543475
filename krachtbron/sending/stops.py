""" "Geen berichten meer": a family member stops messages, through a link or the adviser.

Every message ends with a link to a page where the member can stop messages, without signing
in. The link carries a token only (no id, no name): ``stop_token`` derives it from the
delivery's id with a keyed hash (``salted_hmac`` under SECRET_KEY), so every send of the same
delivery has the same link, and ``Delivery.stop_hash`` keeps its sha256 to find the delivery
back. The adviser records or lifts a stop on the member's Mijn Krachtbron tab.

A stop is a ``MessageStop`` row of the message's recipient: the family member, or, for a
share message, the person from the network it went to (``Delivery.network_person_id``; that
person's stop covers only messages to that person, never the family's). While it exists: the
send form refuses (views.py, portal's share sending), reminders are not queued (reminders.py),
and the task checks again just before sending (tasks.py, ``recipient_stopped``). Stopping also
ends what is waiting: queued messages to that recipient become "gestopt op verzoek" and kept
addresses are erased.
"""

import base64
import hashlib
from collections.abc import Collection, Mapping

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.models import Family, FamilyMember
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


def is_person_stopped(network_person_id: int) -> bool:
    """Did this person from a family's network stop share messages?"""
    return MessageStop.objects.filter(network_person_id=network_person_id).exists()


def recipient_stopped(delivery: Delivery) -> bool:
    """Did the recipient of ``delivery`` (the member, or the network person of a share
    message) stop messages?"""
    if delivery.network_person_id is not None:
        return is_person_stopped(delivery.network_person_id)
    return is_stopped(delivery.member_id)


def stops_of(member_ids: Collection[int]) -> dict[int, MessageStop]:
    """The stops of these members, by member id (one query)."""
    found = MessageStop.objects.filter(member_id__in=member_ids)
    return {stop.member_id: stop for stop in found if stop.member_id is not None}


def _end_waiting(to: dict[str, int | None]) -> int:
    """Queued messages to the recipient ``to`` (``member_id`` with ``network_person_id``
    None, or a ``network_person_id``) stop; every kept address and link is erased."""
    mine = Delivery.objects.filter(**to)
    stopped = mine.filter(status=Status.QUEUED).update(status=Status.STOPPED, sealed=None)
    mine.filter(sealed__isnull=False).update(sealed=None)
    return stopped


def stop_messages(member: FamilyMember, *, user: User | None = None) -> bool:
    """Record that ``member`` wants no more messages: by the member through a stop link
    (``user`` None) or by an adviser. True when it is new, False when it was already so.
    Logged with the member or the adviser as actor."""
    actor = Actor.family_member(member) if user is None else user
    recipient = {"member_id": member.pk, "network_person_id": None}
    return _stop(actor, member.family, {"member": member}, recipient, user)


def stop_recipient(delivery: Delivery) -> bool:
    """The recipient of ``delivery`` followed its stop link: the member (``stop_messages``),
    or the network person of a share message, whose stop covers messages to them only.
    True when it is new. Logged with the recipient as actor."""
    person_id = delivery.network_person_id
    if person_id is None:
        return stop_messages(delivery.member)
    to: dict[str, int | None] = {"network_person_id": person_id}
    return _stop(Actor.network_person(person_id), delivery.family, to, to, None)


def _stop(
    actor: Actor | User,
    family: Family,
    who: Mapping[str, object],
    recipient: dict[str, int | None],
    user: User | None,
) -> bool:
    try:
        with transaction.atomic():
            stop = MessageStop.objects.create(
                family_id=family.pk, stopped_at=timezone.now(), by=user, **who
            )
            ended = _end_waiting(recipient)
            log_access(
                actor, family, AccessKind.CREATE, stop, extra={"step": "stop", "ended": ended}
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
