"""The adviser's pages in the family file (tab "Vragenlijsten"); the teamleider's anonymous
figures of the questionnaire are in ``insight``.

A new link is shown exactly once: in the response to the POST that created it (the share page).
Printing and the PDF post the token back from that page; nothing stores it. Lost the link?
"Opnieuw versturen" withdraws it and makes a new one.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.permissions import get_family_for_user
from krachtbron.lib.idempotency import create_once, record_result
from krachtbron.lib.printed import PrintedLink, printed_views
from krachtbron.lib.qr import qr_svg
from krachtbron.lib.tokens import token_matches
from krachtbron.lib.typed_code import code_address, shown_code
from krachtbron.questionnaires import actions, family_session
from krachtbron.questionnaires.expiring import expires_soon
from krachtbron.questionnaires.forms import InviteForm, LinkTokenForm
from krachtbron.questionnaires.models import CLOSED_STATES, Invitation, Response, has_response
from krachtbron.questionnaires.permissions import get_invitation_for_user, get_response_for_user
from krachtbron.questionnaires.results import (
    comparison_rows,
    family_trends,
    item_trend,
    previous_response,
    response_result,
    side_by_side,
    side_by_side_rows,
)
from krachtbron.questionnaires.seen import mark_result_seen
from krachtbron.sending.actions import delivery_rows
from krachtbron.sending.forms import SendForm, send_form
from krachtbron.sending.models import Purpose
from krachtbron.sending.views import ALREADY_SENT, queue_from_form, send_context

TAB = "questionnaires"
# A reloaded or doubled POST must not make a second link (krachtbron/lib/idempotency.py): it is
# sent to the invitation made first, whose link is never shown again.
ALREADY_MADE = gettext_lazy(
    "Deze uitnodiging is al gemaakt. Kwijt? Kies 'Nieuwe link maken' bij de uitnodiging."
)


def _link(request: AuthenticatedHttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("questionnaires:open", args=[token]))


@require_GET
def family_tab(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    now = timezone.now()
    invitations = list(
        family.invitations.select_related("member", "response", "created_by").order_by(
            "-created_at", "-id"
        )
    )
    rows = []
    for inv in invitations:
        state = inv.state_at(now, has_response(inv))
        soon = expires_soon(inv, now, is_open=state not in CLOSED_STATES)
        rows.append({"invitation": inv, "state": state, "expires_soon": soon})
    completed = list(
        Response.objects.filter(family=family, completed_at__isnull=False)
        .select_related("member")
        .prefetch_related("answers")
        .order_by("completed_at", "id")
    )
    trends = family_trends(family, completed)
    log_access(request.user, family, AccessKind.READ, object_type="questionnaires")
    context = file_context(
        family,
        TAB,
        rows=rows,
        completed=sorted(completed, key=lambda r: r.completed_at, reverse=True),
        trends=trends,
        can_invite=family.members.filter(role__in=actions.INVITABLE_ROLES).exists(),
    )
    return render(request, "questionnaires/family_tab.html", context)


def _share_page(
    request: AuthenticatedHttpRequest,
    invitation: Invitation,
    token: str,
    *,
    status: int = 200,
    email_form: SendForm | None = None,
) -> HttpResponse:
    """The only page that ever shows a link; rendered in the response to a POST, never stored.
    ``email_form``: the e-mail or SMS form with what the adviser typed (its errors shown)."""
    link = _link(request, token)
    context = file_context(
        invitation.family,
        TAB,
        invitation=invitation,
        token=token,
        link=link,
        code=shown_code(token, invitation.code_hash),
        code_address=code_address(request),
        qr=qr_svg(link, title=_("QR-code met de persoonlijke link")),
        send_url=reverse("questionnaires:send_email", args=[invitation.pk]),
        **send_context(request, email_form, invitation.language, invitation.member_id),
    )
    # No "no-referrer" here: the print and PDF forms on this page must send their Origin for
    # the CSRF check (the URL holds no token; the site-wide policy is same-origin).
    return render(request, "questionnaires/share.html", context, status=status)


@require_http_methods(["GET", "POST"])
@create_once(replay_message=ALREADY_MADE)
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form = InviteForm(request.POST or None, family=family, user=request.user)
    if request.method == "POST" and form.is_valid():
        invitation, token = actions.invite_member(
            request.user,
            family,
            form.cleaned_data["member"],
            moment=form.cleaned_data["moment"],
            language=form.cleaned_data["language"],
            instrument_id=form.cleaned_data["instrument"],
        )
        record_result(request, reverse("questionnaires:invitation", args=[invitation.pk]))
        if "together" in request.POST:
            return _handover(request, invitation)
        return _share_page(request, invitation, token)
    # The form lists the members: every showing is a look at the file, a re-shown one too.
    log_access(request.user, family, AccessKind.READ, object_type="invitation_form")
    return render(
        request,
        "questionnaires/invite.html",
        file_context(family, TAB, form=form),
        status=400 if form.errors else 200,
    )


@require_GET
def invitation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    log_access(request.user, invitation.family, AccessKind.READ, invitation)
    context = file_context(
        invitation.family,
        TAB,
        invitation=invitation,
        state=invitation.state,
        open=actions.problem_of(invitation) is None,
        deliveries=delivery_rows(Purpose.QUESTIONNAIRE, [invitation.pk])[invitation.pk],
    )
    return render(request, "questionnaires/invitation.html", context)


@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    if actions.withdraw_invitation(request.user, invitation):
        messages.success(request, _("De uitnodiging is ingetrokken. De link werkt niet meer."))
    else:
        messages.info(request, _("Deze uitnodiging was al ingevuld of ingetrokken."))
    return redirect("questionnaires:family", pk=invitation.family_id)


@require_POST
@create_once(replay_message=ALREADY_MADE)
def resend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    if invitation.completed_at is not None:
        messages.info(request, _("Deze vragenlijst is al ingevuld. Maak een nieuwe uitnodiging."))
        return redirect("questionnaires:family", pk=invitation.family_id)
    new, token = actions.resend_invitation(request.user, invitation)
    record_result(request, reverse("questionnaires:invitation", args=[new.pk]))
    new.family = invitation.family
    return _share_page(request, new, token)


def _handover(request: AuthenticatedHttpRequest, invitation: Invitation) -> HttpResponse:
    if actions.problem_of(invitation) is not None:
        messages.error(request, _("Deze uitnodiging kan niet meer worden ingevuld."))
        return redirect("questionnaires:family", pk=invitation.family_id)
    actions.start_handover(request.user, invitation)
    # From here on this device holds only the family's session: the adviser is signed out.
    family_session.begin(request, invitation, handover=True)
    return redirect("questionnaires:form_start")


@require_POST
def handover(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Samen invullen": hand this device to the family without showing the link."""
    return _handover(request, get_invitation_for_user(request.user, pk))


