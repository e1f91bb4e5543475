from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "krachtbron.network"
