"""Administrative changes in words for the privacy officer (``audit.changes``): what happened,
which fields changed and their coded values. Staff text only, apart from ``audit.labels`` (a
family source: a family reads those labels in *Wie keek mee*).
"""

from django.utils.translation import gettext_lazy as _

#: What happened, where the kind of row ("aangemaakt", "gewijzigd") says it less well.
ADMIN_KIND_LABELS = {
    ("backup_restore", "create"): _("teruggezet"),
    ("beheerder_grant", "create"): _("aangevraagd"),
    ("beheerder_grant", "change"): _("besloten"),
    ("destruction", "delete"): _("uitgevoerd"),
    ("privacy_officer_grant", "create"): _("aangevraagd"),
    ("privacy_officer_grant", "change"): _("besloten"),
    ("privacy_officer_grant", "delete"): _("ingetrokken"),
    ("retention_hold", "create"): _("vastgelegd"),
    ("second_factor", "change"): _("gewist"),
    ("user_invitation", "create"): _("verstuurd"),
}

#: The fields an administrative change records, in words.
FIELD_LABELS = {
    "access_logs": _("inlogregistraties"),
    "attempts": _("mislukte inlogpogingen en blokkades"),
    "devices": _("gekoppelde apps"),
    "email": _("e-mailadres"),
    "ends_on": _("tot en met"),
    "failure_logs": _("registraties van mislukte inlogpogingen"),
    "first_month": _("vanaf maand"),
    "first_name": _("voornaam"),
    "instrument_id": _("vragenlijst"),
    "is_active": _("actief"),
    "is_privacy_officer": _("privacy officer"),
    "last_month": _("tot en met maand"),
    "last_name": _("achternaam"),
    "name": _("naam"),
    "outcome": _("besluit"),
    "password": _("wachtwoord"),
    "reason": _("grond"),
    "researcher": _("onderzoeker"),
    "role": _("rol"),
    "sealed_through": _("toegangslog verzegeld tot en met zegel"),
    "scope": _("voor wie"),
    "starts_on": _("van"),
    "status": _("status"),
    "team": _("team"),
    "teams": _("teams"),
    "title": _("titel"),
    "until": _("bewaren tot"),
    "username": _("gebruikersnaam"),
}

#: Codes stored as values, per field (roles are read with ``role_label``).
VALUE_LABELS = {
    "outcome": {
        "pending": _("wacht op een tweede beheerder"),
        "approved": _("goedgekeurd"),
        "rejected": _("afgewezen"),
        "withdrawn": _("ingetrokken door de aanvrager"),
    },
    "reason": {
        "request": _("op verzoek van het gezin"),
        "retention": _("bewaartermijn verstreken"),
    },
    "scope": {"organisation": _("organisatie"), "team": _("team")},
    "status": {"open": _("open"), "closed": _("gesloten")},
}
