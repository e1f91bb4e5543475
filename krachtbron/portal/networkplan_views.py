"""Ons netwerkplan in Mijn Krachtbron (issue 15, item 2): the family makes the plan (who to call
for what, the goals in it, "ons plan is klaar"), downloads it as PDF in the member's language,
shares it with a person from the network, withdraws shares and says yes or no to shares about
them.

Every page shows only what ``families.rights.rights_of`` lets this member see
(``networkplan.plan.build_network_plan``); a posted id outside it is a wrong choice (the form
refuses it) or a 404 with a DENIED row (``get_for_member``). Every look writes a READ row and
every change its own row, the member as the actor. A share's link is shown exactly once, in the
response to the POST that made it; printing and the PDF post the token back. No page needs
JavaScript.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.families import stored_pdf
from krachtbron.families.models import Goal
from krachtbron.families.rights import ViewerRights, rights_of
from krachtbron.lib.download import attachment
from krachtbron.lib.idempotency import create_once, record_result
from krachtbron.lib.printed import PrintedLink, printed_views
from krachtbron.lib.qr import qr_svg
from krachtbron.lib.tokens import token_matches
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan import plan_actions, share_consents, share_rows, sharing
from krachtbron.networkplan.models import Agreement, PlanCall, Share
from krachtbron.networkplan.plan import (
    NetworkPlanView,
    build_network_plan,
    pdf_variant,
    plan_pdf_filename,
    plan_pdf_html,
)
from krachtbron.networkplan.plan_forms import CallForm, GoalsForm, ShareForm
from krachtbron.portal import actions, language, share_send
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.permissions import get_for_member, refuse_posted
from krachtbron.questionnaires.forms import LinkTokenForm
from krachtbron.sending.forms import ShareSendForm

YES, NO = "ja", "nee"


def _page(anchor: str = "") -> str:
    return reverse("portal:network_plan") + (f"#{anchor}" if anchor else "")


def _persons(member_rights: ViewerRights, family_id: int) -> list[tuple[int, str]]:
    return list(
        member_rights.filter(NetworkPerson.objects.filter(family_id=family_id))
        .order_by("closeness", "label", "id")
        .values_list("pk", "label")
    )


def _goal_choices(view: NetworkPlanView) -> list[tuple[int, str]]:
    return [(goal.pk, f"{goal.text} ({goal.who})") for goal in view.goals]


def _refuse_foreign_person(request: MemberHttpRequest, rights: ViewerRights) -> None:
    """A posted person who exists but is not this member's to choose (another family's, a
    sibling's own network): 404 with a DENIED row (``get_for_member``), not a form error."""
    refuse_posted(request, rights, "person", NetworkPerson.objects.all())


def _refuse_foreign_parts(request: MemberHttpRequest, rights: ViewerRights) -> None:
    """The lines, agreements and goals posted to share or to put in the plan: as the person."""
    refuse_posted(
        request,
        rights,
        "calls",
        PlanCall.objects.all(),
        family_path="plan__family",
        member_path="person__member",
    )
    refuse_posted(request, rights, "agreements", Agreement.objects.all())
    refuse_posted(request, rights, "goals", Goal.objects.all())


@member_required
@require_safe
def network_plan(request: MemberHttpRequest) -> HttpResponse:
    """Ons netwerkplan: the plan, its forms, the shares this member may see, and the shares
    that wait for this member's yes or no."""
    member = request.member
    rights = rights_of(member)
    view = build_network_plan(member.family, rights)
    shares = share_rows.visible_shares(member, rights)
    goals_form = GoalsForm(
        goals=_goal_choices(view), initial={"goals": [g.pk for g in view.shared_goals]}
    )
    actions.log_member_page(member, member.family, "portal_network_plan")
    # The PDF this page offers, made by the worker before the click.
    stored_pdf.ask(member.family, pdf_variant(member, get_language()))
    context = {
        "member": member,
        "view": view,
        "goals_form": goals_form,
        "shares": shares,
        # Per share, whether its newest message went out (portal/share_send.py).
        "share_list": _with_messages(shares),
        # Shares about this member that someone else made: their yes or no.
        # Or their own share, when a part about them changed since they made it.
        "asked": [
            row
            for row in shares
            if row.my_decision
            and row.state == "active"
            and (row.share.created_by_id != member.pk or not row.to_answer.is_empty)
        ],
        "share_days": settings.SHARE_DAYS,
        "yes": YES,
        "no": NO,
    }
    return render(request, "portal/netwerkplan.html", context)


