from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "krachtbron.accounts"
    verbose_name = _("Accounts en teams")

    def ready(self) -> None:
        from krachtbron.lib.navigation import register_nav

        register_nav("accounts:user_list", _("Gebruikers"), {"beheerder"}, 80)
        register_nav("accounts:team_list", _("Teams"), {"beheerder"}, 81)
