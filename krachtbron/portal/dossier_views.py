"""Ons dossier in Mijn Krachtbron: what Krachtbron keeps and the member's rights (B1), who
looked at the file (per period), the member's copy of the file (PDF or JSON) and "dit klopt
niet" (a correction request the adviser answers).

The copy is the adviser's copy (``families.file_copy``), made for this member: the same rules
(``copy_rules``) decide whose own data is in it, and the member is the actor of its log row.
Third parties' data (people outside the family) is left out; the adviser can make a copy that
holds it after weighing their interests. "Wie keek mee" shows the rows the copy would show: a
row about another member's own data only when this member may see that member's data.
"""

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from krachtbron.audit.forms import PeriodForm
from krachtbron.audit.models import AccessLogEntry, AccessResult, ActorKind
from krachtbron.audit.reading import LOG_ZONE_NAME, in_period, rows_about_family
from krachtbron.families import prepared
from krachtbron.families.copy_parts import log_line
from krachtbron.families.copy_pdf import KIND as COPY_KIND
from krachtbron.families.copy_pdf import queue_copy_pdf
from krachtbron.families.file_copy import (
    JSON,
    copy_language,
    copy_request,
    log_row_members,
    make_family_copy,
)
from krachtbron.families.models import PreparedFile
from krachtbron.families.rights import rights_of
from krachtbron.lib import kept_forms
from krachtbron.lib.download import attachment
from krachtbron.lib.idempotency import FIELD, KEY_PATTERN, create_once, new_key
from krachtbron.portal import actions, dossier_actions, language
from krachtbron.portal.dossier_forms import CopyFormatForm, CorrectionForm, LanguageForm
from krachtbron.portal.http import MemberHttpRequest, member_required
from krachtbron.portal.models import CorrectionRequest
from krachtbron.portal.permissions import get_for_member

#: How many rows of "Wie keek mee" one page shows at most (a shorter period shows the rest).
LOG_ROWS = 100


def _who_looked(request: MemberHttpRequest, form: PeriodForm) -> tuple[list[dict[str, Any]], bool]:
    """The newest rows about the family in the chosen period that this member may see, and
    whether there were more than ``LOG_ROWS``. Three queries, whatever the log's size."""
    member = request.member
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    entries = in_period(
        rows_about_family(AccessLogEntry.objects.all(), [member.family_id]), start, end
    )
    rows = list(entries.select_related("actor").order_by("-at", "-id")[: LOG_ROWS + 1])
    copy = copy_request(member.family, member, include_third_parties=False)
    members = log_row_members(rows[:LOG_ROWS])
    shown = [_line(e, member.pk) for e in rows[:LOG_ROWS] if copy.may_see(members[e.pk])]
    return shown, len(rows) > LOG_ROWS


def _line(entry: AccessLogEntry, member_id: int) -> dict[str, Any]:
    """One row as the copy shows it, in the member's words: their own visits and changes are
    "jij"; a role only where it says more than the name ("gezinslid (gezinslid)" says nothing)."""
    line = log_line(entry)
    if str(line["rol"]) == str(line["wie"]):
        line["rol"] = ""
    if entry.actor_kind == ActorKind.FAMILY_MEMBER and entry.actor_member_id == member_id:
        line["wie"], line["rol"] = _("jij"), ""
    return line


