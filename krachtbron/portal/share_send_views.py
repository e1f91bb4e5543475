"""The link page's other ways to give a share's link (issue 16, item 1; portal/share_send.py):
"Stuur per sms", "Stuur per e-mail" and "Samen bekijken op deze telefoon", and "opnieuw
versturen" of a share message that failed.

Like printing and the PDF, each form posts the share's token back from the link page (the
only page that shows it); nothing puts the token in a URL. A share this member may not see is
a 404 with a DENIED row (``networkplan_views._visible_share``); a token that does not belong
to it, or a share that ended, sends the member back to the list with a message.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.lib.idempotency import create_once, record_result
from krachtbron.networkplan import sharing
from krachtbron.portal import actions
from krachtbron.portal import share_send as rules
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.networkplan_views import (
    _link_page,
    _page,
    _printable,
    _share_url,
    _visible_share,
)
from krachtbron.sending import actions as sending
from krachtbron.sending.forms import share_send_form
from krachtbron.sending.models import Channel, Delivery, Purpose

ALREADY_SENT = gettext_lazy("Dit bericht is al verstuurd. Hieronder zie je of het is aangekomen.")
STOPPED = gettext_lazy(
    "Deze persoon wil geen berichten meer van ons. Er gaat niets weg. Geef de link op een "
    "andere manier: laat de QR-code scannen, of druk hem af."
)
TOO_MANY = gettext_lazy(
    "Je hebt het afgelopen uur al veel berichten gestuurd. Er gaat niets weg. Probeer het over "
    "een uur weer, of geef de link op een andere manier."
)


@member_required
@require_POST
@create_once(replay_message=ALREADY_SENT)
def share_send(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Send the share's link by e-mail or SMS to the person it is for, in the share's
    language; the list then says whether it went out. Bad input: the link page again, with
    a Dutch message and what was typed; nothing is queued."""
    found = _printable(request, pk)
    if isinstance(found, HttpResponse):
        return found
    share, token = found
    person_id = share.person_id
    if person_id is None:  # never for an active share: removing a person ends their shares
        return redirect(_page(f"gedeeld-{share.pk}"))
    form = share_send_form(request.POST, network_person_id=person_id)
    if not form.is_valid():
        return _link_page(request, share, token, posted=form)
    if form.stopped:  # said on the form too; checked again by the task
        form.add_error(None, STOPPED)
        return _link_page(request, share, token, posted=form)
    if rules.sends_left(request.member) <= 0:
        form.add_error(None, TOO_MANY)
        return _link_page(request, share, token, posted=form)
    to = form.cleaned_data["number" if form.channel == Channel.SMS else "address"]
    sending.queue_share(
        request.member,
        network_person_id=person_id,
        share_id=share.pk,
        channel=form.channel,
        to=to,
        link=_share_url(request, token),
        expires_at=share.expires_at,
        language=share.language,
    )
    back = _page(f"gedeeld-{share.pk}")
    record_result(request, back)
    messages.success(
        request, _("Het bericht staat klaar om te versturen. Hieronder zie je of het is gelukt.")
    )
    return redirect(back)


@member_required
@require_POST
def share_together(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Samen bekijken op deze telefoon": the member sees, in their own session, exactly the
    page the person will see (the same template and view, in the share's language), to look
    at it together. Logged as the member's read of the share."""
    found = _printable(request, pk)
    if isinstance(found, HttpResponse):
        return found
    share = sharing.load_share(found[0].pk)
    if share is None:  # gone meanwhile
        raise Http404
    with translation.override(share.language):
        view = sharing.shared_view(share)
        log_access(
            actions.member_actor(request.member),
            request.member.family,
            AccessKind.READ,
            share,
            extra={"together": True},
        )
        return render(
            request,
            "networkplan/share_view.html",
            {"shared": view, "together": True, "back": _page(f"gedeeld-{share.pk}")},
        )


@member_required
@require_POST
def share_send_again(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """ "Stuur opnieuw" of a share message that failed or could not be confirmed, while its
    address is still kept (``sending.actions.send_again``)."""
    member = request.member
    delivery = (
        Delivery.objects.select_related("family").filter(pk=pk, purpose=Purpose.SHARE).first()
    )
    if delivery is None or delivery.family_id != member.family_id:
        _deny(request, delivery, pk)
    assert delivery is not None
    _visible_share(request, delivery.subject_id)  # 404 with a DENIED row when not theirs
    if sending.send_again(actions.member_actor(member), delivery):
        messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    else:
        messages.info(request, _("Dit bericht kan niet opnieuw worden verstuurd."))
    return redirect(_page(f"gedeeld-{delivery.subject_id}"))


def _deny(request: MemberHttpRequest, delivery: Delivery | None, pk: int) -> None:
    """Another family's message (or none): 404, with a DENIED row for that family."""
    if delivery is not None:
        log_access(
            actions.member_actor(request.member),
            FamilyRef(delivery.family_id, delivery.family.reference),
            AccessKind.READ,
            object_type="delivery",
            object_id=pk,
            result=AccessResult.DENIED,
        )
    raise Http404
