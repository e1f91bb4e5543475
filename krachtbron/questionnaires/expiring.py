"""Links that are about to expire, and which links are still waiting, for sending's reminders
(docs/versturen.md, "Herinneringen" and "Voordat een link verloopt").

``waiting_invitations`` is registered with ``sending.subjects`` (apps.py): a reminder goes out
only for an invitation that can still be filled in. ``expiring_links`` is the adviser's notice:
the open invitations of the given families that expire within ``SEND_EXPIRY_NOTICE_DAYS``
(the caseload's and team page's "aandacht" list uses it).
"""

from collections.abc import Collection
from datetime import datetime, timedelta

from django.db.models import QuerySet

from krachtbron.accounts.models import User
from krachtbron.families.models import Family
from krachtbron.families.permissions import visible_families
from krachtbron.questionnaires.models import Invitation, fillable
from krachtbron.sending.conf import setting


def waiting_invitations(ids: Collection[int], now: datetime) -> set[int]:
    """The ids among ``ids`` of invitations that can still be filled in at ``now`` (not
    submitted, withdrawn, replaced or expired; opened or not). One query."""
    return set(
        Invitation.objects.filter(pk__in=ids).filter(fillable(now)).values_list("pk", flat=True)
    )


def notice_before(now: datetime) -> datetime:
    """Links that expire at or before this moment are "about to expire" at ``now``."""
    return now + timedelta(days=setting("SEND_EXPIRY_NOTICE_DAYS"))


def expires_soon(invitation: Invitation, now: datetime, is_open: bool) -> bool:
    """The same rule as ``expiring_links`` for one invitation already loaded (``is_open``: not
    completed, withdrawn or expired, as the caller's ``state_at`` said)."""
    return is_open and invitation.expires_at <= notice_before(now)


def expiring_links(scope: User | QuerySet[Family], now: datetime) -> QuerySet[Invitation]:
    """The open invitations that expire within ``SEND_EXPIRY_NOTICE_DAYS`` after ``now``,
    soonest first, with family and member loaded.

    ``scope``: a staff user (their own caseload: ``visible_families``) or a queryset of
    families (a team's, for the teamleider's counts per adviser: group the result by
    ``family__assignments__adviser``). Nothing is logged here: the caller logs what it shows.
    """
    families = visible_families(scope) if isinstance(scope, User) else scope
    return (
        Invitation.objects.filter(
            fillable(now), family__in=families, expires_at__lte=notice_before(now)
        )
        .select_related("family", "member")
        .order_by("expires_at", "id")
    )