def _with_messages(shares: list[share_rows.ShareRow]) -> list[tuple[share_rows.ShareRow, object]]:
    sent = share_send.message_states([row.share.pk for row in shares])
    return [(row, sent.get(row.share.pk)) for row in shares]


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def call_add(request: MemberHttpRequest) -> HttpResponse:
    """A line of "wie bel je waarvoor": someone from the map the member may see."""
    member = request.member
    rights = rights_of(member)
    _refuse_foreign_person(request, rights)
    form = CallForm(request.POST or None, persons=_persons(rights, member.family_id))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = get_for_member(member, rights, NetworkPerson.objects.all(), data["person"])
        call = plan_actions.add_call(
            actions.member_actor(member), member.family, person, data["call_for"], data["phone"]
        )
        messages.success(request, _("Het staat in jullie plan."))
        return redirect(_page(f"bellen-{call.pk}"))
    actions.log_member_page(member, member.family, "portal_network_plan_call")
    status = 400 if form.errors else 200
    return render(
        request, "portal/netwerkplan_bellen.html", {"member": member, "form": form}, status=status
    )


@member_required
@require_POST
def call_remove(request: MemberHttpRequest, pk: int) -> HttpResponse:
    member = request.member
    rights = rights_of(member)
    call = get_for_member(
        member,
        rights,
        PlanCall.objects.select_related("plan__family", "person"),
        pk,
        family_path="plan__family",
        member_path="person__member",
    )
    plan_actions.remove_call(actions.member_actor(member), call)
    messages.success(request, _("Deze regel staat er niet meer in."))
    return redirect(_page("bellen"))


@member_required
@require_POST
def goals(request: MemberHttpRequest) -> HttpResponse:
    """Which goals are in the plan (of the goals this member may see)."""
    member = request.member
    rights = rights_of(member)
    _refuse_foreign_parts(request, rights)
    view = build_network_plan(member.family, rights)
    form = GoalsForm(request.POST, goals=_goal_choices(view))
    if not form.is_valid():
        messages.error(request, _("Kies alleen doelen uit de lijst. Er is niets veranderd."))
        return redirect(_page("doelen"))
    changed = plan_actions.choose_goals(
        actions.member_actor(member),
        member.family,
        form.cleaned_data["goals"],
        [goal.pk for goal in view.goals],
    )
    if changed:
        messages.success(request, _("De doelen in jullie plan zijn bewaard."))
    return redirect(_page("doelen"))


@member_required
@require_POST
def ready(request: MemberHttpRequest) -> HttpResponse:
    """ "Ons plan is klaar": from now on it can be shared."""
    member = request.member
    if plan_actions.mark_ready(actions.member_actor(member), member.family):
        messages.success(request, _("Jullie plan is klaar. Nu kun je het delen."))
    return redirect(_page("delen"))


@member_required
@require_safe
def pdf(request: MemberHttpRequest) -> HttpResponse:
    """The netwerkplan as PDF, as this member may see it, in the member's language."""
    member = request.member
    view = build_network_plan(member.family, rights_of(member))
    with transaction.atomic():
        log_access(
            actions.member_actor(member),
            member.family,
            AccessKind.PRINT,
            object_type="network_plan",
            extra={"format": "pdf"},
        )
    # From the store when the HTML of now is the stored one's (families.stored_pdf).
    body = stored_pdf.pdf(member.family, pdf_variant(member, get_language()), plan_pdf_html(view))
    response = HttpResponse(body, content_type="application/pdf")
    attachment(response, plan_pdf_filename(view))
    return response


def _share_form(
    request: MemberHttpRequest, view: NetworkPlanView, rights: ViewerRights
) -> ShareForm:
    return ShareForm(
        request.POST or None,
        persons=_persons(rights, view.family_id),
        calls=[(c.pk, f"{c.who}: {c.call_for}") for c in view.calls],
        agreements=[(a.pk, f"{a.text} ({a.who})") for a in view.agreements],
        goals=[(g.pk, f"{g.text} ({g.who})") for g in view.shared_goals],
    )


def _share_url(request: MemberHttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("networkplan:open_share", args=[token]))


@member_required
@create_once
@require_http_methods(["GET", "POST"])
def share_new(request: MemberHttpRequest) -> HttpResponse:
    """Share the plan with one person from the map: choose with whom and what; the response
    shows the link once (link, QR code, printing, PDF)."""
    member = request.member
    rights = rights_of(member)
    _refuse_foreign_person(request, rights)
    _refuse_foreign_parts(request, rights)
    view = build_network_plan(member.family, rights)
    if view.ready_at is None:
        messages.info(request, _("Zeg eerst dat jullie plan klaar is. Dan kun je het delen."))
        return redirect(_page("delen"))
    form = _share_form(request, view, rights)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = get_for_member(member, rights, NetworkPerson.objects.all(), data["person"])
        try:
            share, token = sharing.create_share(
                member,
                view,
                person,
                calls=data["calls"],
                agreements=data["agreements"],
                goals=data["goals"],
                language=language.language_of(member),
            )
        except sharing.NotShareable:
            messages.error(request, _("Dit kan niet gedeeld worden. Er is niets veranderd."))
            return redirect(_page("delen"))
        record_result(request, _page(f"gedeeld-{share.pk}"))
        return _link_page(request, share, token)
    actions.log_member_page(member, member.family, "portal_network_plan_share")
    status = 400 if form.errors else 200
    context = {"member": member, "form": form, "view": view, "share_days": settings.SHARE_DAYS}
    return render(request, "portal/netwerkplan_delen.html", context, status=status)


