"""The final submit is idempotent (SECURITY.md 23): one response, completed once, one receipt."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry
from krachtbron.questionnaires.models import Response
from krachtbron.questionnaires.tests import parallel_scenarios
from krachtbron.questionnaires.tests.factories import invite, open_link


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
