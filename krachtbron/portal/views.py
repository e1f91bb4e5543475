"""The family member's pages of Mijn Krachtbron (URLs under /mijn/, no personal data in them).

A link (``/mijn/l/<token>``) is shown with a button: only the POST uses it, so a link preview
in a chat app cannot use up a one-time link. An invitation leads to the page that makes a
passkey; a one-time link signs the member in for this visit. Signing in with a passkey needs
the small script ``static/portal/passkey.js``; every other page works without JavaScript.
Every page a member sees writes an access-log row with the member as the actor.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import cast

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts import otp
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.aftercare.actions import portal_access
from krachtbron.families import views as family_views
from krachtbron.families.models import FamilyMember
from krachtbron.lib import family_language, throttle
from krachtbron.lib.tokens import is_well_formed
from krachtbron.portal import actions, language, passkeys, session
from krachtbron.portal.actions import LinkProblem
from krachtbron.portal.models import LinkKind, MemberLink
from krachtbron.portal.session import Via

REGISTER, SIGN_IN = "register", "sign_in"
# The page of a link that cannot be used (``lib.family_language.problem_page``).
PROBLEM = "portal/problem.html"


def _members_and_visitors_first(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Around the start page's method check (docs/adr/0018: who you are before how you ask): a
    family member's GET goes to Ons plan, anyone else without a staff session to the staff
    sign-in, whatever the method, as the login gate would."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request)
        if request.method in ("GET", "HEAD") and session.current(request) is not None:
            return redirect("portal:home")
        return redirect_to_login(request.get_full_path())

    return wrapper


@login_not_required
@_members_and_visitors_first
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """The start page ``/`` (the logo and "Naar de startpagina" on the shared pages: an error
    page, Toegankelijkheid): a signed-in family member goes to Ons plan, staff to the page of
    their role (``families.views.home``), anyone else to the staff sign-in, as the login gate
    would. Without the first step a member who met a 404 was sent to the staff sign-in and
    asked for a username and password, as if signed out. The view is public for the login
    gate, so it asks for the second factor itself (``VerifiedRequiredMiddleware`` skips it)."""
    if not otp.is_verified(request.user):
        return redirect("accounts:verify")
    return family_views.home(cast(AuthenticatedHttpRequest, request))


@login_not_required
@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: GET shows a button, the POST opens the link (see the module doc)."""
    if throttle.is_locked(request):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
    token = token.removesuffix("/")
    link = actions.find_link(token)
    if link is not None:  # before any session: the page is in the language of the link's member
        family_language.show(request, language.language_of(link.member))
    problem = LinkProblem.UNKNOWN if link is None else refused(link)
    if problem is LinkProblem.CLOSED:  # a real link of help that closed: not a guess
        return family_language.problem_page(request, PROBLEM, problem)
    if problem is not None or link is None:
        # Only a token that could be one is a try (a malformed one never reaches the database;
        # it is not counted, so its bytes are never stored with the attempt either).
        if is_well_formed(token) and throttle.failed(request):
            return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
        problem = problem or LinkProblem.UNKNOWN
        return family_language.problem_page(request, PROBLEM, problem)
    if request.method != "POST":
        context = {"kind": link.kind, "staff_signed_in": request.user.is_authenticated}
        return render(request, "portal/open_link.html", context)
    response = use_link(request, link)
    if link.kind == LinkKind.ONE_TIME and response.status_code == 302:
        throttle.succeeded(request)
    return response


def refused(link: MemberLink) -> LinkProblem | None:
    """Why ``link`` cannot be used now (its refused access logged), or None when it can."""
    problem = actions.problem_of(link)
    if problem is None and portal_access(link.family).ended:
        problem = LinkProblem.CLOSED  # the help closed, access ended
    if problem is not None:
        actions.log_refused_link(link, problem)
    return problem


def use_link(request: HttpRequest, link: MemberLink) -> HttpResponse:
    """Use a link that can be used (``refused`` said None), on a POST: its link's button or the
    typed code (``code_views``). An invitation goes on to make a passkey, a one-time link
    signs the member in for this visit."""
    if link.kind == LinkKind.INVITATION:
        actions.open_invitation(link)
        session.begin_enrolment(request, link)
        return redirect("portal:welcome")
    if not actions.use_one_time_link(link):  # used a moment ago, in another tab
        return family_language.problem_page(request, PROBLEM, LinkProblem.USED)
    session.begin(request, link.member, Via.ONE_TIME, link.pk)
    return redirect(session.kept_page(request, link.member) or "portal:home")


