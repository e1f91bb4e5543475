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

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from krachtbron.families.models import FamilyMember
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
            return redirect("portal:sign_in")
        typed = cast(MemberHttpRequest, request)
        typed.member = signed_in.member
        typed.member_session = signed_in
        return view(typed, *args, **kwargs)

    return wrapper
