"""Moving the test database to a migration state, for tests of data migrations."""

from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Apps:
    """Migrate the test database to ``targets`` [(app label, migration name)], forwards or
    backwards (a name of ``None`` unapplies every migration of that app); returns the
    historical models of that state (``apps.get_model(...)``)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(applied).apps


def latest() -> list[Any]:
    """The newest migration of every app, as targets for ``migrate_to``."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def before(app_label: str, name: str) -> list[Any]:
    """Targets for ``migrate_to``: ``app_label`` at migration ``name``, every other app at its
    newest migration, except an app that needs a later migration of ``app_label`` (say a newer
    app with a foreign key to a changed model): that one is unapplied entirely (``None``)."""
    graph = MigrationExecutor(connection).loader.graph
    kept = set(graph.forwards_plan((app_label, name)))
    targets: list[Any] = [(app_label, name)]
    for leaf in graph.leaf_nodes():
        if leaf[0] == app_label:
            continue
        needs_later = any(
            node[0] == app_label and node not in kept for node in graph.forwards_plan(leaf)
        )
        targets.append((leaf[0], None) if needs_later else leaf)
    return targets
