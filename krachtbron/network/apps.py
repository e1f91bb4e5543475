from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "krachtbron.network"
    verbose_name = _("Netwerkkaart")

    def ready(self) -> None:
        from krachtbron.families.actions import register_member_cleanup
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.network import copy_parts
        from krachtbron.network.actions import remove_member_from_snapshots

        register_tab("network", _("Netwerk"), "network:map", 30)
        copy_parts.register()
        register_member_cleanup(remove_member_from_snapshots)
