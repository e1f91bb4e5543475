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
