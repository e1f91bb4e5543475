"""The adviser's side of Mijn Krachtbron: the tab "Mijn Krachtbron" in the family file.

Per member: invite (personal link, QR code, printed page or PDF; it expires and can be
withdrawn; a new invitation revokes the member's passkeys: a lost phone) and "Eenmalige
link" (one session for one visit). As with the questionnaire, a link is shown exactly once, in
the response to the POST that made it; printing and the PDF post the token back.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.permissions import get_family_for_user, get_member_for_user
from krachtbron.families.rights import may_have_portal
from krachtbron.lib.idempotency import create_once, record_result
from krachtbron.lib.printed import PrintedLink, printed_views
from krachtbron.lib.qr import qr_svg
from krachtbron.lib.tokens import token_matches
from krachtbron.lib.typed_code import code_address, shown_code
from krachtbron.portal import actions, language
from krachtbron.portal.dossier_actions import corrections_of
from krachtbron.portal.dossier_forms import LanguageForm
from krachtbron.portal.models import LinkKind, MemberLink, Passkey
from krachtbron.portal.permissions import get_link_for_user
from krachtbron.questionnaires.forms import LinkTokenForm
from krachtbron.sending.actions import delivery_rows
from krachtbron.sending.forms import SendForm, send_form
from krachtbron.sending.models import Purpose
from krachtbron.sending.stops import stops_of
from krachtbron.sending.views import ALREADY_SENT, queue_from_form, send_context

TAB = "portal"
ALREADY_MADE = gettext_lazy("Deze link is al gemaakt. Kwijt? Maak bij het gezinslid een nieuwe.")


def _link_url(request: AuthenticatedHttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("portal:open", args=[token]))


@require_safe
def family_tab(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Per member: may they have access, their links and passkeys, and the buttons; and the
    family's correction requests ("dit klopt niet") to answer."""
    family = get_family_for_user(request.user, pk)
    log_access(request.user, family, AccessKind.READ, object_type="portal_access")
    return tab_page(request, family)


def tab_page(
    request: AuthenticatedHttpRequest, family: Family, status: int = 200, **extra: object
) -> HttpResponse:
    """The tab's page for ``family`` (the caller has checked access and logged the look);
    ``extra`` goes to the template (a correction's answer form with errors)."""
    now = timezone.now()
    today = timezone.localdate()
    members = list(family.members.all())
    links = list(family.portal_links.select_related("created_by").order_by("-created_at", "-id"))
    keys = list(Passkey.objects.filter(family=family).order_by("-created_at", "-id"))
    languages = language.invitation_defaults(members)
    sent = delivery_rows(Purpose.PORTAL, [link.pk for link in links])
    stopped = stops_of([member.pk for member in members])
    rows = [
        {
            "member": member,
            "eligible": may_have_portal(member, today),
            "language": languages[member.pk],
            "links": [
                {"link": link, "state": link.state_at(now)}
                for link in links
                if link.member_id == member.pk
            ],
            "passkeys": [key for key in keys if key.member_id == member.pk],
            "deliveries": [
                row for link in links if link.member_id == member.pk for row in sent[link.pk]
            ],
            "deliveries_id": f"deliveries-{member.pk}",
            "stop": stopped.get(member.pk),
            "active_passkeys": any(
                key.member_id == member.pk and key.revoked_at is None for key in keys
            ),
        }
        for member in members
    ]
    context = file_context(
        family,
        TAB,
        rows=rows,
        corrections=corrections_of(family),
        languages=[get_language_info(code) for code in language.available()],
        **extra,
    )
    return render(request, "portal/staff/family_tab.html", context, status=status)


def _share_page(
    request: AuthenticatedHttpRequest,
    link: MemberLink,
    token: str,
    email_form: SendForm | None = None,
) -> HttpResponse:
    """The only page that ever shows a link; rendered in the response to a POST. An
    invitation can be sent by e-mail or SMS (``email_form``: what the adviser typed, with
    errors)."""
    url = _link_url(request, token)
    emailable = link.kind == LinkKind.INVITATION
    context = file_context(
        link.family,
        TAB,
        link=link,
        token=token,
        url=url,
        code=shown_code(token, link.code_hash),
        code_address=code_address(request),
        qr=qr_svg(url, title=_("QR-code met de persoonlijke link")),
        send_url=reverse("portal:send_email", args=[link.pk]) if emailable else "",
        **send_context(request, email_form, language.language_of(link.member), link.member_id),
    )
    return render(request, "portal/staff/share.html", context, status=400 if email_form else 200)


