"""Failed sign-ins to Mijn Krachtbron are throttled by the project's own lockout: django-axes.

Staff sign-ins count failures per user name and address (settings.AXES_*). A family member has
no user name (a passkey is found by itself), so every failed portal sign-in — a passkey answer
that is refused, a link that does not work — counts under one fixed name, per address: after
``AXES_FAILURE_LIMIT`` failures that address cannot sign in to the portal for
``AXES_COOLOFF_TIME``; staff sign-in from the same address is not affected (another name). A
successful sign-in resets the count (``AXES_RESET_ON_SUCCESS``). A beheerder lifts a lockout
with the same commands as for staff (``axes_reset_username mijn-krachtbron``, logged).

The portal answers a lockout with its own B1 page, not axes' staff page.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.http import HttpRequest

#: The name every portal sign-in counts under (no member name or id).
PORTAL_USERNAME = "mijn-krachtbron"
_CREDENTIALS = {"username": PORTAL_USERNAME}


def is_locked(request: HttpRequest) -> bool:
    """True when this address has failed too often lately."""
    return bool(AxesProxyHandler.is_locked(request, _CREDENTIALS))


def failed(request: HttpRequest) -> bool:
    """Count one failed sign-in; True when the address is locked now."""
    AxesProxyHandler.user_login_failed(sender=failed, credentials=_CREDENTIALS, request=request)
    locked = bool(getattr(request, "axes_locked_out", False))
    # The page is ours: keep axes' middleware from replacing it with the staff lockout page.
    request.axes_locked_out = False  # type: ignore[attr-defined]
    return locked


def succeeded(request: HttpRequest) -> None:
    """A member signed in: forget this address's failures."""
    AxesProxyHandler.update_request(request)
    address = getattr(request, "axes_ip_address", None)
    if address:
        AxesProxyHandler.reset_attempts(ip_address=address, username=PORTAL_USERNAME)
