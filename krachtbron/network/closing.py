"""Who stays when the help stops, as a step of the closing walk (``families.closing``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from krachtbron.families.choices import FamilyStatus
from krachtbron.families.closing import StepState, register_closing_step
from krachtbron.families.models import Family
from krachtbron.network.models import NetworkPerson


def stays_state(family: Family) -> StepState:
    """Done when at least one person on the network map stays when the help stops (§4.4:
    "Als ik straks stop, wie is er dan om je te steunen?"). One query."""
    count = NetworkPerson.objects.filter(family=family, stays_after_help=True).count()
    if count:
        summary = ngettext(
            "%(count)d persoon blijft als de hulp stopt.",
            "%(count)d personen blijven als de hulp stopt.",
            count,
        ) % {"count": count}
    elif family.status == FamilyStatus.CLOSED:  # after closure: no "nog", nothing to do
        summary = _("Op de netwerkkaart staat niemand die blijft nu de hulp gestopt is.")
    else:
        summary = _("Op de netwerkkaart staat nog niemand die blijft als de hulp stopt.")
    return StepState(
        done=count > 0, summary=summary, url=reverse("network:map", kwargs={"pk": family.pk})
    )


def register() -> None:
    register_closing_step("stays", gettext_lazy("Wie blijft er als de hulp stopt"), 20, stays_state)
