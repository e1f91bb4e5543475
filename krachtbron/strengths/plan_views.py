"""'Ons krachtenplan' as a print view (logged as a read) and as a PDF (logged as a print)."""

import re

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.permissions import get_family_for_user
from krachtbron.lib.pdf import render_pdf
from krachtbron.strengths.plan import build_plan


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
    html = render_to_string("strengths/plan_pdf.html", {"plan": data})
    with transaction.atomic():
        log_access(
            request.user,
            family,
            AccessKind.PRINT,
            object_type="krachtenplan",
            extra={"format": "pdf"},
        )
    # Rendered after the log row is committed (SECURITY.md 26): no PDF leaves unlogged.
    pdf = render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    safe_reference = re.sub(r"[^A-Za-z0-9-]", "", family.reference)
    response["Content-Disposition"] = f'attachment; filename="krachtenplan-{safe_reference}.pdf"'
    return response
