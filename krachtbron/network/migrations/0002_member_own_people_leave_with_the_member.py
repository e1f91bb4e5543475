"""A member's own people on the network map leave with the member (break-11, finding 11).

``NetworkPerson.member`` was SET_NULL: removing a member made their own people "het hele gezin",
and so part of every member's copy of the file. Now CASCADE. The data step takes the people of
members who were removed earlier out of the saved moments (their member id no longer exists).
People that earlier removals already turned into the whole family's cannot be told apart from
the family's own and stay as they are (docs/familiedossier.md). Going back changes no data.
"""

import django.db.models.deletion
from django.db import migrations, models


def remove_gone_members_from_snapshots(apps, schema_editor):
    Snapshot = apps.get_model("network", "NetworkSnapshot")
    Member = apps.get_model("families", "FamilyMember")
    for snapshot in Snapshot.objects.order_by("pk").iterator():
        data = snapshot.data if isinstance(snapshot.data, dict) else {}
        rows = data.get("persons") or []
        named = {r.get("member_id") for r in rows if isinstance(r, dict)} - {None}
        if not named:
            continue
        present = set(
            Member.objects.filter(family_id=snapshot.family_id, pk__in=named).values_list(
                "pk", flat=True
            )
        )
        kept = [
            r
            for r in rows
            if not (isinstance(r, dict) and r.get("member_id") not in (None, *present))
        ]
        if len(kept) != len(rows):
            snapshot.data = {**data, "persons": kept}
            snapshot.person_count = len(kept)
            snapshot.save(update_fields=["data", "person_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0004_retention_and_destruction"),
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="networkperson",
            name="member",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="network_persons",
                to="families.familymember",
                verbose_name="van wie",
            ),
        ),
        migrations.RunPython(remove_gone_members_from_snapshots, migrations.RunPython.noop),
    ]
