"""Writes for teams and users, each in one transaction."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from krachtbron.accounts import otp
from krachtbron.accounts.models import StaffSession, User


def invitation_link(user: User, site_url: str = "") -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "accounts:activate", args=[uid, token]
    )


def invite_user(user: User, site_url: str = "") -> str:
    """Save a new user without a usable password and send the invitation link."""
    with transaction.atomic():
        user.set_unusable_password()
        user.save()
    link = invitation_link(user, site_url)
    transaction.on_commit(
        lambda: send_mail(
            _("Uitnodiging voor Krachtbron"),
            _(
                "Je bent uitgenodigd voor Krachtbron. Kies je wachtwoord via deze link "
                "(3 dagen geldig):\n\n%(link)s\n\nDaarna koppel je een authenticator-app."
            )
            % {"link": link},
            None,
            [user.email],
            fail_silently=True,
        )
    )
    return link


def end_sessions(user: User) -> int:
    """Delete every server-side session of this user."""
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _details = Session.objects.filter(session_key__in=keys).delete()
    StaffSession.objects.filter(user=user).delete()
    return deleted


def deactivate_user(user: User) -> None:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        end_sessions(user)


def reactivate_user(user: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


def reset_second_factor(user: User) -> None:
    """The user connects a new authenticator app at the next sign-in."""
    with transaction.atomic():
        otp.reset_devices(user)
        end_sessions(user)
