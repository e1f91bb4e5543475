"""The method's fixed lists, shared by every app (handreiking §2.1, §2.3)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from krachtbron.instruments import Dimension as EngineDimension

StrOrPromise = str | Promise


class Dimension(models.TextChoices):
    """The three dimensions of eigen kracht (§2.1), the one definition with labels: the ids are
    the instrument engine's (`instruments.Dimension`), which has no Django and no labels."""

    COMPETENCE = EngineDimension.COMPETENCE.value, _("Competentioneel: wat je weet en kunt")
    SOCIAL = EngineDimension.SOCIAL.value, _("Sociaal: wie je kent")
    MOTIVATION = EngineDimension.MOTIVATION.value, _("Motivationeel: wat je wilt en durft")

    @property
    def short_label(self) -> StrOrPromise:
        """One word, for a legend or a tag ("Sociaal")."""
        return _SHORT_LABELS[self.value]

    @property
    def family_label(self) -> StrOrPromise:
        """The dimension in a family's own words, without the method's term (Mijn Krachtbron,
        B1): "Wat je weet en kunt", not "Competentioneel"."""
        return _FAMILY_LABELS[self.value]


_SHORT_LABELS = {
    Dimension.COMPETENCE.value: _("Competentioneel"),
    Dimension.SOCIAL.value: _("Sociaal"),
    Dimension.MOTIVATION.value: _("Motivationeel"),
}


_FAMILY_LABELS = {
    Dimension.COMPETENCE.value: _("Wat je weet en kunt"),
    Dimension.SOCIAL.value: _("Wie je kent"),
    Dimension.MOTIVATION.value: _("Wat je wilt en durft"),
}


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


class Visibility(models.TextChoices):
    """Who in the family may see a part of the file (docs/gezinsrechten.md). A part about one
    member is then seen by whom that member's age and gezag allow (``families.rights``)."""

    FAMILY = "gezin", _("Gedeeld met het gezin")
    PROFESSIONALS = "professionals", _("Alleen voor professionals")


def visibility_field(default: str, label: str = "") -> models.CharField[str, str]:
    """The model field every part of the file uses for its visibility (``label``: the
    verbose name, default "zichtbaar voor")."""
    return models.CharField(
        label or _("zichtbaar voor"),
        max_length=20,
        choices=Visibility.choices,
        default=default,
    )


class RightsDecisionKind(models.TextChoices):
    """The kinds of ``RightsDecision`` (families/rights.py)."""

    LIMIT = "beperking", _("Informatierecht van een ouder beperkt")
    SHARE = "delen", _("Eigen gegevens gedeeld met een gezinslid")


class GoalProposal(models.TextChoices):
    """Where a goal a family member added in Mijn Krachtbron stands with the adviser. Empty: the
    goal is agreed (every goal the adviser writes down; a family's once the adviser confirms)."""

    AGREED = "", _("Afgesproken")
    PROPOSED = "voorstel", _("Voorstel van het gezin")
    DISCUSS = "bespreken", _("Samen bespreken")
