from django.apps import AppConfig


class SendingConfig(AppConfig):
    name = "krachtbron.sending"
    label = "sending"
    verbose_name = "Versturen"

    def ready(self) -> None:
        from krachtbron.families.file_copy import register_copy_exclusion
        from krachtbron.sending import (
            checks,  # noqa: F401 - registers the SMS settings check
            log_labels,
        )
        from krachtbron.sending.models import Delivery, MessageStop

        log_labels.register()  # the names of its codes in the access log
        register_copy_exclusion(
            Delivery,
            "Of een bericht met een link (e-mail of sms) is verstuurd: dat zegt het gezin niets "
            "over het dossier. Elk bericht staat bij 'Wie keek mee'; het adres of nummer bewaren "
            "we niet.",
        )
        register_copy_exclusion(
            MessageStop,
            "Of een gezinslid geen berichten meer wil: het vastleggen en het weer aanzetten "
            "staan, met datum en wie het deed, bij 'Wie keek mee'; de rij zegt niets meer.",
        )
