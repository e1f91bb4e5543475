from django.apps import AppConfig


class StrengthsConfig(AppConfig):
    name = "krachtbron.strengths"
