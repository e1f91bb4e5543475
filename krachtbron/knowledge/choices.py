"""The fixed lists of conversation plans: family text (the copy of the file shows them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    TEAM = "team", _("Teamgesprek")
    FAMILY = "gezin", _("Gesprek met een gezin")


class PlanStatus(models.TextChoices):
    PLANNED = "gepland", _("Voorbereid")
    HELD = "gevoerd", _("Gevoerd")
