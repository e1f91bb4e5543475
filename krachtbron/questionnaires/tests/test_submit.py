"""The final submit is idempotent (SECURITY.md 23): one response, completed once, one receipt."""

import json
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests import parallel_scenarios
from krachtbron.questionnaires.tests.factories import completed_response, invite, open_link


def _answered_family(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    for item_id, value in [("g01", 3), ("g02", 1), ("g03", 4)]:
        client.post(reverse("questionnaires:form_autosave"), {"item": item_id, "value": value})
    return invitation, client


def test_the_submit_completes_the_response_and_shows_a_receipt(org):
    invitation, client = _answered_family(org)
    response = client.post(reverse("questionnaires:form_submit"))
    assert response["Location"] == reverse("questionnaires:form_done")
    done = client.get(response["Location"])
    stored = Response.objects.get()
    assert stored.completed_at is not None and stored.team == org.family.team
    assert stored.receipt and stored.receipt in done.content.decode()
    assert "Wat gebeurt er nu?" in done.content.decode()
    invitation.refresh_from_db()
    assert invitation.completed_at == stored.completed_at
    assert invitation.state == "completed"
    entry = AccessLogEntry.objects.get(object_type="questionnaire_response", kind="change")
    assert entry.actor is None and entry.actor_role == "gezinslid"
    assert (entry.actor_kind, entry.actor_member_id) == ("family_member", org.member.pk)
    assert entry.family_id == org.family.pk and entry.extra == {"action": "submit"}


def test_a_double_click_or_retry_gives_the_same_response_and_receipt(org):
    invitation, client = _answered_family(org)
    client.post(reverse("questionnaires:form_submit"))
    first = Response.objects.get()
    for _ in range(3):
        again = client.post(reverse("questionnaires:form_submit"))
        assert again.status_code == 302
    assert Response.objects.count() == 1
    last = Response.objects.get()
    assert (last.receipt, last.completed_at) == (first.receipt, first.completed_at)
    assert AccessLogEntry.objects.filter(extra__action="submit").count() == 1
    assert first.receipt in client.get(reverse("questionnaires:form_done")).content.decode()


def test_a_submit_without_any_answer_still_counts_once(org):
    invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    client.post(reverse("questionnaires:form_submit"))
    client.post(reverse("questionnaires:form_submit"))
    assert Response.objects.filter(completed_at__isnull=False).count() == 1


def test_the_thank_you_page_waits_for_the_submit(org):
    _invitation, client = _answered_family(org)
    response = client.get(reverse("questionnaires:form_done"))
    assert response["Location"] == reverse("questionnaires:form_review")


#: What one submit of the hot path (``fastpath.submit``) sends to the database, in order: the
#: session, then one short transaction (its BEGIN/COMMIT or savepoints aside). The answers of
#: the response and of the member's previous one are read once, together; a drop adds one UPDATE.
SUBMIT_STATEMENTS = [
    ("SELECT", "django_session"),
    ("UPDATE", "questionnaires_response"),  # completes it, returns what the log row needs
    ("UPDATE", "questionnaires_invitation"),
    ("SELECT", "questionnaires_answer"),  # both answer sets, for "score gedaald"
    ("INSERT", "audit_accesslogentry"),
]
# The verb and its table: UPDATE t, INSERT INTO t, DELETE FROM t, SELECT … FROM t.
_STATEMENT = re.compile(r'^(UPDATE|INSERT INTO|DELETE FROM|SELECT\b.*?\bFROM) "?(\w+)', re.S)


def _statements(queries) -> list[tuple[str, str]]:
    """(verb, first table) of every statement but the transaction's own (savepoints, BEGIN)."""
    found = []
    for query in queries:
        sql = query["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")):
            continue
        match = _STATEMENT.match(sql)
        found.append((match.group(1).split()[0], match.group(2)) if match else ("?", sql[:60]))
    return found


def _submit_counted(client):
    with CaptureQueriesContext(connection) as queries:
        sent = client.post(reverse("questionnaires:form_submit"))
    assert sent.status_code == 302 and sent["Location"] == reverse("questionnaires:form_done")
    return _statements(queries)


def test_a_submit_is_one_short_transaction_of_five_statements(org):
    """Pinned: no re-read, no query per item, no second transaction (issue 18: submit speed)."""
    _invitation, client = _answered_family(org)
    assert _submit_counted(client) == SUBMIT_STATEMENTS
    assert Response.objects.get().completed_at is not None


def test_a_second_measurement_compares_in_the_same_statements(org):
    """With a previous measurement the same five statements decide "score gedaald"; only a drop
    writes once more, to the response (``drops.mark_drop``)."""
    before = dict.fromkeys(("g01", "g02", "g03"), 3)
    completed_response(org.member, org.adviser, before, completed_at=timezone.now() - timedelta(1))
    _invitation, client = _answered_family(org)  # g01 3, g02 1, g03 4
    assert _submit_counted(client) == SUBMIT_STATEMENTS
    assert not Response.objects.filter(dropped_since_previous=True).exists()

    higher = dict.fromkeys(("g01", "g02", "g03"), 4)  # then the same answers are a drop
    Response.objects.all().delete()
    completed_response(org.member, org.adviser, higher, completed_at=timezone.now() - timedelta(1))
    _invitation, client = _answered_family(org)
    assert _submit_counted(client) == [
        *SUBMIT_STATEMENTS[:4],
        ("UPDATE", "questionnaires_response"),  # dropped_since_previous
        SUBMIT_STATEMENTS[4],
    ]
    assert Response.objects.get(dropped_since_previous=True).invitation.member == org.member


def test_the_receipt_page_reads_the_invitation_with_its_response_once(org):
    """The page after the submit: the session, the invitation with its response and family in
    one query (the family pages' gate), its log row; the receipt is the stored one."""
    _invitation, client = _answered_family(org)
    client.post(reverse("questionnaires:form_submit"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("questionnaires:form_done"))
    assert page.status_code == 200
    assert f"<strong>{Response.objects.get().receipt}</strong>" in page.content.decode()
    assert _statements(queries) == [
        ("SELECT", "django_session"),
        ("SELECT", "questionnaires_invitation"),
        ("INSERT", "audit_accesslogentry"),
    ]


def _scenario(name, tmp_path):
    """Run a concurrency scenario: in-process on PostgreSQL, in a subprocess on an SQLite file."""
    if connection.vendor == "postgresql":
        return parallel_scenarios.SCENARIOS[name]()
    env = {
        **os.environ,
        "SQLITE_PATH": str(tmp_path / "parallel.sqlite3"),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "krachtbron.questionnaires.tests.parallel_scenarios", name],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scenario", ["double_submit", "double_submit_as_the_view_does"])
def test_parallel_duplicate_submits_complete_one_response_once(tmp_path, scenario):
    result = _scenario(scenario, tmp_path)
    assert result["errors"] == []
    assert len(result["receipts"]) == parallel_scenarios.THREADS
    assert set(result["receipts"]) == {result["stored_receipt"]}
    assert result["responses"] == 1
    assert result["submit_log_rows"] == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_first_answers_create_one_response(tmp_path):
    result = _scenario("first_answers", tmp_path)
    assert result["errors"] == []
    assert result["responses"] == 1
    assert result["answers"] == result["saved"] == ["g01", "g02", "g03", "g04"]


@pytest.mark.django_db(transaction=True)
def test_an_answer_sent_during_the_submit_waits_and_is_refused(tmp_path):
    result = _scenario("answer_during_submit", tmp_path)
    assert result["errors"] == []
    assert result["receipt"]
    assert result["saved"] is False
    assert result["answers"] == ["g01"]
