""" "Geen berichten meer": the member's page behind the link in every message, and the
adviser's buttons on the Mijn Krachtbron tab (stops.py; docs/versturen.md).

The member's page works without signing in: the token in the link is the only key. A GET
only asks (or, once stopped, says it is done); the stop is one POST, which redirects back to
that GET. Stopping twice is harmless.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.families.permissions import get_member_for_user
from krachtbron.lib import throttle
from krachtbron.lib.tokens import is_well_formed
from krachtbron.sending import stops


@login_not_required
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """Ask (GET) and record (POST) that the member of this message wants no more messages."""
    guessable = is_well_formed(token)  # only a token that could be one counts as a guess
    if guessable and throttle.is_locked(request, throttle.Kind.STOP):
        return _throttled(request)
    delivery = stops.find_delivery(token)
    if delivery is None:
        if guessable and throttle.failed(request, throttle.Kind.STOP):
            return _throttled(request)
        return render(request, "sending/stop_unknown.html", status=404)
    throttle.succeeded(request, throttle.Kind.STOP)
    if request.method == "POST":
        stops.stop_recipient(delivery)  # the member, or the network person of a share message
        return redirect(request.path)  # the GET says it is done (a reload posts nothing)
    # No name on the page: whoever holds the link sees it (a forwarded message, too).
    context = {"done": stops.recipient_stopped(delivery), "network": delivery.to_person}
    # A family page (settings.FAMILY_URL_PREFIXES): no referrer, so the token goes nowhere.
    return render(request, "sending/stop.html", context)


def _throttled(request: HttpRequest) -> HttpResponse:
    """Too many wrong links from this address (lib.throttle): wait, as on every family link."""
    return render(request, "sending/stop_unknown.html", {"throttled": True}, status=429)


@require_POST
def stop_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The adviser records that a member wants no more messages (asked by phone, in person)."""
    member = get_member_for_user(request.user, pk)
    if stops.stop_messages(member, user=request.user):
        messages.success(request, _("Dit gezinslid krijgt geen berichten meer."))
    return redirect("portal:family", pk=member.family_id)


@require_POST
def allow_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The adviser lifts the stop when the member asks for messages again."""
    member = get_member_for_user(request.user, pk)
    if stops.allow_messages(request.user, member):
        messages.success(request, _("Dit gezinslid kan weer berichten krijgen."))
    return redirect("portal:family", pk=member.family_id)
