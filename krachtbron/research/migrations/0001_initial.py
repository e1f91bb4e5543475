"""The export projects and their downloads, moved here from the reflection app with their rows.

First the models enter this app's state on their old tables (``reflection_exportproject``,
``reflection_exportrun``: no change to the database), then the tables get this app's names (a
rename: instant, on SQLite and PostgreSQL; keys, constraints and rows stay, so every project
keeps its secret and its pseudonyms). Content types follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import krachtbron.research.models

MODELS = ["exportproject", "exportrun"]


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reflection", "0005_figures_to_insight_exports_to_research"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExportProject",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=120, verbose_name="titel")),
                        ("purpose", models.TextField(max_length=2000, verbose_name="doel van het onderzoek")),
                        ("instrument_id", models.CharField(default="kracht-gezinnen", max_length=64, verbose_name="vragenlijst")),
                        ("first_month", models.DateField(verbose_name="vanaf maand")),
                        ("last_month", models.DateField(verbose_name="tot en met maand")),
                        ("secret", models.BinaryField(default=krachtbron.research.models.new_project_secret)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("researcher", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="export_projects", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "reflection_exportproject",
                        "verbose_name": "exportproject",
                        "verbose_name_plural": "exportprojecten",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="ExportRun",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("format", models.CharField(choices=[("csv", "CSV"), ("fhir", "FHIR Bundle")], max_length=10)),
                        ("rows", models.PositiveIntegerField(default=0)),
                        ("families", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("project", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="runs", to="research.exportproject")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "reflection_exportrun",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="exportproject", table=None),
        migrations.AlterModelTable(name="exportrun", table=None),
        migrations.RunPython(
            content_types_to("research", "reflection"), content_types_to("reflection", "research")
        ),
    ]
