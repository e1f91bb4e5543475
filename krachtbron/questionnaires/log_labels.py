"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("invitation_form", _("uitnodiging vragenlijst (formulier)"))
    register_page_label("questionnaire_link", _("link naar de vragenlijst"))
    register_page_label("questionnaire_question", _("vragenlijst: vraag"))
    register_page_label("questionnaire_receipt", _("vragenlijst: bevestiging"))
    register_page_label("questionnaire_response", _("ingevulde vragenlijst"))
    register_page_label("questionnaire_review", _("vragenlijst: antwoorden nakijken"))
    register_page_label("questionnaire_start", _("vragenlijst: begin"))
    register_page_label("questionnaires", _("vragenlijsten"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("invitation", _("uitnodiging"))
    register_page_label("response", _("ingevulde vragenlijst"))
