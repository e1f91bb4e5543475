from django.apps import AppConfig


class SendingConfig(AppConfig):
    name = "krachtbron.sending"
    label = "sending"
    verbose_name = "Versturen"

    def ready(self) -> None:
        from krachtbron.families.file_copy import register_copy_exclusion
        from krachtbron.sending import checks  # noqa: F401 - registers the SMS settings check
        from krachtbron.sending.models import Delivery

        register_copy_exclusion(
            Delivery,
            "Of een bericht met een link (e-mail of sms) is verstuurd: dat zegt het gezin niets "
            "over het dossier. Elk bericht staat bij 'Wie keek mee'; het adres of nummer bewaren "
            "we niet.",
        )
