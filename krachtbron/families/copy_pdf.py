"""The copy of the file as a PDF, made in the background (``families.prepared``).

A copy of a full file renders for seconds (docs/familiedossier.md has the figures), too long
for a request. ``queue_copy_pdf`` writes the copy's log row (as ``log_copy`` always did, before
anything is rendered) and queues the file in one transaction; ``make_copy_pdf`` runs in the
worker. The adviser's copy page and the member's "Ons dossier" both use it; the JSON copy is
cheap and stays a direct download.
"""

from django.db import transaction
from django.template.loader import render_to_string

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.families import prepared
from krachtbron.families.file_copy import (
    PDF,
    build_copy,
    copy_language,
    copy_request,
    log_copy,
    register_copy_exclusion,
)
from krachtbron.families.models import Family, FamilyMember, PreparedFile
from krachtbron.lib.pdf import render_pdf

KIND = "family_copy"

PREPARED_REASON = (
    "Een kopie die op de achtergrond wordt gemaakt: ze wacht versleuteld tot ze is gedownload, "
    "hooguit een uur, en wordt dan gewist. Ze is zelf een kopie van het dossier; dat ze gemaakt "
    "en gedownload is, staat in 'Wie keek mee'."
)


def make_copy_pdf(file: PreparedFile) -> bytes:
    """The tagged PDF of the copy ``file.params`` asks for (``requester``: member id,
    ``third_parties``: bool). Raises DoesNotExist when the member is gone meanwhile."""
    family = file.family
    requester = family.members.get(pk=file.params["requester"])
    copy = copy_request(family, requester, include_third_parties=bool(file.params["third_parties"]))
    html = render_to_string("families/copy_pdf.html", {"copy": build_copy(copy)})
    return render_pdf(html, tagged=True)  # tagged: a screen reader can follow it


def queue_copy_pdf(
    actor: User | Actor,
    owner: User | FamilyMember,
    family: Family,
    requester: FamilyMember,
    *,
    include_third_parties: bool,
) -> PreparedFile:
    """Log the copy (PRINT, as ``make_family_copy``) and queue its PDF for ``owner`` (the
    adviser, or the member who asked in Mijn Krachtbron), in one transaction. The PDF is made
    in the owner's language (``copy_language``): a member's own, or the adviser's."""
    with transaction.atomic():
        log_copy(actor, family, requester, include_third_parties=include_third_parties, fmt=PDF)
        params = {"requester": requester.pk, "third_parties": include_third_parties}
        return prepared.queue(KIND, family, owner, params, language=copy_language(owner))


def register() -> None:
    """Register the kind and the copy's exclusion of the waiting file (from ``ready``)."""
    prepared.register_kind(
        KIND, make_copy_pdf, filename="kopie-dossier.pdf", log_type="copy_download"
    )
    register_copy_exclusion(PreparedFile, PREPARED_REASON)
