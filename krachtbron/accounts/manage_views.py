"""The beheerder's pages: teams and users. No family content here.

Views parse forms and call ``accounts.actions``, which decide, change and log.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.changes import AdminError
from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.forms import TeamForm, UserForm
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import PrivilegeRequest, Role, Team, User
from krachtbron.lib.bidi import isolate
from krachtbron.lib.idempotency import create_once, record_result
from krachtbron.lib.unique import save_or_form_error

beheerder_only = role_required(Role.BEHEERDER)
BEHEERDER_REQUESTED = _l(
    "De rol beheerder is aangevraagd: een andere beheerder moet het goedkeuren. Tot dan is "
    "er niets veranderd aan rol en account."
)


@beheerder_only
@require_safe
def team_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = Team.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
        family_count=Count("families", distinct=True),
    )
    return render(request, "accounts/team_list.html", {"teams": teams})


@beheerder_only
@create_once
@require_http_methods(["GET", "POST"])
def team_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A name taken at the same moment: the form's own message (lib/unique.py).
        saved = save_or_form_error(
            form,
            lambda: actions.save_team(
                request.user, team, name=data["name"], is_active=data["is_active"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Het team is opgeslagen."))
            return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "team": team})


def _pending_requests() -> list[PrivilegeRequest]:
    """Requests waiting for another beheerder, oldest first, with both people loaded."""
    return list(
        PrivilegeRequest.objects.filter(outcome=PrivilegeRequest.Outcome.PENDING)
        .select_related("user", "requested_by")
        .order_by("requested_at", "id")
    )


@beheerder_only
@require_safe
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    users = User.objects.select_related("team").order_by("-is_active", "first_name", "username")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    pending = _pending_requests()
    waiting_ids = {w.user_id for w in pending if w.right == PrivilegeRequest.Right.BEHEERDER}
    context = {"page": page, "pending": pending, "waiting_ids": waiting_ids}
    return render(request, "accounts/user_list.html", context)


@beheerder_only
@create_once
@require_http_methods(["GET", "POST"])
def user_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        # The address the beheerder uses is the one the invitee can reach (ALLOWED_HOSTS checked).
        site = request.build_absolute_uri("/")
        # A beheerder's invitation waits for another beheerder: no link (None) for the inviter.
        link = save_or_form_error(form, lambda: actions.invite_user(request.user, user, site) or "")
        if link is not None:
            record_result(request, reverse("accounts:user_edit", args=[user.pk]))
            if link:
                messages.success(request, _("%(name)s is uitgenodigd.") % {"name": isolate(user)})
            context = {"invited": user, "link": link}
            return render(request, "accounts/user_invited.html", context)
    return render(request, "accounts/user_form.html", {"form": form, "invite": True})


@beheerder_only
@create_once
@require_http_methods(["GET", "POST"])
def user_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    editing_self = user.pk == request.user.pk
    role, team = user.role, user.team  # as saved: validating the form changes the instance
    form = UserForm(request.POST or None, instance=user, editing_self=editing_self)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # Becoming a beheerder is asked for, not set: the other changes are saved at once.
        becomes_beheerder = data["role"] == Role.BEHEERDER and role != Role.BEHEERDER
        if becomes_beheerder:
            data["role"], data["team"] = role, team

        def save() -> dict[str, object]:
            changes = actions.update_user(request.user, user, **data)
            if becomes_beheerder:
                four_eyes.request_beheerder(request.user, user)
            return changes

        try:
            # A username or address taken at the same moment: the form's own message. All in
            # one savepoint: a refused request keeps the other changes from being saved.
            saved = save_or_form_error(form, save)
        except AdminError as error:
            form.add_error(None, error.message)
        else:
            if saved is not None:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                if becomes_beheerder:
                    messages.info(request, BEHEERDER_REQUESTED)
                return redirect("accounts:user_list")
        user.refresh_from_db()  # the form changed the instance in memory
    pending = {
        waiting.right: waiting
        for waiting in PrivilegeRequest.objects.filter(
            user=user, outcome=PrivilegeRequest.Outcome.PENDING
        ).select_related("requested_by")
    }
    context = {
        "form": form,
        "edited": user,
        "editing_self": editing_self,
        "pending": pending.get(PrivilegeRequest.Right.PRIVACY_OFFICER),
        "pending_beheerder": pending.get(PrivilegeRequest.Right.BEHEERDER),
    }
    return render(request, "accounts/user_form.html", context)


def _done(request: AuthenticatedHttpRequest, call: Callable[[], object], success: str) -> None:
    """Run an action; show its Dutch refusal or the success message."""
    try:
        call()
    except AdminError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@beheerder_only
@require_POST
def user_set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    if active and user.role == Role.BEHEERDER:
        # A beheerder's account goes on again only when another beheerder approves.
        _done(
            request,
            lambda: four_eyes.request_beheerder(request.user, user),
            str(BEHEERDER_REQUESTED),
        )
        return redirect("accounts:user_edit", pk=user.pk)
    _done(
        request,
        lambda: actions.set_active(request.user, user, active),
        _("Het account is weer actief.")
        if active
        else _("Het account is uitgezet en alle sessies zijn beëindigd."),
    )
    return redirect("accounts:user_edit", pk=user.pk)


@beheerder_only
@require_POST
def user_reset_2fa(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    _done(
        request,
        lambda: actions.reset_second_factor(request.user, user),
        _(
            "De tweede stap is gewist: bij de volgende keer inloggen koppelt "
            "de gebruiker een nieuwe app."
        ),
    )
    return redirect("accounts:user_edit", pk=user.pk)


@beheerder_only
@require_POST
def privacy_officer_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask for the privacy-officer right for this beheerder; a second beheerder decides."""
    user = get_object_or_404(User, pk=pk)
    _done(
        request,
        lambda: four_eyes.request_privacy_officer(request.user, user),
        _("De aanvraag is vastgelegd. Een andere beheerder moet hem goedkeuren."),
    )
    return redirect("accounts:user_edit", pk=user.pk)


@beheerder_only
@require_POST
def privacy_officer_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Approve, reject or (the requester) withdraw a waiting request, for either right."""
    waiting = get_object_or_404(PrivilegeRequest, pk=pk)
    decision = request.POST.get("decision")
    actor = request.user
    if decision == "approve":
        approved = (
            _("Goedgekeurd: de beheerder is nu privacy officer.")
            if waiting.right == PrivilegeRequest.Right.PRIVACY_OFFICER
            else _(
                "Goedgekeurd: het account is nu een actieve beheerder. Wie nog geen wachtwoord "
                "heeft, krijgt de uitnodiging per e-mail."
            )
        )
        _done(request, lambda: four_eyes.decide_request(actor, waiting.pk, approve=True), approved)
    elif decision == "reject":
        _done(
            request,
            lambda: four_eyes.decide_request(actor, waiting.pk, approve=False),
            _("De aanvraag is afgewezen."),
        )
    elif decision == "withdraw":
        _done(
            request,
            lambda: four_eyes.withdraw_request(actor, waiting.pk),
            _("De aanvraag is ingetrokken."),
        )
    else:
        messages.error(request, _("Kies goedkeuren of afwijzen."))
    return redirect("accounts:user_edit", pk=waiting.user_id)


@beheerder_only
@require_POST
def privacy_officer_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Take the right away: one beheerder suffices (least privilege)."""
    user = get_object_or_404(User, pk=pk)
    _done(
        request,
        lambda: four_eyes.revoke_privacy_officer(request.user, user),
        _("Het recht privacy officer is ingetrokken."),
    )
    return redirect("accounts:user_edit", pk=user.pk)
