"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("delivery", _("bericht aan het gezin"))
    register_page_label("messagestop", _("stop op berichten"))
