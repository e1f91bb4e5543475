"""A follow-up check-in through a personal link, for a member without Mijn Krachtbron.

The link (``/mijn/nazorg/l/<token>``) shows the three questions; the POST answers them once and
uses the link up. A link that is unknown, malformed, answered or no longer open gets one
friendly page (and says nothing about which). Works without JavaScript. Every look and answer
is logged with the member the link was made for as the actor.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from krachtbron.aftercare import actions
from krachtbron.aftercare.choices import AnsweredVia
from krachtbron.aftercare.forms import CheckInForm
from krachtbron.audit.actors import Actor
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.lib import throttle
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
