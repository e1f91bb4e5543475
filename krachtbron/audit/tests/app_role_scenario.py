"""What the application does as its own database role, run in a subprocess by the role tests.

    DATABASE_URL=postgres://app-role@host/db python -m krachtbron.audit.tests.app_role_scenario work
    DATABASE_URL=... python -m krachtbron.audit.tests.app_role_scenario attempts

``work`` does Krachtbron's normal work against a migrated, empty database: data through the
actions, real pages through Django's test client (adviser, teamleider, privacy officer and a
family through its link), log rows, sealing, and the chain check. ``attempts`` then tries every
way to change or remove the access log and reports, per statement, whether the database refused
it. The last line printed is JSON.
"""

import json
import sys
from typing import Any

LOG = "audit_accesslogentry"
SEALS = "audit_accesslogseal"
# Fixed table names in fixed statements: nothing here comes from input.
# ruff: noqa: S608

#: Every way to change or remove the log that a database role could try.
ATTEMPTS = {
    "update_entry": f"UPDATE {LOG} SET kind = 'delete'",
    "delete_entry": f"DELETE FROM {LOG}",
    "truncate_entry": f"TRUNCATE {LOG}",
    "alter_entry": f"ALTER TABLE {LOG} ADD COLUMN note text",
    "disable_trigger_entry": f"ALTER TABLE {LOG} DISABLE TRIGGER audit_accesslog_no_update",
    "disable_all_triggers_entry": f"ALTER TABLE {LOG} DISABLE TRIGGER ALL",
    "drop_trigger_entry": f"DROP TRIGGER audit_accesslog_no_update ON {LOG}",
    "drop_entry": f"DROP TABLE {LOG}",
    "update_seal": f"UPDATE {SEALS} SET mac = 'x'",
    "delete_seal": f"DELETE FROM {SEALS}",
    "truncate_seal": f"TRUNCATE {SEALS}",
    "alter_seal": f"ALTER TABLE {SEALS} ADD COLUMN note text",
    "disable_trigger_seal": f"ALTER TABLE {SEALS} DISABLE TRIGGER audit_accesslogseal_no_update",
    "drop_seal": f"DROP TABLE {SEALS}",
    "replication_role": "SET session_replication_role = replica",
}
#: SQLite has no roles and no TRUNCATE or DISABLE TRIGGER; these are its ways.
SQLITE_ATTEMPTS = {
    "update_entry": f"UPDATE {LOG} SET kind = 'delete'",
    "update_seal": f"UPDATE {SEALS} SET mac = 'x'",
    "delete_entry": f"DELETE FROM {LOG}",
    "drop_trigger_entry": "DROP TRIGGER audit_accesslog_no_update",
}


def work() -> dict[str, Any]:
    from datetime import timedelta

    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from krachtbron.audit.models import AccessLogEntry, AccessLogSeal
    from krachtbron.audit.sealing import seal_pending
    from krachtbron.audit.verify import verify_chain
    from krachtbron.families import actions as family_actions
    from krachtbron.questionnaires import actions as questionnaire_actions
    from krachtbron.testing.personas import login, make_org

    # First a row from long ago (only a test writes one like this), sealed first, so that the
    # owner's retention purge has something to remove.
    AccessLogEntry(
        at=timezone.now() - timedelta(days=21 * 366),
        actor_kind="system",
        actor_role="retention",
        kind="read",
        object_type="family",
    ).save()
    seal_pending()
    org = make_org()
    member = family_actions.add_member(
        org.adviser, org.family, first_name="Noor", role="jeugdige", birth_year=2010
    )
    family_actions.add_goal(org.adviser, org.family, text="Samen eten", life_domain="opvoeden")
    family_actions.update_family(org.adviser, org.family, org.family.version, status="actief")
    _invitation, token = questionnaire_actions.invite_member(
        org.adviser, org.family, member, moment="begin", language="nl"
    )
    pages: dict[str, int] = {}
    adviser = login(Client(), org.adviser)
    family = org.family.pk
    for name, url in [
        ("caseload", reverse("families:caseload")),
        ("file", reverse("families:detail", args=[family])),
        ("who_looked", reverse("families:access_history", args=[family])),
        ("network", reverse("network:map", args=[family])),
        ("strengths", reverse("strengths:profile", args=[family])),
        ("questionnaires", reverse("questionnaires:family", args=[family])),
        ("other_family", reverse("families:detail", args=[org.other_family.pk])),
    ]:
        pages[name] = adviser.get(url).status_code
    edit = reverse("families:member_edit", args=[member.pk])
    pages["member_edit_post"] = adviser.post(
        edit, {"first_name": "Noor", "role": "jeugdige", "birth_year": 2009, "version": 1}
    ).status_code
    pages["team"] = login(Client(), org.teamleider).get(reverse("families:team")).status_code
    pages["access_log"] = (
        login(Client(), org.beheerder).get(reverse("audit:access_log")).status_code
    )
    link = Client()
    pages["link"] = link.get(reverse("questionnaires:open", args=[token])).status_code
    pages["start"] = link.get(reverse("questionnaires:form_start")).status_code
    pages["autosave"] = link.post(
        reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"}
    ).status_code
    pages["submit"] = link.post(reverse("questionnaires:form_submit")).status_code
    pages["done"] = link.get(reverse("questionnaires:form_done")).status_code
    sealed_now = 0
    while sealed := seal_pending(scan_all=True, batch=5000, wait=True):
        sealed_now += sealed
    report = verify_chain(grace=timedelta(0))
    return {
        "pages": pages,
        "entries": AccessLogEntry.objects.count(),
        "seals": AccessLogSeal.objects.count(),
        "family_member_rows": AccessLogEntry.objects.filter(actor_kind="family_member").count(),
        "denied_rows": AccessLogEntry.objects.filter(result="denied").count(),
        "sealed_by_command": sealed_now,
        "chain_ok": report.ok,
    }


def attempts() -> dict[str, Any]:
    from django.db import DatabaseError, connection, transaction

    from krachtbron.audit.models import AccessLogEntry, AppendOnlyError

    outcome: dict[str, str] = {}
    statements = ATTEMPTS if connection.vendor == "postgresql" else SQLITE_ATTEMPTS
    for name, statement in statements.items():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
                transaction.set_rollback(True)  # an allowed statement changes nothing here
            outcome[name] = "allowed"
        except DatabaseError as error:
            code = getattr(error.__cause__, "sqlstate", None) or "refused"
            outcome[name] = f"refused:{code}"
    try:
        AccessLogEntry._base_manager.all().delete()
        outcome["orm_delete"] = "allowed"
    except AppendOnlyError:
        outcome["orm_delete"] = "refused:orm"
    return {"attempts": outcome}


SCENARIOS = {"work": work, "attempts": attempts}


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(SCENARIOS[sys.argv[1]]()))  # noqa: T201
