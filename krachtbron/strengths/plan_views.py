"""'Ons krachtenplan' as a print view (logged as a read) and as a PDF (logged as a print).

The PDF for one member (``?voor=``) is that member's document: it is made in the member's own
language (``lib.session_kinds.member_language``, their Mijn Krachtbron choice), whatever the
adviser's interface language. The whole family's plan, and the page in the browser, follow the
adviser's language."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family
from krachtbron.families.permissions import get_family_for_user
from krachtbron.families.rights import may_have_portal, rights_of, shared_with_family
from krachtbron.lib.download import attachment
from krachtbron.lib.session_kinds import member_language
from krachtbron.strengths.forms import PlanReaderForm
from krachtbron.strengths.plan import FamilyPlan, build_plan, plan_pdf_filename
from krachtbron.strengths.plan import plan_pdf as plan_pdf_bytes


def _plan_for(
    request: HttpRequest, family: Family, *, in_readers_language: bool = False
) -> tuple[PlanReaderForm, FamilyPlan, dict[str, int], str]:
    """The reader form, the plan for the chosen reader, and the log's extra. A member who may
    have Mijn Krachtbron can be chosen; a bad choice says so and shows the whole family's plan.
    ``in_readers_language``: build the reader's plan in the reader's language (the PDF), which
    the caller then keeps active while rendering it (the fourth value: the plan's language)."""
    today = timezone.localdate()
    members = [m for m in family.members.order_by("pk") if may_have_portal(m, today)]
    form = PlanReaderForm(request.GET or None, readers=[(m.pk, m.first_name) for m in members])
    reader = None
    if form.is_bound and form.is_valid() and form.cleaned_data["voor"] is not None:
        reader = next(m for m in members if m.pk == form.cleaned_data["voor"])
    if reader is None:
        plan = build_plan(family, scope=shared_with_family)
        return form, plan, {}, translation.get_language()
    language = member_language(reader) if in_readers_language else translation.get_language()
    with translation.override(language):
        plan = build_plan(family, reader=rights_of(reader, today))
    return form, plan, {"for_member": reader.pk}, language


@require_safe
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form, data, extra, _language = _plan_for(request, family)
    # Looking at the plan is a read; the PDF download is the print (access log kinds differ).
    log_access(request.user, family, AccessKind.READ, object_type="krachtenplan", extra=extra)
    status = 400 if form.errors else 200
    context = file_context(family, "plan", plan=data, reader_form=form)
    return render(request, "strengths/plan.html", context, status=status)


def plan_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form, data, extra, language = _plan_for(request, family, in_readers_language=True)
    if form.errors:
        context = file_context(family, "plan", plan=data, reader_form=form)
        return render(request, "strengths/plan.html", context, status=400)
    with transaction.atomic():
        log_access(
            request.user,
            family,
            AccessKind.PRINT,
            object_type="krachtenplan",
            extra={"format": "pdf", **extra},
        )
    # Rendered after the log row is committed (SECURITY.md 26): no PDF leaves unlogged.
    with translation.override(language):
        response = HttpResponse(plan_pdf_bytes(data), content_type="application/pdf")
        attachment(response, plan_pdf_filename(data))
    return response