def _page(
    request: MemberHttpRequest,
    correction_form: CorrectionForm | None = None,
    copy_form: CopyFormatForm | None = None,
    language_form: LanguageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    member = request.member
    period = PeriodForm(request.GET or None)
    log_rows, more = _who_looked(request, period)
    corrections = CorrectionRequest.objects.filter(member=member).order_by("-created_at", "-id")
    context = {
        "member": member,
        "period": period,
        "log_rows": log_rows,
        "log_more": more,
        "log_limit": LOG_ROWS,
        "zone": LOG_ZONE_NAME,
        "corrections": list(corrections),
        "correction_form": correction_form or CorrectionForm(),
        "copy_form": copy_form or CopyFormatForm(initial={"format": "pdf"}),
        "retention_years": settings.RETENTION_YEARS,
        "language_form": language_form
        or LanguageForm(initial={"language": language.language_of(member)}),
        # Each language in its own words, so a reader finds theirs whatever the page's language.
        "languages": [get_language_info(code) for code in language.available()],
        "denied": str(AccessResult.DENIED.label),
    }
    return render(request, "portal/dossier.html", context, status=status)


@member_required
@require_safe
def dossier(request: MemberHttpRequest) -> HttpResponse:
    """Ons dossier (see the module doc)."""
    actions.log_member_page(request.member, request.member.family, "portal_dossier")
    kept = kept_forms.form_data(request)  # "dit klopt niet" typed before the session ran out
    return _page(request, correction_form=CorrectionForm(kept) if kept is not None else None)


@member_required
@require_POST
def correction(request: MemberHttpRequest) -> HttpResponse:
    """Send "dit klopt niet": a task for the adviser. Bad input: the page again (400) with a
    Dutch message and the text kept, nothing stored."""
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        actions.log_member_page(request.member, request.member.family, "portal_dossier")
        return _page(request, correction_form=form, status=400)
    posted_key = request.POST.get(FIELD, "")
    key = posted_key if KEY_PATTERN.match(posted_key) else new_key()  # no key: a fresh request
    dossier_actions.request_correction(request.member, form.cleaned_data["text"], key)
    return redirect(reverse("portal:dossier") + "#correcties")


@member_required
@create_once(replay_message=gettext_lazy("Deze kopie is al gevraagd."))
@require_POST
def copy(request: MemberHttpRequest) -> HttpResponse:
    """The member's copy of the file, in the member's own language (``copy_language``): JSON
    as a download at once; the PDF logged (the member is the actor, before anything is
    rendered) and made in the background, the member sent to its page (``copy_file``)."""
    member = request.member
    form = CopyFormatForm(request.POST)
    if not form.is_valid():
        actions.log_member_page(member, member.family, "portal_dossier")
        return _page(request, copy_form=form, status=400)
    actor = actions.member_actor(member)
    if form.cleaned_data["format"] != JSON:
        file = queue_copy_pdf(actor, member, member.family, member, include_third_parties=False)
        return redirect("portal:copy_file", file_id=file.pk)
    with translation.override(copy_language(member)):  # its labels in the member's language
        made = make_family_copy(actor, member.family, member, include_third_parties=False, fmt=JSON)
        body = json.dumps(made.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    attachment(response, "kopie-dossier.json")
    return response


def _my_file(request: MemberHttpRequest, file_id: int) -> PreparedFile:
    """The member's own copy in the making, else 404: another member's copy is not theirs, not
    even a child's whose file a parent may see. A look at someone else's copy that exists is a
    DENIED row for that copy's family (``get_for_member``), as every refused portal lookup."""
    member = request.member
    own = PreparedFile.objects.filter(owner_member=member, kind=COPY_KIND)
    return get_for_member(member, rights_of(member), own, file_id, member_path="owner_member")


@member_required
@require_safe
def copy_file(request: MemberHttpRequest, file_id: int) -> HttpResponse:
    """Where the member's copy is (``families/_copy_file_state.html``, plain words)."""
    file = _my_file(request, file_id)
    actions.log_member_page(request.member, file.family, "portal_copy_file")
    if prepared.revive_stale(pk=file.pk):
        file.refresh_from_db()
    context = {"file": file, "state": prepared.state_of(file)}
    return render(request, "portal/copy_file.html", context)


@member_required
@require_POST
def copy_file_download(request: MemberHttpRequest, file_id: int) -> HttpResponse:
    """The member's PDF, once: erased as it is handed over, the download logged with it."""
    file = _my_file(request, file_id)
    body = prepared.download(actions.member_actor(request.member), file.family, file)
    if body is None:
        messages.error(request, _("Deze kopie is er niet meer. Vraag een nieuwe kopie."))
        return redirect("portal:copy_file", file_id=file.pk)
    response = HttpResponse(body, content_type="application/pdf")
    return attachment(response, prepared.kind_of(file).filename)


@member_required
@require_POST
def choose_language(request: MemberHttpRequest) -> HttpResponse:
    """The member's language for Mijn Krachtbron and the plan PDF (a plain form, no script).
    Stored for the member (every phone), logged with the member as the actor; the staff
    user's language cookie is not touched. Bad input: the page again (400), nothing changes."""
    member = request.member
    form = LanguageForm(request.POST)
    if not form.is_valid():
        actions.log_member_page(member, member.family, "portal_dossier")
        return _page(request, language_form=form, status=400)
    code = form.cleaned_data["language"]
    actions.choose_language(member, code)
    language.follow(request, code)  # this answer, and the pages after it
    messages.success(request, _("Je taal is bewaard."))
    return redirect(reverse("portal:dossier") + "#taal")
