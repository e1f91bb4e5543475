from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkPlanConfig(AppConfig):
    name = "krachtbron.networkplan"
    verbose_name = _("Netwerkplan")

    def ready(self) -> None:
        from krachtbron.families.caseload import register_card_note
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.families.rights import register_part
        from krachtbron.networkplan import (
            agreement_actions,
            agreement_copy,
            closing,
            copy_parts,
            log_labels,
            plan,
        )
        from krachtbron.networkplan.models import Agreement, ContactPoint

        log_labels.register()  # the names of its codes in the access log
        # Afspraken (issue 15, item 1). An agreement is about its goal's member and shared as
        # its goal is; an aanspreekpunt is about its person's member, as the person is.
        register_tab("agreements", _("Afspraken"), "networkplan:agreements", 32)
        register_part(Agreement, member_path="goal__member", visibility="goal__visibility")
        register_part(
            ContactPoint,
            family_path="person__family",
            member_path="person__member",
            visibility=None,
        )
        register_card_note(agreement_actions.caseload_family_notes)
        register_card_note(agreement_actions.caseload_overload_notes)
        agreement_copy.register()
        # B: the netwerkplan in the family file (after Krachtenplan).
        register_tab("network_plan", _("Netwerkplan"), "networkplan:plan", 62)
        copy_parts.register()  # the plan and its shares in the family's copy of the file
        plan.register_stored_pdf()  # the PDF is downloaded from the store (ADR 0017)
        closing.register()  # the netwerkplan step of the closing walk (aftercare)
        # Shares stop for good when the family's access ends, its reader leaves the map or
        # the member who made it leaves the file (``share_ends``).
        from krachtbron.families.actions import register_member_cleanup
        from krachtbron.families.closing import register_access_end_cleanup
        from krachtbron.network.actions import register_person_cleanup
        from krachtbron.networkplan import share_ends

        register_access_end_cleanup(share_ends.end_after_access)
        register_person_cleanup(share_ends.end_for_person, share_ends.person_warning)
        register_member_cleanup(share_ends.end_for_member)