def _checked_token(request: AuthenticatedHttpRequest, invitation: Invitation) -> str | None:
    form = LinkTokenForm(request.POST)
    if not form.is_valid():
        return None
    token: str = form.cleaned_data["token"]
    if not token_matches(token, invitation.token_hash):
        return None
    return token


def _print_context(
    request: AuthenticatedHttpRequest, invitation: Invitation, token: str
) -> dict[str, object]:
    link = _link(request, token)
    instrument = actions.instrument_for(invitation)
    with translation.override(invitation.language):
        title = _("QR-code met de persoonlijke link")
    return {
        "invitation": invitation,
        "member": invitation.member,
        "instrument": instrument,
        "link": link,
        "code": shown_code(token, invitation.code_hash),
        "code_address": code_address(request),
        "qr": qr_svg(link, title=title),
        "items": len(instrument.items),
    }


def _printable(request: AuthenticatedHttpRequest, pk: int) -> tuple[Invitation, str] | HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    token = _checked_token(request, invitation)
    if token is None:
        messages.error(request, _("Deze link hoort niet bij deze uitnodiging."))
        return redirect("questionnaires:invitation", pk=invitation.pk)
    if actions.problem_of(invitation) is not None:
        messages.error(request, _("Deze uitnodiging kan niet meer worden ingevuld."))
        return redirect("questionnaires:invitation", pk=invitation.pk)
    return invitation, token


# The printed invitation to the questionnaire and its PDF (``lib.printed``), in the
# invitation's language.
print_invitation, invitation_pdf = printed_views(
    PrintedLink(
        find=_printable,
        log=lambda request, invitation, fmt: actions.log_print(request.user, invitation, fmt),
        template="questionnaires/print.html",
        context=_print_context,
        language=lambda request, invitation: invitation.language,
        filename="uitnodiging-vragenlijst.pdf",
    )
)


@require_POST
@create_once(replay_message=ALREADY_SENT)
def send_email(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Send the link by e-mail or SMS (from the share page, which posts the token back)."""
    found = _printable(request, pk)
    if isinstance(found, HttpResponse):
        return found
    invitation, token = found
    form = send_form(request.POST, language=invitation.language, member_id=invitation.member_id)
    sent = queue_from_form(
        request,
        form,
        invitation.member,
        purpose=Purpose.QUESTIONNAIRE,
        subject_id=invitation.pk,
        link=_link(request, token),
        expires_at=invitation.expires_at,
        back=reverse("questionnaires:invitation", args=[invitation.pk]),
        code=shown_code(token, invitation.code_hash),
    )
    return sent or _share_page(request, invitation, token, status=400, email_form=form)


@require_GET
def response_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    if response.completed_at is None:
        raise Http404
    result = response_result(response)
    previous = previous_response(response)
    changes = comparison = None
    if previous is not None:
        comparison, changes = comparison_rows(result.instrument, previous, response)
    others = side_by_side(response)
    both = [response, *others]
    log_access(
        request.user,
        response.family,
        AccessKind.READ,
        response,
        object_type="questionnaire_response",
    )
    mark_result_seen(request.user, response)  # no longer "nieuw" on this adviser's caseload
    context = file_context(
        response.family,
        TAB,
        result=result,
        response=response,
        previous=previous,
        changes=changes,
        section_changes=comparison.sections if comparison else [],
        others=others,
        side_by_side=side_by_side_rows(result.instrument, both) if others else [],
        side_by_side_members=both,
        item_trend=item_trend(response),
    )
    return render(request, "questionnaires/response.html", context)