@require_POST
@create_once(replay_message=ALREADY_SENT)
def send_email(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Send an invitation's link by e-mail or SMS (from the share page, which posts the token
    back)."""
    found = _printable(request, pk)
    if isinstance(found, HttpResponse):
        return found
    link, token = found
    if link.kind != LinkKind.INVITATION:
        messages.error(request, _("Alleen een uitnodiging kan per e-mail of sms worden verstuurd."))
        return redirect("portal:family", pk=link.family_id)
    form = send_form(
        request.POST, language=language.language_of(link.member), member_id=link.member_id
    )
    sent = queue_from_form(
        request,
        form,
        link.member,
        purpose=Purpose.PORTAL,
        subject_id=link.pk,
        link=_link_url(request, token),
        expires_at=link.expires_at,
        back=reverse("portal:family", args=[link.family_id]),
        code=shown_code(token, link.code_hash),
    )
    return sent or _share_page(request, link, token, email_form=form)


def _make(request: AuthenticatedHttpRequest, member: FamilyMember, kind: LinkKind) -> HttpResponse:
    try:
        if kind == LinkKind.INVITATION:
            chosen = _chosen_language(request)
            if chosen == "":
                messages.error(request, _("Kies een taal uit de lijst."))
                family = member.family
                log_access(request.user, family, AccessKind.READ, object_type="portal_access")
                return tab_page(request, family, status=400)
            link, token = actions.invite_member(request.user, member, chosen)
        else:
            link, token = actions.make_one_time_link(request.user, member)
    except actions.NotEligible:
        messages.error(
            request,
            _(
                "Dit gezinslid kan geen eigen toegang krijgen. Een kind onder de 12 wordt "
                "vertegenwoordigd door een ouder."
            ),
        )
        return redirect("portal:family", pk=member.family_id)
    record_result(request, reverse("portal:family", args=[member.family_id]))
    link.family = member.family
    link.member = member
    return _share_page(request, link, token)


def _chosen_language(request: AuthenticatedHttpRequest) -> str | None:
    """The member's language posted with the invitation: a code, None when none was posted
    (the member keeps theirs), "" when it is not one of ``settings.LANGUAGES``."""
    if "language" not in request.POST:
        return None
    form = LanguageForm(request.POST)
    return form.cleaned_data["language"] if form.is_valid() else ""


@require_POST
@create_once(replay_message=ALREADY_MADE)
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Invite a member (opvoeder, or jeugdige of 12 or older); revokes their old passkeys."""
    return _make(request, get_member_for_user(request.user, pk), LinkKind.INVITATION)


@require_POST
@create_once(replay_message=ALREADY_MADE)
def one_time_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A fresh one-time link: one visit, for a device that cannot make a passkey."""
    return _make(request, get_member_for_user(request.user, pk), LinkKind.ONE_TIME)


@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = get_link_for_user(request.user, pk)
    if actions.withdraw_link(request.user, link):
        messages.success(request, _("De link is ingetrokken. Hij werkt niet meer."))
    else:
        messages.info(request, _("Deze link was al ingetrokken."))
    return redirect("portal:family", pk=link.family_id)


@require_POST
def revoke_passkeys(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Stop every passkey of a member at once (a lost phone, before a new invitation)."""
    member = get_member_for_user(request.user, pk)
    if actions.revoke_passkeys(request.user, member):
        messages.success(request, _("De sleutels werken niet meer. Het gezinslid is uitgelogd."))
    else:
        messages.info(request, _("Dit gezinslid had geen sleutel die nog werkte."))
    return redirect("portal:family", pk=member.family_id)


def _printable(request: AuthenticatedHttpRequest, pk: int) -> tuple[MemberLink, str] | HttpResponse:
    link = get_link_for_user(request.user, pk)
    form = LinkTokenForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    if not token or not token_matches(token, link.token_hash):
        messages.error(request, _("Deze link hoort niet bij deze uitnodiging."))
        return redirect("portal:family", pk=link.family_id)
    if actions.problem_of(link) is not None:
        messages.error(request, _("Deze link werkt niet meer."))
        return redirect("portal:family", pk=link.family_id)
    return link, token


def _print_context(
    request: AuthenticatedHttpRequest, link: MemberLink, token: str
) -> dict[str, object]:
    url = _link_url(request, token)
    return {
        "link": link,
        "member": link.member,
        "url": url,
        "code": shown_code(token, link.code_hash),
        "code_address": code_address(request),
        "qr": qr_svg(url, title=_("QR-code met de persoonlijke link")),
        "one_time_minutes": settings.PORTAL_ONE_TIME_LINK_MINUTES,
    }


# The printed invitation to Mijn Krachtbron and its PDF (``lib.printed``), in the member's
# language.
print_link, link_pdf = printed_views(
    PrintedLink(
        find=_printable,
        log=lambda request, link, fmt: actions.log_print(request.user, link, fmt),
        template="portal/staff/print.html",
        context=_print_context,
        language=lambda request, link: language.language_of(link.member),
        filename="uitnodiging-mijn-krachtbron.pdf",
    )
)
