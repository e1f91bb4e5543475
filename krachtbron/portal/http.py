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
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from krachtbron.families.models import FamilyMember
from krachtbron.lib import kept_forms
from krachtbron.portal import session
from krachtbron.portal.session import MemberSession


class MemberHttpRequest(HttpRequest):
    """A request of a signed-in family member (set by ``member_required``)."""

    member: FamilyMember
    member_session: MemberSession


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
        typed = cast(MemberHttpRequest, request)
        typed.member = signed_in.member
        typed.member_session = signed_in
        if request.method == "GET":
            kept = session.take_kept(request, signed_in.member)
            if kept is not None:
                kept_forms.give_back(request, kept)
                messages.info(
                    request,
                    _("Je was uitgelogd. Wat je had ingevuld staat er weer. Kijk of het klopt."),
                )
        return view(typed, *args, **kwargs)

    return wrapper


#: Member forms with typed text, and the page that shows each form again (by URL name):
#: a late POST to one of them is kept for the member (``session.keep_typed``).
FORM_PAGES = {
    "goal_add": "goal_add",
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
