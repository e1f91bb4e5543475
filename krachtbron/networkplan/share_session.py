"""The network person's session (SECURITY.md 5): a share's link is exchanged for a session that
holds that one share, and nothing else; every view is an access-log row with
``Actor.network_person`` as the actor (see ``networkplan.sharing`` for the rules of a share)."""

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from krachtbron.audit.actors import NETWORK_PERSON_ROLE, Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessResult, ActorKind
from krachtbron.lib import session_kinds
from krachtbron.lib.session_kinds import stored_time
from krachtbron.lib.tokens import hash_token, is_well_formed
from krachtbron.networkplan.models import Share
from krachtbron.networkplan.sharing import ShareProblem

SESSION_KEY = "kb_network_share"  # the id of the one share this session may read
SESSION_AT = "kb_network_share_at"


def find_share(token: str) -> Share | None:
    """The share of a link's token; None for a malformed or unknown one (no database work for a
    token that cannot be one)."""
    if not is_well_formed(token):
        return None
    return (
        Share.objects.select_related("plan__family", "person")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _reader(share: Share) -> Actor:
    """The network person who holds the link; after they were taken off the map (the share is
    withdrawn then, ``share_ends``) the holder of the link, whoever it is now."""
    if share.person_id is None:
        return Actor(ActorKind.NETWORK_PERSON, role=NETWORK_PERSON_ROLE)
    return Actor.network_person(share.person_id)


def log_refused(share: Share, problem: ShareProblem) -> None:
    """A withdrawn or expired link was used: a DENIED row, the network person as the actor."""
    with transaction.atomic():
        log_access(
            _reader(share),
            share.plan.family,
            AccessKind.READ,
            share,
            result=AccessResult.DENIED,
            extra={"problem": problem.value},
        )


def begin_session(request: HttpRequest, share: Share) -> None:
    """A fresh session (new key) that holds this share and nothing else; it ends when the
    browser closes. The caller refused a staff or Mijn Krachtbron session first."""
    if request.user.is_authenticated:
        logout(request)
    else:
        request.session.flush()
    request.session[SESSION_KEY] = share.pk
    request.session[SESSION_AT] = timezone.now().isoformat()
    request.session.set_expiry(0)


# Each session is one thing: a share's link in a staff or Mijn Krachtbron browser changes nothing.
other_session = session_kinds.other_session


def held_share(request: HttpRequest) -> int | None:
    """The id of the share this session may read, or None (also after
    ``PORTAL_ABSOLUTE_TIMEOUT``, and never in a staff or member session)."""
    if other_session(request):
        return None
    pk = request.session.get(SESSION_KEY)
    at = stored_time(request.session.get(SESSION_AT))
    if not isinstance(pk, int) or at is None:
        return None
    if timezone.now() > at + settings.PORTAL_ABSOLUTE_TIMEOUT:
        request.session.flush()
        return None
    return pk


def record_view(share: Share) -> None:
    """The network person looked: a READ row with them as the actor, and the share's
    "bekeken" time."""
    now = timezone.now()
    with transaction.atomic():
        log_access(_reader(share), share.plan.family, AccessKind.READ, share)
        Share.objects.filter(pk=share.pk).update(last_viewed_at=now)
    share.last_viewed_at = now
