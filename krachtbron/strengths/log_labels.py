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
