"""The database itself refuses UPDATEs of access-log rows (append-only, NEN 7513).

DELETE is refused by the model layer; it stays possible for the database owner (test flushes,
a legal purge after the retention period).
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'access log is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_accesslog_no_update;"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_accesslog_refuse_update() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'access log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_accesslog_refuse_update();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update ON audit_accesslogentry;",
    "DROP FUNCTION IF EXISTS audit_accesslog_refuse_update();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
