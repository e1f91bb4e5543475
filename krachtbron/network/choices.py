"""The fixed lists of the netwerkkaart (handreiking §3.2, §4.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationKind(models.TextChoices):
    """Also the sectors of the eco-map, clockwise from the top, in this order."""

    HOUSEHOLD = "gezin", _("Gezin")
    FAMILY = "familie", _("Familie")
    FRIENDS = "vrienden", _("Vrienden")
    NEIGHBOURHOOD = "buurt", _("Buurt")
    SCHOOL_WORK = "school_werk", _("School of werk")
    SPORT_CLUB = "sport_vereniging", _("Sport of vereniging")
    PEERS = "lotgenoten", _("Lotgenoten")
    VOLUNTEER = "vrijwilliger", _("Vrijwilliger")
    PROFESSIONAL = "professional", _("Professional")


class Closeness(models.IntegerChoices):
    """The rings of the map: 1 is the inner ring."""

    CLOSE = 1, _("Heel dichtbij")
    MIDDLE = 2, _("Dichtbij")
    FAR = 3, _("Verder weg")


class Quality(models.TextChoices):
    SUPPORTIVE = "steunend", _("Steunend")
    BURDENING = "belastend", _("Belastend")
    MIXED = "wisselend", _("Wisselend")


class SupportKind(models.TextChoices):
    PRACTICAL = "praktisch", _("Praktische hulp")
    EMOTIONAL = "emotioneel", _("Emotionele steun")
    ADVICE = "advies", _("Advies")


class ProposalKind(models.TextChoices):
    PERSON = "persoon", _("Nieuwe persoon")
    STAYS = "blijft", _("Wie blijft er als de hulp stopt")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Voorgesteld")
    CONFIRMED = "bevestigd", _("Bevestigd")
    DECLINED = "niet_overgenomen", _("Niet overgenomen")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")
