"""The published figures moved to the insight app and the export projects to the research app
(docs/adr/0012-layers.md). This migration only takes the models out of reflection's *state*;
their tables and rows stay untouched. ``insight.0001`` and ``research.0001`` take them into
their state (on the same tables) and then rename the tables, keeping every row."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reflection", "0004_family_figures_count_families"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ExportRun"),
                migrations.DeleteModel(name="ExportProject"),
                migrations.DeleteModel(name="PublishedCell"),
                migrations.DeleteModel(name="PublishedPeriod"),
            ],
            database_operations=[],
        ),
    ]
