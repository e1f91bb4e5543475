"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("network_compare", _("netwerkkaart vergelijken"))
    register_page_label("network_map", _("netwerkkaart"))
    register_page_label("network_person_form", _("persoon op de netwerkkaart (formulier)"))
    register_page_label("network_proposals", _("voorstellen van het gezin voor het netwerk"))
    register_page_label("network_snapshot_form", _("moment van de netwerkkaart (formulier)"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("networkperson", _("belangrijke ander"))
    register_page_label("networksnapshot", _("moment van de netwerkkaart"))
    register_page_label("networkproposal", _("voorstel voor het netwerk"))
