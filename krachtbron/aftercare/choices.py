"""The fixed lists of the follow-up check-in (nazorg)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementsWork(models.TextChoices):
    """Do the agreements of the netwerkplan still work?"""

    YES = "ja", _("Ja")
    PARTLY = "deels", _("Een beetje")
    NO = "nee", _("Nee")


class AnsweredVia(models.TextChoices):
    PORTAL = "portaal", _("Mijn Krachtbron")
    LINK = "link", _("Persoonlijke link")
