"""The beheerder's pages: teams and users. No family content here."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from krachtbron.accounts import actions
from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.forms import TeamForm, UserForm
from krachtbron.accounts.models import Role, Team, User

beheerder_only = role_required(Role.BEHEERDER)


@beheerder_only
def team_list(request: HttpRequest) -> HttpResponse:
    teams = Team.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
        family_count=Count("families", distinct=True),
    )
    return render(request, "accounts/team_list.html", {"teams": teams})


@beheerder_only
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het team is opgeslagen."))
        return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "team": team})


@beheerder_only
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.select_related("team").order_by("-is_active", "first_name", "username")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@beheerder_only
def user_invite(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        # The address the beheerder uses is the one the invitee can reach (ALLOWED_HOSTS checked).
        link = actions.invite_user(user, request.build_absolute_uri("/"))
        messages.success(request, _("%(name)s is uitgenodigd.") % {"name": user})
        return render(request, "accounts/user_invited.html", {"invited": user, "link": link})
    return render(request, "accounts/user_form.html", {"form": form, "invite": True})


@beheerder_only
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@beheerder_only
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    if user == request.user:
        messages.error(request, _("Je kunt je eigen account niet uitzetten."))
    elif request.POST.get("active") == "1":
        actions.reactivate_user(user)
        messages.success(request, _("Het account is weer actief."))
    else:
        actions.deactivate_user(user)
        messages.success(request, _("Het account is uitgezet en alle sessies zijn beëindigd."))
    return redirect("accounts:user_edit", pk=user.pk)


@beheerder_only
@require_POST
def user_reset_2fa(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    actions.reset_second_factor(user)
    messages.success(
        request,
        _(
            "De tweede stap is gewist: bij de volgende keer inloggen koppelt "
            "de gebruiker een nieuwe app."
        ),
    )
    return redirect("accounts:user_edit", pk=user.pk)
