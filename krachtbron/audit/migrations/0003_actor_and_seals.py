"""One Actor per row (actor_kind, actor_member_id) and the seal chain's table.

Existing rows are classified once, by the owner running this migration: a row with role
"gezinslid" and no user was a family member, a row with neither was the retention purge. The
UPDATE trigger is switched off for that one statement and on again. The new seal table gets the
same UPDATE trigger as the entries. Existing rows are sealed by the first seal run after this.
"""

import django.utils.timezone
from django.db import migrations, models

TRIGGER_FUNCTION = """CREATE OR REPLACE FUNCTION audit_accesslog_refuse_update() RETURNS trigger
    AS $$ BEGIN RAISE EXCEPTION 'access log is append-only'; END; $$ LANGUAGE plpgsql;"""


def _update_existing(schema_editor, statements):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_accesslogentry DISABLE TRIGGER audit_accesslog_no_update")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_accesslog_no_update")
    for sql in statements:
        schema_editor.execute(sql)
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_accesslogentry ENABLE TRIGGER audit_accesslog_no_update")
    else:
        schema_editor.execute(
            "CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry "
            "BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;"
        )


def classify_actors(apps, schema_editor):
    _update_existing(
        schema_editor,
        [
            "UPDATE audit_accesslogentry SET actor_kind = 'family_member' "
            "WHERE actor_id IS NULL AND actor_role = 'gezinslid'",
            "UPDATE audit_accesslogentry SET actor_kind = 'system', actor_role = 'retention' "
            "WHERE actor_id IS NULL AND actor_role = ''",
        ],
    )


def seal_table_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_FUNCTION)
        schema_editor.execute(
            "CREATE TRIGGER audit_accesslogseal_no_update BEFORE UPDATE ON audit_accesslogseal "
            "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_refuse_update();"
        )
    else:
        schema_editor.execute(
            "CREATE TRIGGER audit_accesslogseal_no_update BEFORE UPDATE ON audit_accesslogseal "
            "BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;"
        )


def drop_seal_table_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS audit_accesslogseal_no_update ON audit_accesslogseal"
        )
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_accesslogseal_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="actor_kind",
            field=models.CharField(
                choices=[
                    ("staff", "medewerker"),
                    ("family_member", "gezinslid"),
                    ("network_person", "persoon uit het netwerk"),
                    ("system", "systeem"),
                ],
                default="staff",
                max_length=20,
                verbose_name="soort actor",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="actor_member_id",
            field=models.BigIntegerField(null=True, verbose_name="gezinslid- of netwerk-id"),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="moment (UTC)",
            ),
        ),
        migrations.AlterModelOptions(
            name="accesslogentry",
            options={
                "base_manager_name": "objects",
                "ordering": ["-at", "-id"],
                "verbose_name": "toegangslogregel",
                "verbose_name_plural": "toegangslog",
            },
        ),
        migrations.RunPython(classify_actors, migrations.RunPython.noop),
        migrations.CreateModel(
            name="AccessLogSeal",
            fields=[
                (
                    "sequence",
                    models.BigIntegerField(primary_key=True, serialize=False, verbose_name="volgnummer"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("entry", "regel"), ("anchor", "anker")],
                        default="entry",
                        max_length=10,
                        verbose_name="soort",
                    ),
                ),
                ("entry_id", models.BigIntegerField(null=True, unique=True, verbose_name="regel")),
                ("mac", models.CharField(max_length=64)),
                ("proof", models.CharField(blank=True, max_length=64)),
                ("detail", models.JSONField(blank=True, default=dict)),
            ],
            options={
                "verbose_name": "zegel van de toegangslog",
                "verbose_name_plural": "zegels van de toegangslog",
                "ordering": ["sequence"],
                "base_manager_name": "objects",
            },
        ),
        migrations.RunPython(seal_table_trigger, drop_seal_table_trigger),
    ]
