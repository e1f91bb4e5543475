"""The published figures, moved here from the reflection app with their rows.

First the models enter this app's state on their old tables (``reflection_publishedperiod``,
``reflection_publishedcell``: no change to the database), then the tables get this app's names
(a rename: instant, on SQLite and PostgreSQL; constraints, indexes and rows stay). Content types
follow, so nothing that names the models by app label loses them."""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["publishedperiod", "publishedcell"]


def content_types_to(app_label, other):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if not ContentType.objects.filter(app_label=app_label, model=model).exists():
                ContentType.objects.filter(app_label=other, model=model).update(
                    app_label=app_label
                )

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reflection", "0005_figures_to_insight_exports_to_research"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublishedPeriod",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("instrument_id", models.CharField(max_length=64)),
                        ("instrument_version", models.CharField(max_length=20)),
                        ("kind", models.CharField(choices=[("quarter", "kwartaal"), ("round", "ronde")], max_length=10)),
                        ("unit", models.PositiveIntegerField()),
                        ("published_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "db_table": "reflection_publishedperiod",
                        "constraints": [models.UniqueConstraint(fields=("instrument_id", "instrument_version", "kind", "unit"), name="one_publication_per_period")],
                    },
                ),
                migrations.CreateModel(
                    name="PublishedCell",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("team_key", models.IntegerField()),
                        ("quarter", models.PositiveIntegerField()),
                        ("respondents", models.PositiveIntegerField()),
                        ("persons", models.PositiveIntegerField()),
                        ("items", models.JSONField(default=dict)),
                        ("section_sums", models.JSONField(default=list)),
                        ("section_counts", models.JSONField(default=list)),
                        ("period", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="cells", to="insight.publishedperiod")),
                    ],
                    options={
                        "db_table": "reflection_publishedcell",
                        "constraints": [models.UniqueConstraint(fields=("period", "team_key"), name="one_cell_per_team")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="publishedperiod", table=None),
        migrations.AlterModelTable(name="publishedcell", table=None),
        migrations.RunPython(
            content_types_to("insight", "reflection"), content_types_to("reflection", "insight")
        ),
    ]
