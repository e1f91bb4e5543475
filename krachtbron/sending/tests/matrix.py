"""Access matrix declarations for the routes of sending (SECURITY.md 6, 8)."""

from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import MEMBERS, STAFF, Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone
# The stop page: whoever holds the link (no sign-in), as a family link.
EVERY_VISITOR = STAFF | {"anonymous"} | MEMBERS


def _failed_delivery(org):
    """A message to org.member that failed: the adviser may send it again."""
    from datetime import timedelta

    from django.utils import timezone

    from krachtbron.sending.models import Delivery, Purpose, Status
    from krachtbron.sending.secret import seal

    delivery = Delivery.objects.create(
        family=org.family,
        member=org.member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=1,
        language="nl",
        link_expires_at=timezone.now() + timedelta(days=14),
        status=Status.FAILED,
        attempts=4,
        created_at=timezone.now(),
        created_by=org.adviser,
    )
    delivery.sealed = seal(delivery.pk, "ouder@example.org", "http://127.0.0.1/v/x")
    delivery.save(update_fields=["sealed"])
    return {"pk": delivery.pk}


def _stop_token(org):
    """The "geen berichten meer" link of a message sent to org.member."""
    from krachtbron.sending import stops
    from krachtbron.sending.models import Delivery

    delivery = Delivery.objects.get(pk=_failed_delivery(org)["pk"])
    stops.remember(delivery)
    return {"token": stops.stop_token(delivery.pk)}


def _member(org):
    return {"pk": org.member.pk}


def _stopped_member(org):
    """org.member, who stopped messages: the adviser may lift it."""
    from krachtbron.sending.stops import stop_messages

    stop_messages(org.member)
    return {"pk": org.member.pk}


def _portal_tab(org, kwargs):
    from django.urls import reverse

    return reverse("portal:family", args=[org.family.pk])


ROUTES = [
    Route("sending:send_again", _failed_delivery, allowed=NOBODY),
    Route("sending:stop", _stop_token, allowed=EVERY_VISITOR, public=True),
    Route("sending:stop_member", _member, allowed=NOBODY),
    Route("sending:allow_member", _stopped_member, allowed=NOBODY),
]

CREATE_FORMS = [
    # One stop per member (a unique row): stopping again changes nothing, no form key needed
    # (the member's page holds no session to bind one to).
    CreateForm(
        "sending:stop",
        "sending.MessageStop",
        lambda org: {},
        _stop_token,
        persona="anonymous",
        natural=True,
        allowed=EVERY_VISITOR,
    ),
    CreateForm(
        "sending:stop_member",
        "sending.MessageStop",
        lambda org: {},
        _member,
        page=_portal_tab,
        natural=True,
        allowed=ADVISER,
    ),
]

OTHER_POSTS = {
    "sending:send_again": Post(
        "queues a failed or unconfirmed message again (a conditional update: once)",
        changes=("sending.Delivery",),
        allowed=ADVISER,
    ),
    "sending:allow_member": Post(
        "lifts a member's stop on messages (deletes it; a second POST finds none)",
        changes=("sending.MessageStop",),
        allowed=ADVISER,
    ),
}
