from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "krachtbron.questionnaires"
    verbose_name = _("Vragenlijsten")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.families.rights import register_part
        from krachtbron.instruments.ids import FAMILIES
        from krachtbron.questionnaires import closing, copy_parts, log_labels
        from krachtbron.questionnaires.models import Response
        from krachtbron.questionnaires.sources import register_family_instrument

        log_labels.register()  # the names of its codes in the access log
        copy_parts.register()
        # A filled-in questionnaire is its member's own data (families/rights.py).
        register_part(Response, visibility=None)
        # The instruments families fill in: one line each (CONTRIBUTING, "How to add an
        # instrument"). The first is the default of an invitation.
        register_family_instrument(
            FAMILIES,
            label=_("Gezinnen: Aansluiten bij de kracht van gezinnen"),
            voice=_("Gezinnen over het team"),
        )

        register_tab("questionnaires", _("Vragenlijsten"), "questionnaires:family", 40)
        closing.register()  # the questionnaire at closure: a step of the closing walk
        # Reminders go out only for invitations still open (sending/subjects.py).
        from krachtbron.questionnaires.expiring import waiting_invitations
        from krachtbron.sending.models import Purpose
        from krachtbron.sending.subjects import register_waiting

        register_waiting(Purpose.QUESTIONNAIRE, waiting_invitations)
