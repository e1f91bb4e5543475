"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("passkey", _("sleutel (passkey) voor Mijn Krachtbron"))
    register_page_label("portal_access", _("Mijn Krachtbron: toegang van gezinsleden"))
    register_page_label("portal_dimension_score", _("Mijn Krachtbron: een cijfer voor jezelf"))
    register_page_label("portal_followup", _("Mijn Krachtbron: nazorg-check"))
    register_page_label("portal_followup_done", _("Mijn Krachtbron: nazorg-check klaar"))
    register_page_label("portal_goal_form", _("Mijn Krachtbron: zelf een doel toevoegen"))
    register_page_label("portal_goal_edit", _("Mijn Krachtbron: je eigen doel aanpassen"))
    register_page_label("portal_goal_take_back", _("Mijn Krachtbron: je eigen doel terugnemen"))
    register_page_label("portal_goal_score", _("Mijn Krachtbron: een cijfer bij een doel"))
    register_page_label("portal_dossier", _("Mijn Krachtbron: Ons dossier"))
    register_page_label("portal_copy_file", _("Mijn Krachtbron: kopie van het dossier"))
    register_page_label("portal_home", _("Mijn Krachtbron: Ons plan"))
    register_page_label("portal_language", _("Mijn Krachtbron: taal"))
    register_page_label("portal_network_plan", _("Mijn Krachtbron: Ons netwerkplan"))
    register_page_label(
        "portal_network_plan_call", _("Mijn Krachtbron: iemand toevoegen om te bellen")
    )
    register_page_label("portal_network_plan_share", _("Mijn Krachtbron: plan delen"))
    register_page_label("portal_people", _("Mijn Krachtbron: Onze mensen"))
    register_page_label(
        "portal_people_form", _("Mijn Krachtbron: iemand voorstellen voor het netwerk")
    )
    register_page_label("portal_questionnaire", _("Mijn Krachtbron: vragenlijst openen"))
    register_page_label("portal_questionnaires", _("Mijn Krachtbron: vragenlijsten"))
    register_page_label("portal_result", _("Mijn Krachtbron: eigen antwoorden"))
    register_page_label("portal_session", _("Mijn Krachtbron: in- of uitloggen"))
    register_page_label("portal_welcome", _("Mijn Krachtbron: sleutel maken"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("memberlink", _("link naar Mijn Krachtbron"))
    register_page_label("talkflag", _("onderwerp om te bespreken"))
    register_page_label("correctionrequest", _("correctieverzoek"))
    register_page_label("memberlanguage", _("taal van Mijn Krachtbron"))
