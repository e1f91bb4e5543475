"""The network person's pages: the personal link (``gedeeld/l/<token>``) and the shared view
(``gedeeld/``). No account: the first visit exchanges the token for a session that holds this
one share, and redirects to a URL without the token (SECURITY.md 5; every ``/gedeeld/`` page
sends ``Referrer-Policy: no-referrer``). The view shows only the parts the family chose and every
member they are about agreed to (``sharing.shared_view``): never the portal, a staff page or
anything else of the file. Every view is an access-log row with ``Actor.network_person``.

A malformed, truncated, huge, non-ASCII, unknown, expired or withdrawn link, or a session whose
share stopped: a friendly page, and nothing changes (SECURITY.md 7). In a browser with a staff
sign-in or a Mijn Krachtbron session the link changes nothing either: a page says it is meant
for someone else's phone.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from krachtbron.lib import family_language, throttle
from krachtbron.lib.tokens import is_well_formed
from krachtbron.networkplan import share_session, sharing
from krachtbron.networkplan.sharing import ShareProblem

PROBLEM = "networkplan/share_problem.html"
DUTCH = settings.LANGUAGE_CODE  # the page of a link that is no share (yet): Dutch


@login_not_required
@require_safe
def open_share(request: HttpRequest, token: str) -> HttpResponse:
    """Exchange the link's token for a session of this share, then go on without the token."""
    token = token.removesuffix("/")
    if share_session.other_session(request):
        return render(request, "networkplan/share_other_session.html", status=403)
    if is_well_formed(token) and throttle.is_locked(request, throttle.Kind.SHARE):
        return family_language.problem_page(request, PROBLEM, ShareProblem.THROTTLED, DUTCH)
    share = share_session.find_share(token)
    if share is None:
        # Only a token that could be one is a guess (``lib.throttle``).
        if is_well_formed(token) and throttle.failed(request, throttle.Kind.SHARE):
            return family_language.problem_page(request, PROBLEM, ShareProblem.THROTTLED, DUTCH)
        return family_language.problem_page(request, PROBLEM, ShareProblem.UNKNOWN, DUTCH)
    problem = sharing.problem_of(share)
    if problem is not None:
        share_session.log_refused(share, problem)
        return family_language.problem_page(request, PROBLEM, problem, share.language)
    share_session.begin_session(request, share)
    throttle.succeeded(request, throttle.Kind.SHARE)
    return redirect("networkplan:shared")


@login_not_required
@require_safe
def shared(request: HttpRequest) -> HttpResponse:
    """What the family shares with this person (read-only)."""
    pk = share_session.held_share(request)
    share = sharing.load_share(pk) if pk is not None else None
    if share is None:
        return family_language.problem_page(request, PROBLEM, ShareProblem.UNKNOWN, DUTCH)
    problem = sharing.problem_of(share)
    if problem is not None:
        share_session.log_refused(share, problem)
        request.session.flush()
        return family_language.problem_page(request, PROBLEM, problem, share.language)
    # The language first: the view holds translated words (a status, "de hulpverlener", the
    # urgent numbers) that are made when it is built.
    family_language.show(request, share.language)
    view = sharing.shared_view(share)
    share_session.record_view(share)
    return render(request, "networkplan/share_view.html", {"shared": view})
