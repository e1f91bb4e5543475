"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("agreement_form", _("afspraak (formulier)"))
    register_page_label("agreements", _("afspraken"))
    register_page_label("network_plan", _("netwerkplan"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("agreement", _("afspraak"))
    register_page_label("contactpoint", _("aanspreekpunt"))
    register_page_label("networkplan", _("netwerkplan"))
    register_page_label("plancall", _("wie bel je waarvoor"))
    register_page_label("share", _("gedeelde weergave"))
    register_page_label("shareconsent", _("toestemming"))
