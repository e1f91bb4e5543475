from django.apps import AppConfig


class SendingConfig(AppConfig):
    name = "krachtbron.sending"
    label = "sending"
    verbose_name = "Versturen"
