"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("first_question", _("eerste vraag"))
    register_page_label("goal_scalings", _("cijfers bij doelen"))
    register_page_label("krachtenplan", _("Ons krachtenplan"))
    register_page_label("scaling", _("schaalvraag"))
    register_page_label("scalings", _("schaalvragen"))
    register_page_label("strength_entry_form", _("krachtenprofiel (formulier)"))
    register_page_label("strength_profile", _("krachtenprofiel"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("strengthentry", _("krachtenprofiel-onderdeel"))
    register_page_label("goalscaling", _("schaal bij een doel"))
    register_page_label("firstquestion", _("eerste vraag"))
    register_page_label("firstquestionrevision", _("versie van de eerste vraag"))
