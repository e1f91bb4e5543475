"""'Ons krachtenplan' as a print view (logged as a read) and as a PDF (logged as a print)."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.permissions import get_family_for_user
from krachtbron.strengths.plan import build_plan, plan_pdf_filename
from krachtbron.strengths.plan import plan_pdf as plan_pdf_bytes


@require_safe
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    data = build_plan(family)
    # Looking at the plan is a read; the PDF download is the print (access log kinds differ).
    log_access(request.user, family, AccessKind.READ, object_type="krachtenplan")
    return render(request, "strengths/plan.html", file_context(family, "plan", plan=data))


def plan_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    data = build_plan(family)
    with transaction.atomic():
        log_access(
            request.user,
            family,
            AccessKind.PRINT,
            object_type="krachtenplan",
            extra={"format": "pdf"},
        )
    # Rendered after the log row is committed (SECURITY.md 26): no PDF leaves unlogged.
    response = HttpResponse(plan_pdf_bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan_pdf_filename(data)}"'
    return response
