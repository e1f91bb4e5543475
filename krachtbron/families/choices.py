"""The method's fixed lists, shared by every app (handreiking §2.1, §2.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    COMPETENCE = "competence", _("Competentioneel: wat je weet en kunt")
    SOCIAL = "social", _("Sociaal: wie je kent")
    MOTIVATION = "motivation", _("Motivationeel: wat je wilt en durft")


class LifeDomain(models.TextChoices):
    HOUSING = "wonen", _("Wonen")
    FINANCES = "financien", _("Financiën")
    RELATIONS = "sociale_relaties", _("Sociale relaties")
    HEALTH = "gezondheid", _("Lichamelijke en psychische gezondheid")
    WORK_SCHOOL = "werk_school", _("Werk, school en dagbesteding")
    PARENTING = "opvoeden", _("Opgroeien en opvoeden")


class FamilyStatus(models.TextChoices):
    NEW = "aangemeld", _("Aangemeld")
    ACTIVE = "actief", _("Actief")
    CLOSED = "afgesloten", _("Afgesloten")


class MemberRole(models.TextChoices):
    PARENT = "opvoeder", _("Opvoeder")
    YOUTH = "jeugdige", _("Jeugdige")
    CHILD = "kind", _("Kind")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Nog niet begonnen")
    IN_PROGRESS = "bezig", _("Mee bezig")
    REACHED = "bereikt", _("Bereikt")
    STOPPED = "gestopt", _("Gestopt")
