"""Typed requests for views, so that ``request.user`` is a ``User`` where it always is one.

Django types ``HttpRequest.user`` as ``User | AnonymousUser``: correct for the request as it
enters, but every view that LoginRequiredMiddleware lets through (all but the few marked
``@login_not_required``) only ever sees a signed-in ``User`` (second-factor verified, except on
the ``@otp_exempt`` pages that set the second factor up). Annotating
such a view's request as ``AuthenticatedHttpRequest`` says so once, instead of a
``type: ignore`` at every ``request.user`` (the pattern healthchecks uses).

This is an annotation only: nothing checks or converts the request at run time. The guarantee
comes from the middleware (``settings.MIDDLEWARE``), so use it only for views without
``@login_not_required``; public views and middleware keep ``HttpRequest``.
"""

from django.http import HttpRequest

from krachtbron.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose ``user`` is a signed-in staff ``User`` (never ``AnonymousUser``)."""

    user: User
