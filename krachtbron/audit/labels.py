"""Readable names for the part of a family file a log row is about (the column "Onderdeel").

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
    "goal_scalings": _("schalen bij doelen"),
    "goals": _("doelen"),
    "invitation_form": _("uitnodiging vragenlijst (formulier)"),
    "krachtenplan": _("Ons krachtenplan"),
    "network_compare": _("netwerkkaart vergelijken"),
    "network_map": _("netwerkkaart"),
    "network_person_form": _("belangrijke ander (formulier)"),
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
