"""The messages themselves: B1, in the member's chosen language, plain text and simple HTML.

A message names the member by first name only and says nothing about the family's situation
(a share message, to a person from the network, names only the member who shares):
who it is from, what to do, the link, until when it works, and that they may ignore it. The
texts are in templates/sending/mail/ (``<purpose>.txt`` and ``.html``, ``<purpose>_reminder``
for a reminder, one subject each here). Every message ends with the "geen berichten meer"
link (``stop.txt``, and in ``base.html``; stops.py).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from krachtbron.lib.typed_code import code_address_of
from krachtbron.sending.models import Delivery, Purpose
from krachtbron.sending.stops import stop_url


def _subject(purpose: str, reminder: int = 0) -> str:
    if purpose == Purpose.SHARE:  # no reminders; no name (the header is not isolated)
        return _("Er is een plan met je gedeeld")
    if reminder and purpose == Purpose.PORTAL:
        return _("Herinnering: je uitnodiging voor Mijn Krachtbron")
    if reminder:
        return _("Herinnering: een korte vragenlijst van je hulpverlener")
    if purpose == Purpose.PORTAL:
        return _("Je uitnodiging voor Mijn Krachtbron")
    return _("Een korte vragenlijst van je hulpverlener")


def template_name(delivery: Delivery) -> str:
    """The text's template name without extension: ``<purpose>`` or ``<purpose>_reminder``."""
    return f"{delivery.purpose}_reminder" if delivery.reminder else str(delivery.purpose)


def render_message(delivery: Delivery, link: str, code: str = "") -> tuple[str, str, str]:
    """(subject, text, html) of ``delivery`` with ``link`` and its typed ``code`` (as shown;
    "" for none), in the delivery's language."""
    context = {
        "first_name": delivery.member.first_name,
        "link": link,
        "code": code,
        "code_address": code_address_of(link),
        "expires_at": delivery.link_expires_at,
        "portal_name": settings.PORTAL_NAME,
        "stop_url": stop_url(delivery.pk),
    }
    name = template_name(delivery)
    with translation.override(delivery.language):
        subject = _subject(delivery.purpose, delivery.reminder)
        text = render_to_string(f"sending/mail/{name}.txt", context)
        text += render_to_string("sending/mail/stop.txt", context)
        html = render_to_string(
            "sending/mail/base.html",
            {**context, "subject": subject, "body": f"sending/mail/{name}.html"},
        )
    return subject, text, html


def build_message(
    delivery: Delivery, address: str, link: str, code: str = ""
) -> EmailMultiAlternatives:
    """The e-mail for ``delivery`` to ``address``: plain text with an HTML alternative."""
    subject, text, html = render_message(delivery, link, code)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message
