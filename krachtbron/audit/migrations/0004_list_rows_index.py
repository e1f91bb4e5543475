"""PostgreSQL: a GIN index on the rows' ``extra``, so that a family's "Wie keek mee" finds the
list pages that named it (``extra @> '{"families": [id]}'``) without reading the whole log.
SQLite has no such index type; its lists are read with json_each.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS audit_accesslog_extra_gin "
            "ON audit_accesslogentry USING gin (extra jsonb_path_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS audit_accesslog_extra_gin")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_actor_and_seals")]
    operations = [migrations.RunPython(forwards, backwards)]
