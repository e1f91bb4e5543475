"""The privacy officer's decisions: destroy a file on request, keep one longer (SECURITY.md 19-20).

Only the dossier number is needed: the privacy officer never sees the file's content.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from krachtbron.accounts.decorators import privacy_officer_required
from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.families.models import DestructionRecord
from krachtbron.families.privacy_forms import DestroyForm, HoldForm
from krachtbron.families.retention import destroy_family, hold_family
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.kept_forms import form_data


@privacy_officer_required
@create_once
@require_http_methods(["GET", "POST"])
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    destroy_form = DestroyForm(prefix="destroy")
    hold_form = HoldForm(prefix="hold")
    # The posted form, or (after signing in again) what was typed before the session ended.
    data = form_data(request)
    if data is not None and "destroy-reference" in data:
        destroy_form = DestroyForm(data, prefix="destroy")
    elif data is not None:
        hold_form = HoldForm(data, prefix="hold")
    if request.method == "POST" and destroy_form.is_bound and destroy_form.is_valid():
        family = destroy_form.cleaned_data["reference"]
        reference = family.reference
        destroy_family(
            family,
            DestructionRecord.Reason.REQUEST,
            decided_by=request.user,
            note=destroy_form.cleaned_data["note"],
        )
        messages.success(request, _("Dossier %(ref)s is vernietigd.") % {"ref": reference})
        return redirect("families:retention")
    if request.method == "POST" and hold_form.is_bound and hold_form.is_valid():
        hold = hold_form.cleaned_data
        hold_family(hold["reference"], hold["until"], hold["reason"], request.user)
        messages.success(request, _("Het besluit om langer te bewaren is vastgelegd."))
        return redirect("families:retention")
    records = DestructionRecord.objects.select_related("decided_by").order_by("-destroyed_at")[:50]
    context = {"destroy_form": destroy_form, "hold_form": hold_form, "records": records}
    return render(request, "families/retention.html", context)
