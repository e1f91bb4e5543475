"""The adviser's page of a copy made in the background, and its download (``prepared``).

``copy_file`` shows where the copy is ("wordt gemaakt", "klaar", "mislukt", "gewist") without
script: a plain "Kijk of hij klaar is" button reloads it (no automatic refresh: a page that
reloads by itself interrupts a screen reader, WCAG 2.2.1). ``copy_file_download`` hands the
PDF over once and erases it; the download is logged in the same transaction.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families import prepared
from krachtbron.families.copy_pdf import KIND
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import PreparedFile
from krachtbron.families.permissions import get_family_for_user, get_prepared_file_for_user
from krachtbron.lib.download import attachment


def _mine(request: AuthenticatedHttpRequest, pk: int, file_id: int) -> PreparedFile:
    family = get_family_for_user(request.user, pk)
    file = get_prepared_file_for_user(request.user, file_id)
    if file.family_id != family.pk or file.kind != KIND:
        raise Http404
    return file


@require_safe
def copy_file(request: AuthenticatedHttpRequest, pk: int, file_id: int) -> HttpResponse:
    """Where the copy is; a worker that died is replaced on this look (``revive_stale``)."""
    file = _mine(request, pk, file_id)
    log_access(
        request.user, file.family, AccessKind.READ, object_type="copy_file", object_id=file.pk
    )
    if prepared.revive_stale(pk=file.pk):
        file.refresh_from_db()
    context = file_context(
        file.family, "access", file=file, state=prepared.state_of(file), Status=PreparedFile.Status
    )
    return render(request, "families/copy_file.html", context)


@require_POST
def copy_file_download(request: AuthenticatedHttpRequest, pk: int, file_id: int) -> HttpResponse:
    """The PDF, once: erased as it is handed over, the download logged with it."""
    file = _mine(request, pk, file_id)
    body = prepared.download(request.user, file.family, file)
    if body is None:
        messages.error(request, _("Deze kopie is er niet meer. Vraag een nieuwe kopie."))
        return redirect("families:copy_file", pk=pk, file_id=file_id)
    return attachment(
        HttpResponse(body, content_type="application/pdf"), prepared.kind_of(file).filename
    )
