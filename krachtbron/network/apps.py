from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "krachtbron.network"
    verbose_name = _("Netwerkkaart")

    def ready(self) -> None:
        from krachtbron.families.actions import register_member_cleanup
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.families.rights import register_part
        from krachtbron.network import closing, copy_parts, log_labels
        from krachtbron.network.actions import remove_member_from_snapshots
        from krachtbron.network.models import NetworkPerson, NetworkProposal

        log_labels.register()  # the names of its codes in the access log
        register_tab("network", _("Netwerk"), "network:map", 30)
        copy_parts.register()
        # Who is on the map is the family's (a member's own people are that member's); the
        # adviser's marks on a person have their own visibility (``marks_visibility``).
        register_part(NetworkPerson, visibility=None)
        # A member's proposal for the map: about the person's member, as the person is.
        register_part(NetworkProposal, visibility=None)
        register_member_cleanup(remove_member_from_snapshots)
        closing.register()  # who stays: a step of the closing walk (aftercare)
