"""The adviser's side of "dit klopt niet": answer a member's correction request in the
family's Mijn Krachtbron tab. The member reads the answer in Ons dossier."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.portal import dossier_actions
from krachtbron.portal.dossier_forms import AnswerForm
from krachtbron.portal.permissions import get_correction_for_user
from krachtbron.portal.staff_views import tab_page


@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Answer one correction request (once: a second answer changes nothing). Bad input: the
    tab again (400) with the message and the typed answer kept."""
    correction = get_correction_for_user(request.user, pk)
    family = correction.family
    form = AnswerForm(request.POST)
    if not form.is_valid():
        log_access(request.user, family, AccessKind.READ, object_type="portal_access")
        return tab_page(request, family, status=400, answer_form=form, answer_for=correction.pk)
    if dossier_actions.answer_correction(request.user, correction, form.cleaned_data["answer"]):
        messages.success(
            request, _("Het antwoord is verstuurd. Het gezinslid ziet het in Ons dossier.")
        )
    else:
        messages.info(request, _("Dit verzoek had al een antwoord."))
    return redirect(reverse("portal:family", args=[family.pk]) + "#correcties")
