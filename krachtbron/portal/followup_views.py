"""Follow-up check-ins (nazorg) in Mijn Krachtbron: a task on Ons plan for a closed family that
agreed to follow-up, at 1, 3 and 6 months (``aftercare``). Two minutes, B1, no JavaScript."""

from contextlib import suppress

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from krachtbron.aftercare import actions as aftercare
from krachtbron.aftercare.choices import AnsweredVia
from krachtbron.aftercare.forms import CheckInForm
from krachtbron.aftercare.models import FollowUp
from krachtbron.audit.log import FamilyRef, log_access
from krachtbron.audit.models import AccessKind, AccessResult
from krachtbron.lib.lookup import pk_or_404
from krachtbron.portal import actions
from krachtbron.portal.http import MemberHttpRequest, member_required


def _follow_up(request: MemberHttpRequest, pk: object) -> FollowUp:
    """A check-in of the member's own family, else 404 (one of another family: a DENIED row
    for that family, with the member as the actor)."""
    number = pk_or_404(pk)
    found = FollowUp.objects.filter(pk=number, family_id=request.member.family_id).first()
    if found is not None:
        return found
    owner = FollowUp.objects.filter(pk=number).values_list("family_id", "family__reference")
    if row := owner.first():
        log_access(
            actions.member_actor(request.member),
            FamilyRef(*row),
            AccessKind.READ,
            object_type="followup",
            object_id=number,
            result=AccessResult.DENIED,
        )
    raise Http404


@member_required
@require_http_methods(["GET", "POST"])
def followup(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """The check-in: how it goes (0-10), do the agreements work, want contact again."""
    member = request.member
    follow_up = _follow_up(request, pk)
    if follow_up.answered_at is not None:
        return redirect("portal:followup_done", pk=follow_up.pk)
    if not aftercare.is_open(follow_up):
        raise Http404
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Another member answering it a moment ago (AlreadyAnswered): their answer stands.
        with suppress(aftercare.AlreadyAnswered):
            aftercare.answer_follow_up(
                follow_up,
                score=data["score"],
                agreements_work=data["agreements_work"],
                wants_contact=data["wants_contact"] == "ja",
                member=member,
                via=AnsweredVia.PORTAL,
            )
        return redirect("portal:followup_done", pk=follow_up.pk)
    actions.log_member_page(member, member.family, "portal_followup")
    status = 400 if form.errors else 200
    context = {"member": member, "form": form, "follow_up": follow_up}
    return render(request, "aftercare/checkin.html", context, status=status)


@member_required
@require_safe
def followup_done(request: MemberHttpRequest, pk: int) -> HttpResponse:
    """Thanks, and whom to call meanwhile (the team, 112, Veilig Thuis)."""
    member = request.member
    follow_up = _follow_up(request, pk)
    if follow_up.answered_at is None:
        return redirect("portal:followup", pk=follow_up.pk)
    actions.log_member_page(member, member.family, "portal_followup_done")
    context = {
        "member": member,
        "member_signed_in": True,
        "follow_up": follow_up,
        "phones": aftercare.phones(member.family),
        "response_days": settings.FOLLOWUP_RESPONSE_DAYS,
    }
    return render(request, "aftercare/checkin_done.html", context)
