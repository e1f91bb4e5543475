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


class ShareEnd(models.TextChoices):
    """Why a share stopped (``Share.end_reason``, set with ``withdrawn_at``)."""

    FAMILY = "gezin", _("Gestopt door het gezin")
    ACCESS_ENDED = "toegang_voorbij", _("Verlopen: Mijn Krachtbron is gestopt")
    PERSON_REMOVED = "persoon_weg", _("Gestopt: de persoon staat niet meer op de kaart")
    MEMBER_REMOVED = "gezinslid_weg", _("Gestopt: wie het deelde, staat niet meer in het dossier")
    ADVISER_ASKED = "hv_gevraagd", _("Gestopt door de hulpverlener, op vraag van het gezin")
    ADVISER_SAFETY = "hv_veiligheid", _("Gestopt door de hulpverlener, voor de veiligheid")


#: The reasons an adviser may give for stopping a share (a list, never free text with names).
ADVISER_STOPS = (ShareEnd.ADVISER_ASKED, ShareEnd.ADVISER_SAFETY)
