"""Sign-in: password, then a TOTP code; logout; accepting an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from krachtbron.accounts import otp
from krachtbron.accounts.forms import LoginForm, TokenForm
from krachtbron.accounts.middleware import otp_exempt, start_session_clock
from krachtbron.accounts.models import StaffSession


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = False

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        super().form_valid(form)  # logs in with a fresh session key
        start_session_clock(self.request)
        self.request.session.save()
        StaffSession.objects.get_or_create(
            user=self.request.user,  # type: ignore[misc]
            session_key=self.request.session.session_key,
        )
        if otp.confirmed_device(self.request.user) is None:  # type: ignore[arg-type]
            return redirect("accounts:setup")
        return redirect("accounts:verify")


login_view = login_not_required(LoginView.as_view())


def _rotate_session(request: HttpRequest) -> None:
    """A new session id once the second factor is verified; keep the user's session list right."""
    old_key = request.session.session_key
    request.session.cycle_key()
    StaffSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


@otp_exempt
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the authenticator app."""
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect("home")
    device = otp.confirmed_device(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Throttling and one-time use, checked and recorded atomically (otp.check_code).
        check = otp.check_code(device, form.cleaned_data["code"])
        if check.verified:
            otp_login(request, device)
            _rotate_session(request)
            return redirect(settings.LOGIN_REDIRECT_URL)
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
def setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: connect an authenticator app by scanning a QR code."""
    device = otp.pending_device(request.user)  # type: ignore[arg-type]
    if device is None:  # already connected
        return redirect("accounts:verify")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.check_code(device, form.cleaned_data["code"], confirm=True).verified:
            otp_login(request, device)
            _rotate_session(request)
            messages.success(request, _("Je authenticator-app is gekoppeld."))
            return redirect(settings.LOGIN_REDIRECT_URL)
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


class ActivateView(auth_views.PasswordResetConfirmView):
    """Accept an invitation: choose a password. The token leaves the URL at once (Django)."""

    template_name = "accounts/activate.html"
    form_class = SetPasswordForm  # type: ignore[assignment]
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        messages.success(self.request, _("Je wachtwoord is ingesteld. Log nu in."))
        return super().form_valid(form)


activate_view = login_not_required(ActivateView.as_view())
