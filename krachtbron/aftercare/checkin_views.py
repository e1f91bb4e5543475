"""A follow-up check-in through a personal link, for a member without Mijn Krachtbron.

The link (``/mijn/nazorg/l/<token>``) shows the three questions; the POST answers them once and
uses the link up. A link that is unknown, malformed, answered or no longer open gets one
friendly page (and says nothing about which). Works without JavaScript. Every look and answer
is logged with the member the link was made for as the actor.

The pages of a link speak the language of its member (their Mijn Krachtbron choice,
``MemberLanguage``), as a share's pages speak the share's. In a browser with a staff sign-in or a
Mijn Krachtbron session the link shows nothing and changes nothing (each session is one thing,
``session_kinds.other_session``, as for a share's link): a page says it is meant for someone
else, and the refusal is a DENIED row with the signed-in user or member as the actor, never a
look by the link's member.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from krachtbron.accounts.models import User
from krachtbron.aftercare import actions
from krachtbron.aftercare.choices import AnsweredVia
from krachtbron.aftercare.forms import CheckInForm
from krachtbron.aftercare.models import FollowUp
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.lib import family_language, throttle
from krachtbron.lib.session_kinds import (
    PORTAL_MEMBER,
    member_language,
    other_session,
)
from krachtbron.lib.tokens import is_well_formed


@login_not_required
@require_http_methods(["GET", "POST"])
def by_link(request: HttpRequest, token: str) -> HttpResponse:
    token = token.removesuffix("/")
    if is_well_formed(token) and throttle.is_locked(request, throttle.Kind.FOLLOW_UP):
        return render(request, "aftercare/link_problem.html", {"throttled": True}, status=429)
    follow_up = actions.find_by_token(token)
    member = follow_up.link_member if follow_up else None
    if follow_up is None or member is None:
        # Only a token that could be one is a guess (``lib.throttle``).
        if is_well_formed(token) and throttle.failed(request, throttle.Kind.FOLLOW_UP):
            return render(request, "aftercare/link_problem.html", {"throttled": True}, status=429)
        return render(request, "aftercare/link_problem.html", status=404)
    throttle.succeeded(request, throttle.Kind.FOLLOW_UP)
    if other_session(request):
        _log_other_session(request, follow_up)
        return render(request, "aftercare/link_other_session.html", status=403)
    # Before the form: its labels and messages, and every page below, in the member's language.
    family_language.show(request, member_language(member))
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer_follow_up(
                follow_up,
                score=data["score"],
                agreements_work=data["agreements_work"],
                wants_contact=data["wants_contact"] == "ja",
                member=member,
                via=AnsweredVia.LINK,
            )
        except actions.AlreadyAnswered:
            return render(request, "aftercare/link_problem.html", status=410)
        context = {
            "follow_up": follow_up,
            "phones": actions.phones(follow_up.family),
            "response_days": settings.FOLLOWUP_RESPONSE_DAYS,
        }
        return render(request, "aftercare/checkin_done.html", context)
    log_access(
        Actor.family_member(member),
        follow_up.family,
        AccessKind.READ,
        follow_up,
        extra={"via": str(AnsweredVia.LINK)},
    )
    status = 400 if form.errors else 200
    return render(
        request, "aftercare/checkin.html", {"form": form, "follow_up": follow_up}, status=status
    )


def _log_other_session(request: HttpRequest, follow_up: FollowUp) -> None:
    """The link was opened in a staff or Mijn Krachtbron browser: a DENIED row with whoever is
    signed in there as the actor (a staff user, or the member of that portal session)."""
    if request.user.is_authenticated:
        actor: Actor | User = request.user
    else:
        actor = Actor.family_member(request.session[PORTAL_MEMBER])
    with transaction.atomic():
        log_access(
            actor,
            follow_up.family,
            AccessKind.READ,
            follow_up,
            result=AccessResult.DENIED,
            extra={"via": str(AnsweredVia.LINK), "problem": "other_session"},
        )