@login_not_required
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest) -> HttpResponse:
    """After the invitation: make a passkey on this device, then go to Ons plan."""
    link = session.enrolment(request)
    if link is None:
        return redirect("portal:sign_in")
    member = link.member
    error = ""
    if request.method == "POST":
        challenge = session.take_challenge(request, REGISTER)
        try:
            if challenge is None:
                raise passkeys.PasskeyError("no challenge")
            new = passkeys.verify_new(request.POST.get("credential", ""), challenge)
            handle = session.take_user_handle(request)
            if handle is None:
                raise passkeys.PasskeyError("no user handle")
            passkey = actions.add_passkey(link, new, handle)
        except passkeys.PasskeyError:
            error = _("Het maken van de sleutel lukte niet. Probeer het opnieuw.")
        except actions.LinkClosed:
            return family_language.problem_page(request, PROBLEM, LinkProblem.USED)
        else:
            session.begin(request, member, Via.PASSKEY, passkey.pk)
            return redirect("portal:home")
    handle = actions.user_handle_for(member) or passkeys.new_user_handle()
    ceremony = passkeys.registration(
        user_handle=handle,
        user_name=f"{member.first_name} (Krachtbron)",
        display_name=member.first_name,
        exclude=actions.active_credential_ids(member),
    )
    session.keep_challenge(request, REGISTER, ceremony.challenge)
    session.keep_user_handle(request, handle)
    actions.log_member_page(member, link.family, "portal_welcome")
    context = {"link": link, "options": json.loads(ceremony.options_json), "error": error}
    return render(request, "portal/welcome.html", context, status=400 if error else 200)


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Sign in with a passkey (discoverable: no user name)."""
    if throttle.is_locked(request):
        return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
    error = ""
    if request.method == "POST":
        signed_in = _check_passkey(request)
        if signed_in is not None:
            throttle.succeeded(request)
            return redirect(session.kept_page(request, signed_in) or "portal:home")
        if throttle.failed(request):
            return family_language.problem_page(request, PROBLEM, LinkProblem.THROTTLED)
        error = _("Inloggen lukte niet. Probeer het opnieuw, of vraag je hulpverlener om hulp.")
    ceremony = passkeys.authentication()
    ended = session.ended_because(request)
    session.keep_challenge(request, SIGN_IN, ceremony.challenge)
    context = {
        "options": json.loads(ceremony.options_json),
        "error": error,
        "ended": ended,
        "kept": session.kept_waiting(request),
    }
    return render(request, "portal/sign_in.html", context, status=400 if error else 200)


def _check_passkey(request: HttpRequest) -> FamilyMember | None:
    """Verify a posted passkey answer and sign its member in: that member, None when refused."""
    challenge = session.take_challenge(request, SIGN_IN)
    answer = request.POST.get("credential", "")
    credential_id = passkeys.credential_id_of(answer)
    if challenge is None or credential_id is None:
        return None
    passkey = actions.find_passkey(credential_id)
    if passkey is None:
        return None
    if passkey.revoked_at is not None:
        actions.log_refused_passkey(passkey, "revoked")
        return None
    try:
        count = passkeys.verify_sign_in(
            answer, challenge, public_key=bytes(passkey.public_key), sign_count=passkey.sign_count
        )
    except passkeys.PasskeyError as error:
        actions.log_refused_passkey(passkey, str(error))
        return None
    if not actions.record_sign_in(passkey, count):
        actions.log_refused_passkey(passkey, "replay")
        return None
    session.begin(request, passkey.member, Via.PASSKEY, passkey.pk)
    return passkey.member


@login_not_required
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End a member's session (a staff session in this browser is left alone)."""
    signed_in = session.current(request)
    if signed_in is not None:
        actions.log_sign_out(signed_in.member)
        session.end(request, "signed_out")
    return redirect("portal:sign_in")
