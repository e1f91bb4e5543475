"""Access matrix declarations for the routes of sending (SECURITY.md 6, 8)."""

from krachtbron.testing.forms import Post
from krachtbron.testing.matrix import Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone


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


ROUTES = [Route("sending:send_again", _failed_delivery, allowed=NOBODY)]

OTHER_POSTS = {
    "sending:send_again": Post(
        "queues a failed or unconfirmed message again (a conditional update: once)",
        changes=("sending.Delivery",),
        allowed=ADVISER,
    ),
}
