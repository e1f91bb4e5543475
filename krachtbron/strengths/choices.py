"""The fixed lists of the strength profile and the first question: family text (Mijn Krachtbron
and the copy of the file show them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Perspective(models.TextChoices):
    """Whose view a scaling gives: the member's own view comes first (§5.2)."""

    MEMBER = "gezinslid", _("Het gezinslid zelf")
    ADVISER = "adviseur", _("De adviseur")


class FirstQuestionStatus(models.TextChoices):
    OPEN = "open", _("Nog niet opgepakt")
    IN_PROGRESS = "bezig", _("Mee bezig")
    ANSWERED = "beantwoord", _("Beantwoord")