def _link_page(
    request: MemberHttpRequest, share: Share, token: str, posted: ShareSendForm | None = None
) -> HttpResponse:
    """The only page that ever shows a share's link (in the response to the POST), with the
    ways to give it: sms, e-mail, together on this phone, print, PDF (share_send_views.py;
    ``posted``: a send form with errors, shown with what was typed)."""
    url = _share_url(request, token)
    context = {
        "member": request.member,
        "share": share,
        "token": token,
        "url": url,
        "qr": qr_svg(url, title=_("QR-code met de link naar jullie plan")),
        **share_send.send_context(request, share, posted),
    }
    status = 400 if posted is not None else 200
    return render(request, "portal/netwerkplan_link.html", context, status=status)


def _visible_share(request: MemberHttpRequest, pk: int) -> share_rows.ShareRow:
    """A share this member may see (``share_rows.visible_shares``), else 404 with a DENIED row."""
    member = request.member
    rights = rights_of(member)
    for row in share_rows.visible_shares(member, rights):
        if row.share.pk == pk:
            return row
    owner = (
        Share.objects.filter(pk=pk)
        .values_list("plan__family__pk", "plan__family__reference")
        .first()
    )
    if owner is not None:
        log_access(
            actions.member_actor(member),
            FamilyRef(*owner),
            AccessKind.READ,
            object_type="share",
            object_id=pk,
            result=AccessResult.DENIED,
        )
    raise Http404


@member_required
@require_POST
def share_withdraw(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a share: the link stops at once."""
    row = _visible_share(request, pk)
    if share_send.withdraw(request.member, row.share):  # and its messages not yet sent
        messages.success(request, _("Het delen is gestopt. De link werkt niet meer."))
    else:
        messages.info(request, _("Dit delen was al gestopt."))
    return redirect(_page(f"gedeeld-{pk}"))


@member_required
@require_POST
def share_consent(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Yes or no: may what is about me be in this share?"""
    row = _visible_share(request, pk)
    answer = request.POST.get("toestemming", "")
    if not row.my_decision or row.state != "active" or answer not in (YES, NO):
        messages.error(request, _("Kies ja of nee. Er is niets veranderd."))
        return redirect(_page(f"gedeeld-{pk}"))
    shown = [d for d in request.POST.getlist("deel")[:500] if d.isascii() and len(d) == 64]
    if not share_consents.decide_consent(
        request.member, row.share, answer == YES, shown, row.about_me.lines
    ):
        messages.error(request, _("Er is net iets veranderd. Lees het nog eens en kies dan."))
        return redirect(_page(f"vraag-{pk}"))
    if answer == YES:
        messages.success(request, _("Dank je. Wat over jou gaat, is nu te zien."))
    else:
        messages.success(request, _("Dank je. Wat over jou gaat, blijft weg."))
    return redirect(_page(f"gedeeld-{pk}"))


def _printable(request: MemberHttpRequest, pk: int) -> tuple[Share, str] | HttpResponse:
    row = _visible_share(request, pk)
    form = LinkTokenForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    if not token or not token_matches(token, row.share.token_hash) or row.state != "active":
        messages.error(request, _("Deze link werkt niet meer, of hoort hier niet bij."))
        return redirect(_page(f"gedeeld-{pk}"))
    return row.share, token


def _print_context(request: MemberHttpRequest, share: Share, token: str) -> dict[str, object]:
    url = _share_url(request, token)
    return {
        "member": {"first_name": share.person_label},  # the letter's "Beste ...": the reader
        "sharer": request.member.first_name,
        "share": share,
        "url": url,
        "qr": qr_svg(url, title=_("QR-code met de link naar jullie plan")),
    }


def _log_print(request: MemberHttpRequest, share: Share, fmt: str) -> None:
    log_access(
        actions.member_actor(request.member),
        request.member.family,
        AccessKind.PRINT,
        share,
        extra={"format": fmt},
    )


# A printable page with the link and its QR code for the network person, and the same as PDF
# (``lib.printed``), in the share's language.
_share_print, _share_pdf = printed_views(
    PrintedLink(
        find=_printable,
        log=_log_print,
        template="portal/netwerkplan_print.html",
        context=_print_context,
        language=lambda request, share: share.language,
        filename="link-naar-ons-netwerkplan.pdf",
        tagged=True,
    )
)
share_print = member_required(_share_print)
share_pdf = member_required(_share_pdf)
