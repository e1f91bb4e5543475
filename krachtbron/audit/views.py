"""The privacy officer's search in the access log."""

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from krachtbron.accounts.decorators import privacy_officer_required
from krachtbron.audit.forms import AccessLogFilterForm
from krachtbron.audit.models import AccessLogEntry
from krachtbron.lib.filters import active_filters, filter_form


@privacy_officer_required
def access_log(request: HttpRequest) -> HttpResponse:
    form, done = filter_form(request, "access_log", AccessLogFilterForm)
    if done:
        return done
    filters = active_filters(form)
    entries = AccessLogEntry.objects.select_related("actor")
    if ref := filters.get("family_reference"):
        entries = entries.filter(family_reference__iexact=ref)
    if actor := filters.get("actor"):
        entries = entries.filter(actor=actor)
    if kind := filters.get("kind"):
        entries = entries.filter(kind=kind)
    if result := filters.get("result"):
        entries = entries.filter(result=result)
    start: date | None = filters.get("date_from")
    end: date | None = filters.get("date_to")
    if start:
        entries = entries.filter(at__date__gte=start)
    if end:
        entries = entries.filter(at__date__lte=end)
    page = Paginator(entries.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/access_log.html", {"form": form, "page": page, "filtered": bool(filters)}
    )
