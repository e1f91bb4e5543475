"""The access log's choices, in the words a reader of a row sees: what happened (``AccessKind``),
whether it was allowed (``AccessResult``) and who acted (``ActorKind``). Apart from the models
because a family reads these in *Wie keek mee*: this module is a family source
(``lib.family_text.FAMILY_SOURCES``), the models' field names are not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    READ = "read", _("ingezien")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    PRINT = "print", _("afgedrukt / PDF")
    EXPORT = "export", _("geëxporteerd")
    SEND = "send", _("verstuurd aan het gezin")


class AccessResult(models.TextChoices):
    OK = "ok", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class ActorKind(models.TextChoices):
    """Who acted (``krachtbron.audit.actors.Actor``)."""

    STAFF = "staff", _("medewerker")
    FAMILY_MEMBER = "family_member", _("gezinslid")
    NETWORK_PERSON = "network_person", _("persoon uit het netwerk")
    SYSTEM = "system", _("systeem")
