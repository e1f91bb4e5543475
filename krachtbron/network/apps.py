from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "krachtbron.network"
    verbose_name = _("Netwerkkaart")

    def ready(self) -> None:
        from krachtbron.families.file_copy import register_copy_part
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.network.copy_parts import network_part

        register_tab("network", _("Netwerk"), "network:map", 30)
        register_copy_part("netwerk", network_part, third_party=True)
