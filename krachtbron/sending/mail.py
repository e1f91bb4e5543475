"""The messages themselves: B1, in the member's chosen language, plain text and simple HTML.

A message names the member by first name only and says nothing about the family's situation:
who it is from, what to do, the link, until when it works, and that they may ignore it. The
texts are in templates/sending/mail/ (``<purpose>.txt`` and ``.html``, one subject each here).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from krachtbron.sending.models import Delivery, Purpose


def _subject(purpose: str) -> str:
    if purpose == Purpose.PORTAL:
        return _("Je uitnodiging voor Mijn Krachtbron")
    return _("Een korte vragenlijst van je hulpverlener")


def render_message(delivery: Delivery, link: str) -> tuple[str, str, str]:
    """(subject, text, html) of ``delivery`` with ``link``, in the delivery's language."""
    context = {
        "first_name": delivery.member.first_name,
        "link": link,
        "expires_at": delivery.link_expires_at,
        "portal_name": settings.PORTAL_NAME,
    }
    with translation.override(delivery.language):
        subject = _subject(delivery.purpose)
        text = render_to_string(f"sending/mail/{delivery.purpose}.txt", context)
        html = render_to_string(
            "sending/mail/base.html",
            {**context, "subject": subject, "body": f"sending/mail/{delivery.purpose}.html"},
        )
    return subject, text, html


def build_message(delivery: Delivery, address: str, link: str) -> EmailMultiAlternatives:
    """The e-mail for ``delivery`` to ``address``: plain text with an HTML alternative."""
    subject, text, html = render_message(delivery, link)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message
