"""What every administrative change of teams and users shares.

``AdminError`` carries the Dutch refusal; ``require_beheerder`` is the check each change starts
with; ``changed_fields`` is what the log row records (old and new values, or only that a
personal field changed); the invitation link and its e-mail serve both a plain invitation
(``actions.invite_user``) and an approved beheerder role (``four_eyes.decide_request``).
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from krachtbron.accounts.models import Role, User
from krachtbron.accounts.roles import has_role
from krachtbron.audit.log import CHANGED

#: User fields whose values are personal data: the log records only that they changed.
PERSONAL_FIELDS = ("first_name", "last_name", "username", "email")


class AdminError(Exception):
    """An administrative change is refused; ``message`` is Dutch, for the beheerder."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def require_beheerder(actor: User) -> None:
    """Raise AdminError unless ``actor`` is an active beheerder (``roles.has_role``)."""
    if not has_role(actor, Role.BEHEERDER):
        raise AdminError(_("Alleen een actieve beheerder kan dit doen."))


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose value differs, as ``{field: [old, new]}`` (personal fields: CHANGED)."""
    changes: dict[str, Any] = {}
    for field, new in after.items():
        old = before.get(field)
        if old != new:
            changes[field] = CHANGED if field in PERSONAL_FIELDS else [old, new]
    return changes


def invitation_link(user: User, site_url: str = "") -> str:
    """The one-time link with which an invited user chooses a password (3 days valid)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "accounts:activate", args=[uid, token]
    )


def send_invitation(user: User, link: str) -> None:
    """E-mail the invitation link once the current transaction commits."""
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
