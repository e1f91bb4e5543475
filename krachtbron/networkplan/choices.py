"""The fixed lists of the netwerkplan (handreiking §3.2, §4.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    AGREED = "afgesproken", _("Afgesproken")
    RUNNING = "loopt", _("Loopt")
    DONE = "gedaan", _("Gedaan")
    STOPPED = "gestopt", _("Gestopt")


#: The statuses in which an agreement still asks something of its performer.
OPEN_STATUSES = frozenset({AgreementStatus.AGREED.value, AgreementStatus.RUNNING.value})


class Performer(models.TextChoices):
    """Who carries out an agreement: one of these, never two."""

    MEMBER = "gezinslid", _("Iemand uit het gezin")
    PERSON = "netwerk", _("Iemand uit het netwerk")
    ADVISER = "hulpverlener", _("De hulpverlener")


class ConsentDecision(models.TextChoices):
    PENDING = "gevraagd", _("Nog niet gekozen")
    GIVEN = "ja", _("Ja, dat mag")
    REFUSED = "nee", _("Nee, liever niet")
