"""The privacy officer's search in the access log, and the administrative changes."""

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from krachtbron.accounts.decorators import privacy_officer_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.changes import describe
from krachtbron.audit.forms import AccessLogFilterForm, AdminChangeFilterForm
from krachtbron.audit.labels import ADMIN_LABELS
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.audit.reading import (
    LOG_ZONE_NAME,
    family_ids_for_reference,
    in_period,
    rows_about_family,
)
from krachtbron.lib.filters import active_filters, filter_form


@privacy_officer_required
@require_http_methods(["GET", "POST"])
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, done = filter_form(request, "access_log", AccessLogFilterForm)
    if done:
        return done
    filters = active_filters(form)
    entries = AccessLogEntry.objects.select_related("actor")
    if ref := filters.get("family_reference"):
        # The family's own rows and the list pages that showed it.
        entries = rows_about_family(entries, family_ids_for_reference(ref))
    if actor := filters.get("actor"):
        entries = entries.filter(actor=actor)
    if actor_kind := filters.get("actor_kind"):
        entries = entries.filter(actor_kind=actor_kind)
    if kind := filters.get("kind"):
        entries = entries.filter(kind=kind)
    if result := filters.get("result"):
        entries = entries.filter(result=result)
    start: date | None = filters.get("date_from")
    end: date | None = filters.get("date_to")
    entries = in_period(entries, start, end)
    # Reading the log is on record too: one row per view, which filters were on (not their
    # values: a dossier number searched for is not a family opened).
    log_access(
        request.user,
        None,
        AccessKind.READ,
        object_type="access_log",
        extra={"filtered": sorted(filters)} if filters else None,
    )
    page = Paginator(entries.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "page": page, "filtered": bool(filters), "zone": LOG_ZONE_NAME},
    )


@privacy_officer_required
@require_http_methods(["GET", "POST"])
def admin_changes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who changed which account, team, right, round, project or retention decision, when,
    from what to what: newest first, 50 a page, a fixed number of queries per page."""
    form, done = filter_form(request, "admin_changes", AdminChangeFilterForm)
    if done:
        return done
    filters = active_filters(form)
    entries = AccessLogEntry.objects.filter(object_type__in=list(ADMIN_LABELS))
    if object_type := filters.get("object_type"):
        entries = entries.filter(object_type=object_type)
    start: date | None = filters.get("date_from")
    end: date | None = filters.get("date_to")
    entries = in_period(entries, start, end).select_related("actor").order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "changes": describe(page.object_list),
        "filtered": bool(filters),
        "zone": LOG_ZONE_NAME,
    }
    return render(request, "audit/admin_changes.html", context)
