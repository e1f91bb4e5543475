from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "krachtbron.insight"
    verbose_name = _("Inzicht")

    def ready(self) -> None:
        from krachtbron.insight import rounds
        from krachtbron.insight.published import publish_round
        from krachtbron.lib.navigation import register_nav
        from krachtbron.reflection import hooks

        # Below this app, reflection stores rounds; their figures are published in the
        # transaction that closes a round, and shown on the round's page (reflection/hooks.py).
        hooks.on_round_closed(publish_round)
        hooks.register_round_results(rounds.round_results)
        # The daily upkeep (below this app) queues the publication of periods closed by the
        # calendar: quarters that ended, rounds past their last day (insight/tasks.py).
        from krachtbron.insight.tasks import request_publication
        from krachtbron.sending.tasks import on_daily

        on_daily("publication_queued", request_publication)

        register_nav("insight:team", _("Vragenlijst team"), {"teamleider"}, 15)
        register_nav("insight:dashboard", _("Dashboard"), {"teamleider", "beheerder"}, 40)
        register_nav("insight:outcomes", _("Nazorg in cijfers"), {"teamleider", "beheerder"}, 42)
