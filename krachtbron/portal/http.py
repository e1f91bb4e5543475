"""Typed requests and the decorator for the pages of a signed-in family member.

``member_required`` is the one gate of every Mijn Krachtbron page behind the sign-in: it finds
the member in the session (``session.current``), or sends the visitor to the portal's sign-in
page. Django's LoginRequiredMiddleware guards staff pages; these pages are outside it
(``login_not_required``), and a staff session never passes this gate (``session.current``
refuses a signed-in staff user). The view gets the member as ``request.member``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from krachtbron.aftercare.actions import PortalAccess, portal_access
from krachtbron.families.models import FamilyMember
from krachtbron.lib import kept_forms
from krachtbron.portal import session
from krachtbron.portal.session import MemberSession


class MemberHttpRequest(HttpRequest):
    """A request of a signed-in family member (set by ``member_required``)."""

    member: FamilyMember
    member_session: MemberSession
    portal_access: PortalAccess


MemberView = Callable[..., HttpResponse]


def member_required(view: MemberView) -> MemberView:
    """Let only a signed-in family member in; everyone else goes to the portal's sign-in."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        signed_in = session.current(request)
        if signed_in is None:
            if request.method == "POST":
                page = _form_page(request)
                if page is not None:
                    session.keep_typed(request, page)
            return redirect("portal:sign_in")
        access = portal_access(signed_in.member.family)
        if access.ended:  # the help is closed and the period to read the plan is over
            session.end(request)
            return render(request, "portal/problem.html", {"problem": "closed"}, status=403)
        if access.closed and not allowed_after_close(request):
            context = {"member": signed_in.member, "until": access.until}
            return render(request, "portal/after_close.html", context, status=403)
        typed = cast(MemberHttpRequest, request)
        typed.member = signed_in.member
        typed.member_session = signed_in
        typed.portal_access = access
        if request.method == "GET":
            kept = session.take_kept(request, signed_in.member)
            if kept is not None:
                kept_forms.give_back(request, kept)
                messages.info(
                    request,
                    _("Je was uitgelogd. Wat je had ingevuld staat er weer. Kijk of het klopt."),
                )
        return view(typed, *args, **kwargs)

    wrapper.member_gate = True  # type: ignore[attr-defined]  # the page sweeps find the gate
    return wrapper


#: Member forms with typed text, and the page that shows each form again (by URL name):
#: a late POST to one of them is kept for the member (``session.keep_typed``).
FORM_PAGES = {
    "goal_add": "goal_add",
    "goal_edit": "goal_edit",
    "goal_score": "goal_score",
    "dimension_score": "dimension_score",
    "correction": "dossier",
    "network_plan_call": "network_plan_call",
    "share_new": "share_new",
}


def _form_page(request: HttpRequest) -> str | None:
    """The page that shows again the form this POST came from, or None (a button, no text)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    page = FORM_PAGES.get(match.url_name or "") if match.namespace == "portal" else None
    return reverse(f"portal:{page}", kwargs=match.kwargs) if page else None


#: What a member can still do in Mijn Krachtbron after the help is closed (until the access
#: period ends, ``aftercare.actions.portal_access``; docs/netwerkplan.md, "Afsluiten en
#: nazorg"): read the plan, the agreements and the netwerkplan, share the netwerkplan and answer
#: the follow-up check-ins. Everything else (new goals, scores, questionnaires, Onze mensen,
#: corrections, a copy of the file) goes through the team again. By URL name in the portal's
#: namespace; a name that starts with ``network_plan`` or ``followup`` is all of that part.
AFTER_CLOSE_READ = frozenset({"home", "plan_pdf", "agreements", "dossier"})
AFTER_CLOSE_WRITE = frozenset({"language"})
AFTER_CLOSE_PARTS = ("network_plan", "share", "followup")


def allowed_after_close(request: HttpRequest) -> bool:
    """May a member of a closed family make this request (see ``AFTER_CLOSE_READ``)?"""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if match.namespace != "portal":
        return False
    return _allowed_after_close(match.url_name or "", request.method or "GET")


def _allowed_after_close(name: str, method: str) -> bool:
    if name.startswith(AFTER_CLOSE_PARTS):
        return True
    if method in ("GET", "HEAD"):
        return name in AFTER_CLOSE_READ
    return name in AFTER_CLOSE_WRITE


def may_use(request: HttpRequest, url_name: str, method: str = "GET") -> bool:
    """May the signed-in member use the portal page ``url_name`` (in the portal's namespace,
    "portal:" optional) with ``method`` today? The question a page asks before it offers a
    link, a button or a sentence like "Je kunt zelf iets toevoegen": after the help is closed
    only what the gate lets through (``AFTER_CLOSE_READ``), so nothing is offered that then
    answers "Dit kan niet meer". Templates ask it through ``{% load portal_access %}``:
    ``request|may_open:"goal_add"`` and ``request|may_post:"agreement_status"``."""
    access = getattr(request, "portal_access", None)
    if access is None or not access.closed:
        return True
    return _allowed_after_close(url_name.removeprefix("portal:"), method)
