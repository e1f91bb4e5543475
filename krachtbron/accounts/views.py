"""Sign-in: password, then a TOTP code; logout; accepting an invitation; how long a session
has left and "Blijf ingelogd"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from krachtbron.accounts import otp
from krachtbron.accounts.forms import ActivateForm, LoginForm, TokenForm
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.middleware import (
    EXPIRED,
    NEXT,
    RESTORE,
    mark_seen,
    otp_exempt,
    session_deadline,
    start_session_clock,
)
from krachtbron.accounts.models import StaffSession, User
from krachtbron.lib import kept_forms


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = False
    http_method_names = ["get", "post"]  # the form and its POST (tests/test_view_methods.py)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        # A staff session starts empty: whatever this browser held before (a family member's
        # Mijn Krachtbron or questionnaire session) is flushed server-side, not carried over.
        self.request.session.flush()
        super().form_valid(form)  # logs in with a fresh session key
        user = form.get_user()
        start_session_clock(self.request)
        # Where the user was going (checked for this host by Django), after the second step.
        self.request.session[NEXT] = self.get_redirect_url()
        self.request.session.pop(EXPIRED, None)  # signed in again: nothing to keep any more
        self.request.session.save()
        StaffSession.objects.get_or_create(
            user=user,
            session_key=self.request.session.session_key,
        )
        if otp.confirmed_device(user) is None:
            return redirect("accounts:setup")
        return redirect("accounts:verify")


login_view = login_not_required(LoginView.as_view())


def _signed_in(request: HttpRequest) -> HttpResponse:
    """After the second step: to the page the user was going to (given with the password, or
    the page whose form was kept when the session ran out), else the home page."""
    target = request.session.pop(NEXT, "") or resolve_url(settings.LOGIN_REDIRECT_URL)
    path = urlsplit(target).path
    kept_forms.forget_expired()
    if kept_forms.waiting(request.user.pk or 0, path):
        request.session[RESTORE] = path  # only this user's kept form of that page, if any
    return redirect(target)


def _rotate_session(request: HttpRequest) -> None:
    """A new session id once the second factor is verified; keep the user's session list right."""
    old_key = request.session.session_key
    request.session.cycle_key()
    StaffSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


@otp_exempt
@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the authenticator app."""
    if otp.is_verified(request.user):
        return redirect("home")
    device = otp.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Throttling and one-time use, checked and recorded atomically (otp.check_code).
        check = otp.check_code(device, form.cleaned_data["code"])
        if check.verified:
            otp_login(request, device)
            _rotate_session(request)
            return _signed_in(request)
        form.add_error(
            "code",
            _(
                "Deze code klopt niet of is al gebruikt. "
                "Wacht op een nieuwe code en probeer het opnieuw."
            )
            if not check.throttled
            else _("Te veel foute codes. Wacht even en probeer het dan opnieuw."),
        )
    demo_code = otp.current_code(device) if settings.DEMO_MODE else None
    return render(request, "accounts/verify.html", {"form": form, "demo_code": demo_code})


@otp_exempt
@require_http_methods(["GET", "POST"])
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First sign-in: connect an authenticator app by scanning a QR code."""
    device = otp.pending_device(request.user)
    if device is None:  # already connected
        return redirect("accounts:verify")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.check_code(device, form.cleaned_data["code"], confirm=True).verified:
            otp_login(request, device)
            _rotate_session(request)
            messages.success(request, _("Je authenticator-app is gekoppeld."))
            return _signed_in(request)
        form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code uit je app."))
    context = {
        "form": form,
        "qr_svg": otp.qr_code(device),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "demo_code": otp.current_code(device) if settings.DEMO_MODE else None,
    }
    return render(request, "accounts/setup.html", context)


@login_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Je bent uitgelogd."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _session_state(request: HttpRequest) -> dict[str, object]:
    ends = session_deadline(request.session)
    if ends is None:
        return {"expires_in": 0, "absolute": True}
    seconds = max(0, int((ends[0] - timezone.now()).total_seconds()))
    return {"expires_in": seconds, "absolute": ends[1]}


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How many seconds this session has left, for the warning before it ends. Asking does not
    count as activity (the middleware skips this path)."""
    return JsonResponse(_session_state(request))


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """ "Blijf ingelogd": count now as activity. JSON for the warning's script; without script
    (a plain form post) back to the page the user came from."""
    mark_seen(request.session, timezone.now())
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(_session_state(request))
    messages.success(request, _("Je blijft ingelogd."))
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = resolve_url(settings.LOGIN_REDIRECT_URL)
    return redirect(back)


class ActivateView(auth_views.PasswordResetConfirmView):
    """Accept an invitation: choose a password. The token leaves the URL at once (Django)."""

    template_name = "accounts/activate.html"
    form_class = ActivateForm
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False
    http_method_names = ["get", "post"]

    def form_valid(self, form: "SetPasswordForm[User]") -> HttpResponse:
        messages.success(self.request, _("Je wachtwoord is ingesteld. Log nu in."))
        return super().form_valid(form)


activate_view = login_not_required(ActivateView.as_view())
