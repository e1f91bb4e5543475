"""Readable names in the access log: the part of a family file a row is about (the column
"Onderdeel"), who acted and in which role.

A row stores a short code (``object_type``): a model's name when ``log_access`` got an object,
or an explicit code for a page or an action. Models already have a readable ``verbose_name``;
an app gives each explicit code it writes its name with ``register_page_label`` (in its own
``log_labels.py``, called from ``AppConfig.ready()``), administrative changes theirs in
``ADMIN_LABELS``. An unknown code is shown as it is, so nothing is hidden.
"""

from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from krachtbron.audit.actors import FAMILY_MEMBER_ROLE, NETWORK_PERSON_ROLE, SYSTEM_PROCESSES
from krachtbron.audit.models import ActorKind

if TYPE_CHECKING:
    from krachtbron.audit.models import AccessLogEntry

#: The readable names of the explicit codes (pages, actions) that apps write to the log, filled
#: by each app with ``register_page_label`` in its ``AppConfig.ready()`` (``<app>/log_labels.py``):
#: the audit layer holds no other app's codes.
_PAGE_LABELS: dict[str, Any] = {}


def register_page_label(code: str, label: Any) -> None:
    """Give the log code ``code`` (an explicit ``object_type``) its readable name ``label``
    (a lazy translation). Registering the same code again with another label is a programming
    error (``ValueError``): two apps would then share one name in the log."""
    known = _PAGE_LABELS.get(code)
    if known is not None and str(known) != str(label):
        raise ValueError(f"log code {code!r} is already registered as {known!r}")
    _PAGE_LABELS[code] = label


def page_labels() -> dict[str, Any]:
    """Every registered code with its label (a copy)."""
    return dict(_PAGE_LABELS)


register_page_label("access_log", _("toegangslog"))


#: Administrative changes (SECURITY.md 18): what was changed. ``log_admin_change`` refuses a
#: code that is not listed here, so every such row can be read in words.
ADMIN_LABELS = {
    "backup_restore": _("back-up teruggezet"),
    "beheerder_grant": _("rol beheerder (vier ogen)"),
    "destruction": _("vernietiging dossier"),
    "export_project": _("exportproject"),
    "privacy_officer_grant": _("recht privacy officer"),
    "reflection_round": _("reflectieronde"),
    "retention_hold": _("besluit langer bewaren"),
    "second_factor": _("tweede stap (authenticator-app)"),
    "sign_in_lockouts": _("inlogblokkades (opgeheven of gewist)"),
    "team": _("teamgegevens"),
    "user": _("gebruiker"),
    "user_invitation": _("uitnodiging medewerker"),
}

#: Who acts without an account: a family member (questionnaire link) or a network person.
OTHER_ROLES = {FAMILY_MEMBER_ROLE: _("gezinslid"), NETWORK_PERSON_ROLE: _("netwerk")}


def role_label(code: str, kind: str = ActorKind.STAFF) -> str:
    """A role's display name; a row keeps the role code as it was at the time.

    For the system the "role" is the process that acted ("bewaartermijn").
    """
    from krachtbron.accounts.models import Role

    if kind == ActorKind.SYSTEM:
        label = SYSTEM_PROCESSES.get(code)
    else:
        label = dict(Role.choices).get(code) or OTHER_ROLES.get(code)
    return str(label) if label else (code or "–")


def actor_label(entry: "AccessLogEntry") -> str:
    """Who acted, in words: a staff member's name; "gezinslid"; "systeem (bewaartermijn)".

    A staff row needs ``select_related("actor")`` for the name; family members and network
    persons are named by their part, never by name (the log holds no names).
    """
    if entry.actor_kind == ActorKind.STAFF:
        return str(entry.actor) if entry.actor_id else "–"
    if entry.actor_kind == ActorKind.SYSTEM:
        return gettext("systeem (%(process)s)") % {
            "process": role_label(entry.actor_role, "system")
        }
    return str(ActorKind(entry.actor_kind).label)


@cache
def _model_labels() -> dict[str, Any]:
    return {
        model.__name__.lower(): model._meta.verbose_name  # lazy: translated when shown
        for model in apps.get_models()
    }


def object_label(code: str) -> str:
    """The readable name of a log row's part; the code itself when there is none."""
    if not code:
        return "–"
    label = _PAGE_LABELS.get(code) or ADMIN_LABELS.get(code) or _model_labels().get(code)
    return str(label) if label else code
