from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkPlanConfig(AppConfig):
    name = "krachtbron.networkplan"
    verbose_name = _("Netwerkplan")
