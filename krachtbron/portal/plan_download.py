"""'Ons plan' as PDF for the family: 'Ons krachtenplan' (``strengths.plan``) made for the
signed-in member, in the member's language (issue 14, item 5).

The one plan and the one renderer the adviser downloads too, with exactly what this member may
see: ``build_plan`` gets the member's ``rights_of(member).filter`` as its scope, so the adviser's
own scores, marks such as "belastend" and parts for professionals only stay out unless the
adviser shared them, and a parent whose right to information is limited sees what the rules
let them (docs/gezinsrechten.md). The page's language is the member's (``portal.language``, the
member session), and so is the PDF's. The PRINT row, with the member as the actor, is committed
before the PDF is taken from the store or rendered (SECURITY.md 26). The store
(``families.stored_pdf``, ADR 0017) keeps one PDF per member and language: the member's
variant, never the whole family's that the adviser downloads; Ons plan asks the worker to make
it (``portal.plan_views.home``).
"""

from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families import stored_pdf
from krachtbron.lib.download import attachment
from krachtbron.portal.actions import member_actor
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.strengths.plan import pdf_variant, plan_pdf_filename


@member_required
@require_safe
def plan_pdf_download(request: MemberHttpRequest) -> HttpResponse:
    """Download 'Ons krachtenplan' as this member may see it (see the module doc)."""
    member = request.member
    with transaction.atomic():
        log_access(
            member_actor(member),
            member.family,
            AccessKind.PRINT,
            object_type="krachtenplan",
            extra={"format": "pdf"},
        )
    body = stored_pdf.pdf(member.family, pdf_variant(member, translation.get_language()))
    response = HttpResponse(body, content_type="application/pdf")
    attachment(response, plan_pdf_filename())
    return response
