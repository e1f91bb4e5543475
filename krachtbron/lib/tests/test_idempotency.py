"""Create forms create once (krachtbron/lib/idempotency.py); the generated test over every create
form is krachtbron/testing/test_create_forms.py, the races are in families/tests/test_races.py."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.families.models import Goal
from krachtbron.lib.idempotency import FIELD, KEPT_FOR, forget_old_keys
from krachtbron.lib.models import FormSubmission
from krachtbron.testing.forms import form_key_of

pytestmark = pytest.mark.django_db
GOAL = {"text": "Samen boodschappen doen", "life_domain": "financien", "status": "open"}


def _goal_form(client, org):
    url = reverse("families:goal_add", args=[org.family.pk])
    return url, form_key_of(client.get(url))


def test_a_refused_form_gives_its_key_back_and_the_corrected_form_creates_once(org, as_user):
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    before = Goal.objects.count()
    refused = client.post(url, {**GOAL, "text": "", FIELD: key})
    assert refused.status_code == 200 and Goal.objects.count() == before
    assert form_key_of(refused) == key  # the page shows the same key again
    assert not FormSubmission.objects.exists()
    first = client.post(url, {**GOAL, FIELD: key})
    second = client.post(url, {**GOAL, FIELD: key})
    assert Goal.objects.count() == before + 1
    assert (
        second["Location"] == first["Location"] == reverse("families:detail", args=[org.family.pk])
    )
    assert "Dit is al opgeslagen." in client.get(second["Location"]).content.decode()


def test_a_double_click_on_an_edit_is_no_conflict_with_oneself(org, as_user):
    """Without the key the second save of an edit met its own first one as 'someone else'."""
    client = as_user(org.adviser)
    url = reverse("families:goal_edit", args=[org.goal.pk])
    key = form_key_of(client.get(url))
    data = {**GOAL, "version": org.goal.version, FIELD: key}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    page = client.get(second["Location"]).content.decode()
    assert "Iemand anders heeft dit net gewijzigd" not in page
    org.goal.refresh_from_db()
    assert org.goal.version == 2 and org.goal.text == GOAL["text"]


def test_a_key_is_per_user(org, as_user):
    """Another user's key is no way to reach their result: it is just a new key for this user."""
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    client.post(url, {**GOAL, FIELD: key})
    FormSubmission.objects.update(user=org.colleague)  # as if the colleague had used this key
    again = client.post(url, {**GOAL, FIELD: key})
    assert again.status_code == 302
    assert Goal.objects.filter(text=GOAL["text"]).count() == 2


def test_a_refused_access_keeps_its_log_row_and_claims_no_key(org, as_user):
    client = as_user(org.colleague)  # not assigned to the family
    url = reverse("families:goal_add", args=[org.family.pk])
    response = client.post(url, {**GOAL, FIELD: "k" * 24})
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(
        actor=org.colleague, family_id=org.family.pk, result=AccessResult.DENIED
    ).exists()
    assert not FormSubmission.objects.exists()


def test_old_keys_are_forgotten_by_the_daily_tidy_up_not_by_each_post(org, as_user):
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    client.post(url, {**GOAL, FIELD: key})
    FormSubmission.objects.update(created_at=timezone.now() - KEPT_FOR - timedelta(seconds=1))
    _url, other = _goal_form(client, org)
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {**GOAL, FIELD: other})
    # The form keys' table is not touched (each change of the file does delete its stored PDFs).
    assert not [
        q
        for q in queries.captured_queries
        if "DELETE" in q["sql"] and FormSubmission._meta.db_table in q["sql"]
    ]
    assert FormSubmission.objects.count() == 2
    assert forget_old_keys() == 1
    assert list(FormSubmission.objects.values_list("key", flat=True)) == [other]


def test_a_malformed_key_is_ignored_and_the_form_works_as_before(org, as_user):
    client = as_user(org.adviser)
    url = reverse("families:goal_add", args=[org.family.pk])
    response = client.post(url, {**GOAL, FIELD: "<script>"})
    assert response.status_code == 302
    assert not FormSubmission.objects.exists()
    assert b"&lt;script&gt;" not in client.get(url).content  # a fresh key, not the posted one
