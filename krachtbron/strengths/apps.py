from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrengthsConfig(AppConfig):
    name = "krachtbron.strengths"
    verbose_name = _("Krachten en doelen")

    def ready(self) -> None:
        from krachtbron.families.file_tabs import register_tab
        from krachtbron.families.rights import register_part
        from krachtbron.strengths import copy_parts, log_labels, plan
        from krachtbron.strengths.models import FirstQuestion, GoalScaling, Scaling, StrengthEntry

        log_labels.register()  # the names of its codes in the access log
        register_tab("strengths", _("Krachten"), "strengths:profile", 20)
        register_tab("goals", _("Eerste vraag en doelen"), "strengths:goals", 25)
        register_tab("plan", _("Krachtenplan"), "strengths:plan", 60)
        copy_parts.register()
        plan.register_stored_pdf()  # 'Ons krachtenplan' is downloaded from the store
        register_part(StrengthEntry, family_path="member__family")
        register_part(Scaling, family_path="member__family")
        register_part(GoalScaling, family_path="goal__family", member_path="goal__member")
        register_part(FirstQuestion, member_path=None)
