"""'Ons krachtenplan' as a print view (logged as a read) and as a PDF (logged as a print).

The PDF for one member (``?voor=``) is that member's document: it is made in the member's own
language (``lib.session_kinds.member_language``, their Mijn Krachtbron choice), whatever the
adviser's interface language. The whole family's plan, and the page in the browser, follow the
adviser's language.

The PDF comes from the store (``families.stored_pdf``, ADR 0017) when the file did not change
since it was made; the page asks the worker to make the PDF it offers, so it is ready before
the click."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families import stored_pdf
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.permissions import get_family_for_user
from krachtbron.families.rights import may_have_portal
from krachtbron.lib.download import attachment
from krachtbron.lib.session_kinds import member_language
from krachtbron.strengths.forms import PlanReaderForm
from krachtbron.strengths.plan import pdf_variant, plan_for, plan_pdf_filename


def _reader(request: HttpRequest, family: Family) -> tuple[PlanReaderForm, FamilyMember | None]:
    """The reader form and the chosen reader: a member who may have Mijn Krachtbron, or None
    for the whole family's plan (also after a bad choice, which the form then says)."""
    today = timezone.localdate()
    members = [m for m in family.members.order_by("pk") if may_have_portal(m, today)]
    form = PlanReaderForm(request.GET or None, readers=[(m.pk, m.first_name) for m in members])
    if form.is_bound and form.is_valid() and form.cleaned_data["voor"] is not None:
        return form, next(m for m in members if m.pk == form.cleaned_data["voor"])
    return form, None


def _pdf_language(reader: FamilyMember | None) -> str:
    return member_language(reader) if reader is not None else translation.get_language()


@require_safe
def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form, reader = _reader(request, family)
    extra = {"for_member": reader.pk} if reader is not None else {}
    # Looking at the plan is a read; the PDF download is the print (access log kinds differ).
    log_access(request.user, family, AccessKind.READ, object_type="krachtenplan", extra=extra)
    context = file_context(family, "plan", plan=plan_for(family, reader), reader_form=form)
    if form.errors:
        return render(request, "strengths/plan.html", context, status=400)
    # The PDF this page offers, made by the worker before the click (nothing when it is there).
    stored_pdf.ask(family, pdf_variant(reader, _pdf_language(reader)))
    return render(request, "strengths/plan.html", context)


@require_safe
def plan_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form, reader = _reader(request, family)
    if form.errors:
        context = file_context(family, "plan", plan=plan_for(family, None), reader_form=form)
        return render(request, "strengths/plan.html", context, status=400)
    extra = {"for_member": reader.pk} if reader is not None else {}
    with transaction.atomic():
        log_access(
            request.user,
            family,
            AccessKind.PRINT,
            object_type="krachtenplan",
            extra={"format": "pdf", **extra},
        )
    # Taken or rendered after the log row is committed (SECURITY.md 26): none leaves unlogged.
    body = stored_pdf.pdf(family, pdf_variant(reader, _pdf_language(reader)))
    response = HttpResponse(body, content_type="application/pdf")
    attachment(response, plan_pdf_filename())
    return response
