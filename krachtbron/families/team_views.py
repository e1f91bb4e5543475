"""The teamleider's pages: who has which family, and (re)assigning. No family content here.

They still show which families exist and who has them, so they are on record: the list as one
READ row naming the families on the page, the assignment page as a READ row of its family.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role, Team, User
from krachtbron.audit.log import log_access, log_access_list
from krachtbron.audit.models import AccessKind
from krachtbron.families import actions
from krachtbron.families.attention import all_signals, counts_per_adviser
from krachtbron.families.forms import AssignForm, TeamFilterForm
from krachtbron.families.models import CaseAssignment, Family
from krachtbron.families.permissions import get_team_family_for_leader, managed_team
from krachtbron.lib.bidi import isolate
from krachtbron.lib.filters import active_filters, filter_form
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.suppression import enough, minimum

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def team_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    team = managed_team(request.user)
    form, done = filter_form(request, "team", TeamFilterForm, team=team)
    if done:
        return done
    filters = active_filters(form)
    advisers = (
        User.objects.filter(team=team, role__in=[Role.ADVISEUR, Role.TEAMLEIDER])
        .annotate(
            family_count=Count(
                "assignments", filter=Q(assignments__family__team=team), distinct=True
            ),
            substitute_count=Count(
                "assignments", filter=Q(assignments__is_substitute=True), distinct=True
            ),
        )
        .order_by("-is_active", "first_name")
    )
    families = Family.objects.filter(team=team).annotate(adviser_count=Count("assignments"))
    unassigned_count = families.filter(adviser_count=0).count()
    if adviser := filters.get("adviser"):
        families = families.filter(assignments__adviser=adviser)
    if filters.get("unassigned"):
        families = families.filter(adviser_count=0)
    if status := filters.get("status"):
        families = families.filter(status=status)
    families = families.prefetch_related(
        Prefetch("assignments", queryset=CaseAssignment.objects.select_related("adviser"))
    ).order_by("adviser_count", "reference")
    page = Paginator(families, PAGE_SIZE).get_page(request.GET.get("page"))
    extra = {"filtered": sorted(filters)} if filters else {}
    log_access_list(request.user, page, object_type="team_overview", extra=extra)
    context = {
        "team": team,
        "advisers": advisers,
        "signals": all_signals(),
        "attention_rows": _attention_rows(team, advisers, request.user),
        "attention_minimum": minimum(),
        "unassigned_count": unassigned_count,
        "form": form,
        "page": page,
        "filtered": bool(filters),
    }
    return render(request, "families/team_overview.html", context)


def _countable(families: int) -> bool:
    """No families says nothing about a family; 1–4 do (``enough``: at least 5)."""
    return families == 0 or enough(families)


def _attention_rows(
    team: Team, advisers: QuerySet[User], viewer: User
) -> list[tuple[User, list[int] | None]]:
    """ "Aandacht nodig" per adviser: for each adviser of the team, how many of their families of
    this team have each signal (0 included). Counts only: which families, and why, stay in the
    adviser's own caseload (docs/aandacht.md). An adviser with fewer families of this team than
    the project's minimum group size (``lib.suppression.enough``, 5) gets None instead of
    counts: with 1–4 families, "score gedaald: 1" points at a family the teamleider can name
    from the list below. The viewer's own row always shows, and so do the zeros of an adviser
    without families. A fixed number of queries."""
    people = list(advisers)
    assignments = CaseAssignment.objects.filter(
        family__team=team, adviser__in=[a.pk for a in people]
    ).values_list("family_id", "adviser_id")
    counts = counts_per_adviser(
        Family.objects.filter(team=team).values("pk"), assignments, timezone.now()
    )
    empty = dict.fromkeys((s.key for s in all_signals()), 0)
    return [
        (
            adviser,
            list(counts.get(adviser.pk, empty).values())
            if adviser.pk == viewer.pk or _countable(adviser.family_count)  # type: ignore[attr-defined]
            else None,
        )
        for adviser in people
    ]


@create_once
@require_http_methods(["GET", "POST"])
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Assign a family to an adviser of the team (also as a substitute), or remove one."""
    # The family first: a refused look-up of it is logged (the team check is part of it).
    family = get_team_family_for_leader(request.user, pk)
    team = managed_team(request.user)
    form = AssignForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        adviser = form.cleaned_data["adviser"]
        already = family.assignments.filter(
            adviser=adviser, is_substitute=form.cleaned_data["is_substitute"]
        ).exists()
        if already:
            messages.info(
                request,
                _("%(name)s is al gekoppeld aan %(ref)s.")
                % {"ref": family.reference, "name": isolate(adviser)},
            )
            return redirect("families:assign", pk=family.pk)
        actions.assign_adviser(
            request.user,
            family,
            adviser,
            is_substitute=form.cleaned_data["is_substitute"],
        )
        messages.success(
            request,
            _("%(ref)s staat nu ook bij %(name)s.")
            % {"ref": family.reference, "name": isolate(adviser)},
        )
        return redirect("families:assign", pk=family.pk)
    assignments = family.assignments.select_related("adviser")
    log_access(request.user, family, AccessKind.READ, object_type="assignment")
    return render(
        request,
        "families/assign.html",
        {"team": team, "family": family, "form": form, "assignments": assignments},
    )


@require_POST
def unassign(request: AuthenticatedHttpRequest, pk: int, adviser_pk: int) -> HttpResponse:
    family = get_team_family_for_leader(request.user, pk)
    team = managed_team(request.user)
    adviser = (
        User.objects.filter(pk=adviser_pk, team=team).first()
        or User.objects.filter(pk=adviser_pk, assignments__family=family).first()
    )
    if adviser is not None:
        actions.unassign_adviser(request.user, family, adviser)
        messages.success(
            request,
            _("%(ref)s staat niet meer bij %(name)s.")
            % {"ref": family.reference, "name": isolate(adviser)},
        )
    return redirect("families:assign", pk=family.pk)
