"""When a share stops without the family pressing "Stop met delen" (issue 15; second break
report, findings 3 and 8). A stop is for good: ``withdrawn_at`` with an ``end_reason``
(``choices.ShareEnd``), and the row stays as the family's record of whom their plan went to
(AVG art. 15). ``withdrawn_at`` is reused rather than a second date beside it, so every place
that treats a withdrawn share as stopped (the link, the session, the lists) stays one rule.

* The family's own access ended (``families.closing.family_access_ended``): the daily round
  (``sending.tasks.daily_upkeep``) and reopening a file whose access had ended
  (``aftercare.actions.reopen_family``) both call ``families.closing.end_what_access_opened``,
  which runs ``end_after_access``. Until then ``sharing.problem_of`` already treats such a
  share as expired. Reopening a file whose access had not ended keeps its shares.
* A person taken off the map: the shares they read end first (``network.actions``).
* A member leaves the file: the shares they made end first (``families.actions``).
* The adviser stops one, on the family's request or for safety, with a reason from a list
  (``stop_by_adviser``): a family may ask by phone, or the reader may turn out to be a risk.

Each is logged with the reason and no names: the system as the actor, or the adviser who
removed the person or member.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.closing import family_access_ended
from krachtbron.families.models import Family, FamilyMember
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import ADVISER_STOPS, ShareEnd
from krachtbron.networkplan.models import Share

#: The system process that ends shares in the access log (``audit.actors``).
PROCESS = "share_end"


def _live(now: Any) -> Any:
    return Share.objects.filter(withdrawn_at__isnull=True, expires_at__gt=now)


def _end(who: Any, family: Family, shares: Any, reason: ShareEnd) -> int:
    """Stop ``shares`` (a queryset of one family's live shares) for ``reason``: one CHANGE row
    per share. Inside the caller's transaction."""
    now = timezone.now()
    ended = 0
    for share in list(shares.select_for_update()):
        Share.objects.filter(pk=share.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now, end_reason=reason
        )
        record_file_change(
            who, family, AccessKind.CHANGE, share, extra={"action": "end", "reason": reason.value}
        )
        ended += 1
    return ended


def end_after_access(family: Family | None = None, day: date | None = None) -> int:
    """End the live shares of every family (or only ``family``) whose own access to its plan has
    ended on ``day`` (default today); returns how many. Registered with
    ``families.closing.register_access_end_cleanup``."""
    today = day or timezone.localdate()
    now = timezone.now()
    live = _live(now)
    if family is not None:
        live = live.filter(plan__family=family)
    family_ids = set(live.values_list("plan__family_id", flat=True))
    ended = 0
    for candidate in Family.objects.filter(pk__in=family_ids).order_by("pk"):
        if not family_access_ended(candidate, today):
            continue
        with transaction.atomic():
            ended += _end(
                Actor.system(PROCESS),
                candidate,
                _live(now).filter(plan__family=candidate),
                ShareEnd.ACCESS_ENDED,
            )
    return ended


def live_shares_of(person: NetworkPerson) -> int:
    """How many live shares ``person`` reads now."""
    return int(_live(timezone.now()).filter(person=person).count())


def person_warning(person: NetworkPerson) -> str:
    """The warning on the page where a person is taken off the map, "" when none."""
    if not live_shares_of(person):
        return ""
    return _(
        "Deze persoon kan het plan van het gezin lezen: het gezin deelt het met deze persoon. "
        "Haal je de persoon van de kaart, dan stopt dat delen. Het gezin ziet dan 'iemand die "
        "niet meer op de kaart staat'."
    )


def end_for_person(who: Any, person: NetworkPerson) -> int:
    """Before ``person`` leaves the map: the shares they read stop (in the caller's
    transaction)."""
    shares = _live(timezone.now()).filter(person=person)
    return _end(who, person.family, shares, ShareEnd.PERSON_REMOVED)


def stop_by_adviser(user: Any, share: Share, reason: ShareEnd) -> bool:
    """The adviser stops ``share`` on the family's request or for safety (``ADVISER_STOPS``;
    second break report, finding 10). The link stops at once; the family reads "gestopt door je
    hulpverlener", the network person only that the family no longer shares it. Logged with the
    adviser as the actor and the reason, no names. False when it had stopped already (two
    clicks, one stop). Raises ValueError for any other reason."""
    if reason not in ADVISER_STOPS:
        raise ValueError("Not a reason an adviser may give.")
    with transaction.atomic():
        changed = Share.objects.filter(pk=share.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), end_reason=reason
        )
        if changed:
            record_file_change(
                user,
                share.plan.family,
                AccessKind.CHANGE,
                share,
                extra={"action": "stop", "reason": reason.value},
            )
    return bool(changed)


def end_for_member(member: FamilyMember) -> None:
    """Before ``member`` leaves the file: the shares they made stop (in ``delete_member``'s
    transaction, which logs the removal with the adviser as the actor)."""
    shares = _live(timezone.now()).filter(created_by=member)
    _end(Actor.system(PROCESS), member.family, shares, ShareEnd.MEMBER_REMOVED)
