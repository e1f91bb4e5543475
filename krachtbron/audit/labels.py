"""Readable names in the access log: the part of a family file a row is about (the column
"Onderdeel") and the role of whoever acted.

A row stores a short code (``object_type``): a model's name when ``log_access`` got an object,
or an explicit code for a page or an action. Models already have a readable ``verbose_name``;
the explicit codes get theirs here. An unknown code is shown as it is, so nothing is hidden.
"""

from functools import cache
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

PAGE_LABELS = {
    "access_history": _("wie keek mee"),
    "assignment": _("toewijzing adviseur"),
    "conversation_plan_form": _("gespreksplan (formulier)"),
    "conversation_plans": _("gesprekken"),
    "copy": _("kopie voor het gezin"),
    "copy_form": _("kopie voor het gezin (formulier)"),
    "family_form": _("gezinsgegevens (formulier)"),
    "first_question": _("eerste vraag"),
    "goal_scalings": _("cijfers bij doelen"),
    "goals": _("doelen"),
    "invitation_form": _("uitnodiging vragenlijst (formulier)"),
    "krachtenplan": _("Ons krachtenplan"),
    "network_compare": _("netwerkkaart vergelijken"),
    "network_map": _("netwerkkaart"),
    "network_person_form": _("persoon op de netwerkkaart (formulier)"),
    "network_snapshot_form": _("moment van de netwerkkaart (formulier)"),
    "questionnaire_response": _("ingevulde vragenlijst"),
    "questionnaires": _("vragenlijsten"),
    "research_export": _("onderzoeksexport"),
    "retention_hold": _("bewaartermijn"),
    "scaling": _("schaalvraag"),
    "scalings": _("schaalvragen"),
    "strength_entry_form": _("krachtenprofiel (formulier)"),
    "strength_profile": _("krachtenprofiel"),
}


#: Who acts without an account: a family member filling in a questionnaire.
OTHER_ROLES = {"gezinslid": _("gezinslid")}


def role_label(code: str) -> str:
    """A role's display name; a row keeps the role code as it was at the time."""
    from krachtbron.accounts.models import Role

    label = dict(Role.choices).get(code) or OTHER_ROLES.get(code)
    return str(label) if label else (code or "–")


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
    label = PAGE_LABELS.get(code) or _model_labels().get(code)
    return str(label) if label else code
