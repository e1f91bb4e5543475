"""What the access log calls the pages and actions of this app (the column "Onderdeel"):
each explicit ``object_type`` code it writes, registered with ``audit.labels`` in `apps.py`."""

from django.utils.translation import gettext_lazy as _

from krachtbron.audit.labels import register_page_label


def register() -> None:
    """Register this app's page labels (called from its ``AppConfig.ready()``)."""
    register_page_label("access_history", _("wie keek mee"))
    register_page_label("assignment", _("toewijzing adviseur"))
    register_page_label("caseload", _("lijst Mijn gezinnen"))
    register_page_label("copy", _("kopie voor het gezin"))
    register_page_label("copy_form", _("kopie voor het gezin (formulier)"))
    register_page_label("copy_download", _("kopie voor het gezin (gedownload)"))
    register_page_label("copy_file", _("kopie voor het gezin (wordt gemaakt)"))
    register_page_label("family_form", _("gezinsgegevens (formulier)"))
    register_page_label("goal_form", _("doel (formulier)"))
    register_page_label("goals", _("doelen"))
    register_page_label("member_form", _("gezinslid (formulier)"))
    register_page_label("member_rights", _("wie ziet wat van een gezinslid"))
    register_page_label("team_overview", _("lijst Mijn team"))
    # The models of this app a row about a family can name (a code is the model's name).
    register_page_label("family", _("gezin"))
    register_page_label("caseassignment", _("toewijzing adviseur"))
    register_page_label("familymember", _("gezinslid"))
    register_page_label("goal", _("doel"))
    register_page_label("rightsdecision", _("besluit over gegevens in het gezin"))
    register_page_label("retentionhold", _("besluit langer bewaren"))
    register_page_label("preparedfile", _("kopie voor het gezin (wordt gemaakt)"))
    register_page_label("storedpdf", _("klaargezette PDF"))
