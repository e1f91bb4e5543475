"""Dossier numbers are unique without regard to case; existing look-alikes are reported first."""

import django.db.models.functions.text
from django.db import migrations, models

from krachtbron.lib.lookalikes import refuse_lookalikes


def report_lookalike_references(apps, schema_editor):
    Family = apps.get_model("families", "Family")
    refuse_lookalikes("dossier numbers", Family.objects.values_list("pk", "reference"))


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0004_retention_and_destruction"),
    ]

    operations = [
        migrations.RunPython(
            report_lookalike_references, migrations.RunPython.noop, elidable=False
        ),
        migrations.AddConstraint(
            model_name="family",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("reference"),
                name="family_reference_ci_unique",
            ),
        ),
    ]
