"""A family member sends a netwerkplan share's link to the person it is for (issue 16, item 1):
by e-mail or SMS through the one sending mechanism (``sending``: a ``Delivery`` with
``Purpose.SHARE``, the network person as recipient, the member as actor), and what the
family's share list says about those messages (docs/versturen.md, "Delen per e-mail of sms").

The business rules that are not sending's own live here, above both apps (ADR 0012):

* ``SENDS_PER_HOUR``: a member queues at most this many share messages per hour, counted
  from their own share messages (``sending.actions.share_sends_since``).
* ``active_share_ids``: the shares still working; registered with sending (``subjects``), so
  the task does not send a share message whose share ended meanwhile (withdrawn, expired, or
  the family's access ended after closing) and erases its address and link instead.
* ``withdraw``: a withdrawn share ends its messages that have not gone out, in the same
  transaction (``sending.actions.withdraw_for``, as a withdrawn invitation does).
* ``mobile_of``: the person's mobile number from the plan's "wie bel je waarvoor", to fill in.
"""

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import FamilyMember
from krachtbron.lib.idempotency import keys_for_forms
from krachtbron.networkplan import sharing
from krachtbron.networkplan.models import PlanCall, Share
from krachtbron.sending import actions as sending
from krachtbron.sending.forms import ShareEmailForm, ShareSendForm, ShareSmsForm
from krachtbron.sending.models import Purpose, State
from krachtbron.sending.phone import normalise_mobile

#: Share messages one member may queue per hour. A family shares with a few people, one
#: message each, and perhaps once more after a typo: five is enough for that, and small
#: enough that a stolen session cannot send many messages in the family's name.
SENDS_PER_HOUR = 5


def sends_left(member: FamilyMember, now: datetime | None = None) -> int:
    """How many share messages ``member`` may still queue this hour (0: wait)."""
    since = (now or timezone.now()) - timedelta(hours=1)
    return max(SENDS_PER_HOUR - sending.share_sends_since(member.pk, since), 0)


def active_share_ids(ids: Collection[int], now: datetime) -> set[int]:
    """The ids among ``ids`` of shares whose link still works at ``now`` (not withdrawn,
    not expired, the family's access not ended); sending/subjects.py."""
    shares = Share.objects.filter(
        pk__in=ids, withdrawn_at__isnull=True, expires_at__gt=now
    ).select_related("plan__family")
    day = timezone.localdate(now)
    return {
        share.pk
        for share in shares
        if sharing.problem_of(share, now, access_ended=family_access_ended(share.plan.family, day))
        is None
    }


def withdraw(member: FamilyMember, share: Share) -> bool:
    """Withdraw ``share`` (``sharing.withdraw_share``) and, in the same transaction, its
    messages that have not gone out: not sent, address and link erased. False when it was
    withdrawn already."""
    with transaction.atomic():
        changed = sharing.withdraw_share(member, share)
        sending.withdraw_for(Purpose.SHARE, share.pk)
    return changed


def mobile_of(share: Share) -> str:
    """The first mobile number (E.164) the plan has for the share's person in "wie bel je
    waarvoor", or "" (no number, or a landline: a text message cannot go there)."""
    phones = PlanCall.objects.filter(plan_id=share.plan_id, person_id=share.person_id).exclude(
        phone=""
    )
    for phone in phones.order_by("id").values_list("phone", flat=True):
        try:
            return normalise_mobile(phone)
        except ValidationError:
            continue
    return ""


def message_states(share_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per share id, its newest message as the family's list shows it: ``state`` (a
    ``State``), ``channel`` and whether the member may send it ``again`` (the address is
    still kept); shares without a message are left out. One query."""
    found: dict[int, dict[str, Any]] = {}
    for pk, rows in sending.delivery_rows(Purpose.SHARE, share_ids).items():
        if rows:
            row = rows[0]
            found[pk] = {
                "delivery": row["delivery"],
                "state": row["state"],
                "channel": row["delivery"].get_channel_display(),
                "again": row["again"],
                "failed": row["state"] in (State.FAILED, State.UNCONFIRMED),
            }
    return found


def send_context(
    request: HttpRequest, share: Share, posted: ShareSendForm | None = None
) -> dict[str, object]:
    """What the link page needs for "Stuur per sms" and "Stuur per e-mail": both forms (the
    SMS number filled in from the plan when it has a mobile number; ``posted``, with its errors
    and what was typed, in place of its empty one), a form key (not ``{% form_key %}``: the
    link page answers the POST that made the share, whose key is used), which form to show
    open, and how many messages this member may still send this hour."""
    person_id = share.person_id
    email = (
        posted
        if isinstance(posted, ShareEmailForm)
        else ShareEmailForm(network_person_id=person_id)
    )
    sms = (
        posted
        if isinstance(posted, ShareSmsForm)
        else ShareSmsForm(network_person_id=person_id, initial={"number": mobile_of(share)})
    )
    member = getattr(request, "member")  # noqa: B009  (a MemberHttpRequest)
    return {
        "email_form": email,
        "sms_form": sms,
        **keys_for_forms(request, ("email", "sms"), getattr(posted, "channel", "")),
        "open_channel": posted.channel if posted is not None else "",
        "sends_left": sends_left(member),
        "stopped": email.stopped,
    }
