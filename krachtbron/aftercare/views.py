"""The adviser's closing walk, reopening, check-in links, and the team's requests for contact."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.aftercare import actions
from krachtbron.aftercare.forms import CloseForm, LinkForm
from krachtbron.aftercare.models import Closure, FollowUp
from krachtbron.aftercare.permissions import (
    get_follow_up_for_user,
    get_request_for_user,
    requests_team,
)
from krachtbron.audit.log import log_access, log_access_many
from krachtbron.audit.models import AccessKind
from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import step_states
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family
from krachtbron.families.permissions import get_family_for_user
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import StaleEditError


@create_once(replay_message=gettext_lazy("De hulp is al afgesloten."))
@require_http_methods(["GET", "POST"])
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The closing walk: each step's state, the family's answer about follow-up, then close.
    For a closed file: the closure, the check-ins and the button to reopen."""
    family = get_family_for_user(request.user, pk)
    form = CloseForm(request.POST or None, initial={"version": family.version})
    if request.method == "POST" and family.status != FamilyStatus.CLOSED and form.is_valid():
        try:
            actions.close_family(
                request.user,
                family,
                form.cleaned_data["version"],
                followup_consent=form.cleaned_data["followup"] == "ja",
            )
        except StaleEditError:
            form.add_error(None, StaleEditError.message)
        except actions.AlreadyClosed:
            messages.info(request, _("De hulp is al afgesloten."))
            return redirect("aftercare:close", pk=family.pk)
        else:
            messages.success(request, _("De hulp is afgesloten."))
            return redirect("aftercare:close", pk=family.pk)
    elif request.method == "POST" and family.status == FamilyStatus.CLOSED:
        messages.info(request, _("De hulp is al afgesloten."))
        return redirect("aftercare:close", pk=family.pk)
    status = 400 if request.method == "POST" else 200
    return _walk(request, family, form, LinkForm(family=family, user=request.user), status)


def _walk(
    request: AuthenticatedHttpRequest,
    family: Family,
    form: CloseForm,
    link_form: LinkForm,
    status: int,
) -> HttpResponse:
    """The closing walk's page (a look at the file: one READ row)."""
    closure = actions.open_closure(family) if family.status == FamilyStatus.CLOSED else None
    follow_ups = list(closure.follow_ups.all()) if closure else []
    today = timezone.localdate()
    log_access(request.user, family, AccessKind.READ, object_type="closing")
    context = file_context(
        family,
        "overview",
        form=form,
        steps=step_states(family),
        closure=closure,
        closed=family.status == FamilyStatus.CLOSED,
        follow_ups=[(f, actions.is_open(f, today), actions.open_until(f)) for f in follow_ups],
        today=today,
        link_form=link_form,
        portal_months=settings.PORTAL_AFTER_CLOSE_MONTHS,
        history=Closure.objects.filter(family=family, reopened_at__isnull=False),
    )
    return render(request, "aftercare/close.html", context, status=status)


@require_http_methods(["GET", "POST"])
def reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed file: the GET says what reopening does and asks to confirm; the POST
    from that page reopens (``actions.reopen_family``). A second POST (a double click, the
    back button) changes nothing and says the file is open."""
    family = get_family_for_user(request.user, pk)
    if family.status != FamilyStatus.CLOSED:
        if request.method == "POST":
            messages.info(request, _("Het dossier is al open."))
        return redirect("families:detail", pk=family.pk)
    if request.method == "POST":
        if actions.reopen_family(request.user, family):
            messages.success(request, _("Het dossier is weer open. De nazorg is gestopt."))
        return redirect("families:detail", pk=family.pk)
    closure = actions.open_closure(family)
    unanswered = closure.follow_ups.filter(answered_at__isnull=True).count() if closure else 0
    log_access(request.user, family, AccessKind.READ, object_type="closing")
    context = file_context(family, "overview", closure=closure, unanswered=unanswered)
    return render(request, "aftercare/reopen.html", context)


@require_POST
def make_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A personal link to one open check-in, for a member without Mijn Krachtbron; the link is
    shown once on this page."""
    follow_up = get_follow_up_for_user(request.user, pk)
    family = follow_up.family
    form = LinkForm(request.POST, family=family, user=request.user)
    if not form.is_valid():  # the walk again, with the form's message
        close_form = CloseForm(initial={"version": family.version})
        return _walk(request, family, close_form, form, 400)
    try:
        token = actions.make_link(request.user, follow_up, form.cleaned_data["member"])
    except ValueError:
        messages.error(request, _("Deze check kan niet meer worden ingevuld."))
        return redirect("aftercare:close", pk=family.pk)
    url = request.build_absolute_uri(f"/mijn/nazorg/l/{token}")
    context = file_context(family, "overview", follow_up=follow_up, url=url)
    return render(request, "aftercare/link.html", context)


@require_safe
def requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The team's open requests for contact, oldest first, with the response time and the
    overdue ones marked."""
    team = requests_team(request.user)
    now = timezone.now()
    rows = [
        (f, actions.response_due(f), actions.is_overdue(f, now))
        for f in actions.contact_requests(team.pk)
    ]
    log_access_many(
        request.user,
        [f.family for f, _due, _late in rows],
        AccessKind.READ,
        object_type="followup_requests",
    )
    context = {
        "team": team,
        "rows": rows,
        "response_days": settings.FOLLOWUP_RESPONSE_DAYS,
        "overdue": sum(1 for row in rows if row[2]),
    }
    return render(request, "aftercare/requests.html", context)


@require_POST
def request_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up: FollowUp = get_request_for_user(request.user, pk)
    if actions.handle_request(request.user, follow_up):
        messages.success(request, _("Het verzoek staat op opgepakt."))
    return redirect("aftercare:requests")
