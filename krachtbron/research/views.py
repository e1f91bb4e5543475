"""Research export for the onderzoeker: projects, codebook, dataset as CSV or FHIR Bundle."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.decorators import role_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.accounts.models import Role
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.csvfile import csv_response
from krachtbron.lib.download import attachment
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.instrument_language import instrument_for_reader
from krachtbron.lib.kept_forms import form_data
from krachtbron.research import actions
from krachtbron.research.export import (
    ExportNotReady,
    codebook_csv,
    first_export_day,
    is_ready,
    run_export,
)
from krachtbron.research.forms import ProjectForm
from krachtbron.research.models import ExportFormat, ExportProject
from krachtbron.research.permissions import get_project_for_user

researcher = role_required(Role.ONDERZOEKER)


@researcher
@require_safe
def research_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    projects = ExportProject.objects.filter(researcher=request.user.pk).order_by("-created_at")
    return render(request, "research/research_home.html", {"projects": projects})


@researcher
@create_once
@require_http_methods(["GET", "POST"])
def project_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProjectForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = actions.create_project(
            request.user,
            title=data["title"],
            purpose=data["purpose"],
            instrument_id=FAMILIES,
            first_month=data["first_month"],
            last_month=data["last_month"],
        )
        messages.success(request, _("Het project is aangemaakt, met een eigen geheime sleutel."))
        return redirect("research:project_detail", pk=project.pk)
    return render(request, "research/project_form.html", {"form": form})


@researcher
@require_safe
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    context = {
        "project": project,
        "instrument": instrument_for_reader(project.instrument_id),
        "runs": project.runs.all()[:20],
        "ready": is_ready(project),
        "first_export_day": first_export_day(project),
    }
    return render(request, "research/project_detail.html", context)


@researcher
@require_safe
def project_codebook(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    return csv_response(
        codebook_csv(project), f"krachtbron-project-{project.pk}-codeboek", dated=False
    )


@researcher
@require_POST
def project_export(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """Hand out the dataset; POST because it records an export and writes access-log rows."""
    project = get_project_for_user(request.user, pk)
    if kind not in ExportFormat.values:
        messages.error(request, _("Kies CSV of FHIR."))
        return redirect("research:project_detail", pk=project.pk)
    try:
        body, content_type, filename = run_export(request.user, project, kind)
    except ExportNotReady as error:
        messages.error(request, error.message)
        return redirect("research:project_detail", pk=project.pk)
    response = HttpResponse(body, content_type=content_type)
    attachment(response, filename)
    return response
