"""The published figures moved from reflection to insight, the export projects to research
(reflection.0005, insight.0001, research.0001): every row survives, with its key, on SQLite and
PostgreSQL; the tables carry the new apps' names; going back restores the old tables."""

import pytest
from django.db import connection

from krachtbron.reflection.tests.test_migration import back_to
from krachtbron.testing.migrations import latest, migrate_to

BEFORE_MOVE = ("reflection", "0004_family_figures_count_families")
OLD_TABLES = {
    "reflection_publishedperiod",
    "reflection_publishedcell",
    "reflection_exportproject",
    "reflection_exportrun",
}
NEW_TABLES = {
    "insight_publishedperiod",
    "insight_publishedcell",
    "research_exportproject",
    "research_exportrun",
}


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _plant(state):
    """One published period with a cell, one project with a run, in ``state``'s models."""
    User = state.get_model("accounts", "User")
    researcher = User.objects.create(username="onderzoeker-m", role="onderzoeker")
    period = state.get_model("reflection", "PublishedPeriod").objects.create(
        instrument_id="kracht-gezinnen", instrument_version="1.0", kind="quarter", unit=20252
    )
    cell = state.get_model("reflection", "PublishedCell").objects.create(
        period=period,
        team_key=7,
        quarter=20252,
        respondents=6,
        persons=5,
        items={"g01": [0, 1, 2, 3, 0]},
        section_sums=["29/4"],
        section_counts=[5],
    )
    project = state.get_model("reflection", "ExportProject").objects.create(
        title="Verhuisd project",
        purpose="Doel",
        researcher=researcher,
        instrument_id="kracht-gezinnen",
        first_month="2025-01-01",
        last_month="2025-06-01",
        secret=b"k" * 32,
    )
    run = state.get_model("reflection", "ExportRun").objects.create(
        project=project, user=researcher, format="csv", rows=12, families=6
    )
    return {"period": period.pk, "cell": cell.pk, "project": project.pk, "run": run.pk}


@pytest.mark.django_db(transaction=True)
def test_figures_and_projects_keep_their_rows_when_they_move_to_their_own_apps():
    old = back_to(BEFORE_MOVE)
    try:
        assert _tables() >= OLD_TABLES and not NEW_TABLES & _tables()
        keys = _plant(old)

        new = migrate_to(latest())
        assert _tables() >= NEW_TABLES and not OLD_TABLES & _tables()
        cell = new.get_model("insight", "PublishedCell").objects.get(pk=keys["cell"])
        assert cell.period_id == keys["period"]
        assert cell.period.unit == 20252 and cell.period.kind == "quarter"
        assert (cell.team_key, cell.respondents, cell.persons) == (7, 6, 5)
        assert cell.items == {"g01": [0, 1, 2, 3, 0]} and cell.section_sums == ["29/4"]
        run = new.get_model("research", "ExportRun").objects.get(pk=keys["run"])
        assert run.project_id == keys["project"] and (run.rows, run.families) == (12, 6)
        # The project's key is what its pseudonyms are made with: it must not change.
        assert bytes(run.project.secret) == b"k" * 32 and run.project.title == "Verhuisd project"
        ContentType = new.get_model("contenttypes", "ContentType")
        assert set(
            ContentType.objects.filter(model__in=["publishedcell", "exportproject"]).values_list(
                "app_label", "model"
            )
        ) == {("insight", "publishedcell"), ("research", "exportproject")}
        # New rows continue after the moved ones (the key sequences came along).
        Period = new.get_model("insight", "PublishedPeriod")
        later = Period.objects.create(
            instrument_id="kracht-gezinnen", instrument_version="1.0", kind="quarter", unit=20253
        )
        assert later.pk > keys["period"]

        # And back: the rows return to reflection's tables.
        old = back_to(BEFORE_MOVE)
        assert _tables() >= OLD_TABLES and not NEW_TABLES & _tables()
        project = old.get_model("reflection", "ExportProject").objects.get(pk=keys["project"])
        assert bytes(project.secret) == b"k" * 32
        assert old.get_model("reflection", "PublishedCell").objects.filter(pk=keys["cell"]).exists()
    finally:
        migrate_to(latest())
