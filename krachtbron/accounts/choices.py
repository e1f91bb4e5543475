"""A staff member's role, in words. Apart from the models because a family reads the role of
whoever looked at their file in *Wie keek mee*: this module is a family source
(``lib.family_text.FAMILY_SOURCES``), the models' field names are not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVISEUR = "adviseur", _("Adviseur")
    TEAMLEIDER = "teamleider", _("Teamleider")
    BEHEERDER = "beheerder", _("Beheerder")
    ONDERZOEKER = "onderzoeker", _("Onderzoeker")
