from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "krachtbron.portal"
    verbose_name = _("Mijn Krachtbron")

    def ready(self) -> None:
        from krachtbron.families.caseload import register_card_note
        from krachtbron.families.file_tabs import register_panel, register_tab
        from krachtbron.lib.navigation import register_member_menu
        from krachtbron.lib.session_kinds import register_member_language, register_portal_gate
        from krachtbron.portal import (
            copy_parts,
            dossier_actions,
            log_labels,
            network_actions,
            network_staff,
            plan_copy,
            plan_staff,
            session,
        )
        from krachtbron.portal.nav import portal_nav

        log_labels.register()  # the names of its codes in the access log
        copy_parts.register()
        register_tab("portal", _("Mijn Krachtbron"), "portal:family", 45)
        # Ons plan: what the family wants to talk about, on the caseload and the goals tab.
        register_card_note(plan_staff.caseload_notes)
        # Ons dossier: unanswered "dit klopt niet" requests, through the same card notes.
        register_card_note(dossier_actions.caseload_notes)
        register_panel("goals", plan_staff.goals_panel)
        # A goal the family proposed, new or corrected by its writer: waits for the adviser.
        register_card_note(plan_staff.proposal_notes)
        # Onze mensen: the family's proposals for the map, on the caseload and the Netwerk tab.
        register_card_note(network_actions.caseload_notes)
        register_panel("network", network_staff.network_panel)
        plan_copy.register()
        # The questionnaire a member opens from Vragenlijsten ends with the portal session.
        register_portal_gate(lambda request: session.current(request) is not None)
        # A link page of a lower app (a check-in by link) speaks the member's own language.
        from krachtbron.portal.language import language_of

        register_member_language(language_of)
        # Every member page's main menu (lib.context_processors), not each view's context.
        register_member_menu(portal_nav)
        # Reminders go out only for invitations still usable (sending/subjects.py).
        from krachtbron.portal.actions import waiting_links
        from krachtbron.sending.models import Purpose
        from krachtbron.sending.subjects import register_waiting

        register_waiting(Purpose.PORTAL, waiting_links)
        # A share message is not sent once its share has ended (portal/share_send.py).
        from krachtbron.portal.share_send import active_share_ids

        register_waiting(Purpose.SHARE, active_share_ids)
