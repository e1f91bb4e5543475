"""The adviser's side of sending: the forms on a share page, and "opnieuw versturen".

The share pages of the questionnaire and of Mijn Krachtbron (the only pages that show a link)
post the token back with an e-mail address or a mobile number (``forms.send_form`` picks the
form by the posted channel); ``queue_from_form`` checks it and queues the message.
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.families.models import FamilyMember
from krachtbron.lib.idempotency import keys_for_forms, record_result
from krachtbron.sending import actions, stops
from krachtbron.sending.forms import SendEmailForm, SendForm, SendSmsForm
from krachtbron.sending.models import Channel, Purpose
from krachtbron.sending.permissions import get_delivery_for_user

# A reloaded or doubled "Versturen" sends nothing more (lib/idempotency.py).
ALREADY_SENT = gettext_lazy("Dit bericht is al verstuurd. Hieronder zie je of het is aangekomen.")
STOPPED = gettext_lazy(
    "Dit gezinslid wil geen berichten meer van ons. Er gaat niets weg. Geef de link op een "
    "andere manier, of zet de berichten weer aan in de tab Mijn Krachtbron als het gezinslid "
    "dat vraagt."
)


#: A share page's two send forms, each with its own one-time key (``email_key``, ``sms_key``):
#: sending by e-mail does not make the SMS form answer "al verstuurd". Not ``{% form_key %}``:
#: the share page answers the POST that made the link, whose key is already used.
SEND_FORMS = ("email", "sms")


def send_context(
    request: AuthenticatedHttpRequest, posted: SendForm | None, language: str, member_id: int
) -> dict[str, object]:
    """What a share page needs for its send forms: both forms (``posted``, with its errors and
    what was typed, in place of its empty one), the form key, and which channel to show open.
    ``member_id``: whose link it is (a member who stopped messages: the forms say so)."""
    email = (
        posted
        if isinstance(posted, SendEmailForm)
        else SendEmailForm(language=language, member_id=member_id)
    )
    sms = (
        posted
        if isinstance(posted, SendSmsForm)
        else SendSmsForm(language=language, member_id=member_id)
    )
    return {
        "email_form": email,
        "sms_form": sms,
        **keys_for_forms(request, SEND_FORMS, getattr(posted, "channel", "")),
        "open_channel": posted.channel if posted is not None else "",
    }


def queue_from_form(
    request: AuthenticatedHttpRequest,
    form: SendForm,
    member: FamilyMember,
    *,
    purpose: Purpose,
    subject_id: int,
    link: str,
    expires_at: datetime,
    back: str,
    code: str = "",
) -> HttpResponse | None:
    """Queue the message when ``form`` is valid and redirect to ``back`` (with a notice);
    None when the form has errors (the caller shows the share page again, with them).
    ``code``: the link's typed code as shown, said in the message beside the link."""
    if not form.is_valid():
        return None
    if stops.is_stopped(member.pk):  # said on the form too; checked again by the task
        form.add_error(None, STOPPED)
        return None
    to = form.cleaned_data["number" if form.channel == Channel.SMS else "address"]
    actions.queue(
        request.user,
        member,
        channel=form.channel,
        purpose=purpose,
        subject_id=subject_id,
        to=to,
        link=link,
        expires_at=expires_at,
        language=form.cleaned_data["language"],
        remind=form.cleaned_data["remind"],
        code=code,
    )
    record_result(request, back)
    messages.success(
        request,
        _("Het bericht staat klaar om te versturen. Hieronder zie je of het is aangekomen."),
    )
    return redirect(back)


@require_POST
def send_again(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Opnieuw versturen" of a message that failed or could not be confirmed."""
    delivery = get_delivery_for_user(request.user, pk)
    if delivery.purpose == Purpose.SHARE:  # the family's own message: only they send it again
        messages.info(request, _("Dit bericht kan niet opnieuw worden verstuurd."))
    elif actions.send_again(request.user, delivery):
        messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    else:
        messages.info(request, _("Dit bericht kan niet opnieuw worden verstuurd."))
    return _back(delivery.purpose, delivery.subject_id, delivery.family_id)


_BACK: dict[str, Callable[[int, int], tuple[str, int]]] = {
    Purpose.QUESTIONNAIRE: lambda subject, family: ("questionnaires:invitation", subject),
    Purpose.PORTAL: lambda subject, family: ("portal:family", family),
    Purpose.SHARE: lambda subject, family: ("networkplan:plan", family),
}


def _back(purpose: str, subject_id: int, family_id: int) -> HttpResponse:
    name, pk = _BACK[purpose](subject_id, family_id)
    return redirect(name, pk=pk)
