"""The questionnaire at closure (moment "afsluiting") as a step of the closing walk."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import StepState, register_closing_step
from krachtbron.families.models import Family
from krachtbron.questionnaires.models import Invitation, Moment


def closing_measurement_state(family: Family) -> StepState:
    """Done when at least one member answered the questionnaire at closure. The summary says
    how many invitations for it were sent and how many came back. One query."""
    counts = Invitation.objects.filter(family=family, moment=Moment.END).aggregate(
        sent=Count("pk"), answered=Count("pk", filter=Q(completed_at__isnull=False))
    )
    sent, answered = counts["sent"], counts["answered"]
    if not sent and family.status == FamilyStatus.CLOSED:  # after closure: no "nog"
        summary = _("Er is geen vragenlijst bij de afsluiting verstuurd.")
    elif not sent:
        summary = _("Nog geen uitnodiging voor de vragenlijst bij de afsluiting.")
    else:
        summary = ngettext(
            "%(sent)d uitnodiging verstuurd, %(answered)d ingevuld.",
            "%(sent)d uitnodigingen verstuurd, %(answered)d ingevuld.",
            sent,
        ) % {"sent": sent, "answered": answered}
    return StepState(
        done=answered > 0,
        summary=summary,
        url=reverse("questionnaires:family", kwargs={"pk": family.pk}),
    )


def register() -> None:
    register_closing_step(
        "closing_measurement",
        gettext_lazy("De vragenlijst bij de afsluiting"),
        10,
        closing_measurement_state,
    )
