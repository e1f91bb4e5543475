"""Team names are unique without regard to case; existing look-alikes are reported first."""

import django.db.models.functions.text
from django.db import migrations, models

from krachtbron.lib.lookalikes import refuse_lookalikes


def report_lookalike_teams(apps, schema_editor):
    Team = apps.get_model("accounts", "Team")
    refuse_lookalikes("teams", Team.objects.values_list("pk", "name"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_beheerder_needs_four_eyes"),
    ]

    operations = [
        migrations.RunPython(report_lookalike_teams, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="team",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"), name="team_name_ci_unique"
            ),
        ),
    ]
