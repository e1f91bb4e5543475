"""Create forms create once (krachtbron/lib/idempotency.py); the generated test over every create
form is krachtbron/testing/test_create_forms.py, the races are in families/tests/test_races.py."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.families.models import CaseAssignment, Goal
from krachtbron.lib.idempotency import FIELD, KEPT_FOR, SAME_CONTENT_FOR, forget_old_keys
from krachtbron.lib.models import FormSubmission
from krachtbron.testing.forms import form_key_of
from krachtbron.testing.personas import login

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
        client.post(url, {**GOAL, "text": "Een ander doel", FIELD: other})
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


def test_back_after_saving_and_saving_again_stores_one_goal(org, as_user):
    """Back after Opslaan fetches the form anew (a new key) and the browser fills in what was
    typed: the second Opslaan gets the first one's result and the message, no second goal."""
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    before = Goal.objects.count()
    first = client.post(url, {**GOAL, FIELD: key})
    _url, new_key = _goal_form(client, org)  # Back: the page again, with a new key
    assert new_key != key
    second = client.post(url, {**GOAL, FIELD: new_key})
    assert Goal.objects.filter(text=GOAL["text"]).count() == 1
    assert Goal.objects.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert "Dit is al opgeslagen." in client.get(second["Location"]).content.decode()
    assert FormSubmission.objects.count() == 1


def test_other_content_with_a_new_key_is_saved(org, as_user):
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    client.post(url, {**GOAL, FIELD: key})
    for changed in ({"text": GOAL["text"] + "."}, {"life_domain": "wonen"}):
        _url, key = _goal_form(client, org)
        assert client.post(url, {**GOAL, **changed, FIELD: key}).status_code == 302
    # The same fields on another family's page is other content too.
    other = CaseAssignment.objects.create(family=org.other_family, adviser=org.adviser).family
    other_url = reverse("families:goal_add", args=[other.pk])
    client.post(other_url, {**GOAL, FIELD: form_key_of(client.get(other_url))})
    assert Goal.objects.filter(family=org.family, text__startswith=GOAL["text"]).count() == 3
    assert Goal.objects.filter(family=other, text=GOAL["text"]).count() == 1


def test_a_refused_post_does_not_count_and_the_corrected_form_is_saved_once(org, as_user):
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    empty = {**GOAL, "text": ""}
    assert client.post(url, {**empty, FIELD: key}).status_code == 200
    _url, again = _goal_form(client, org)  # the same wrong content from a new page: still refused
    refused = client.post(url, {**empty, FIELD: again})
    assert refused.status_code == 200 and "Dit is al opgeslagen." not in refused.content.decode()
    assert not FormSubmission.objects.exists()
    client.post(url, {**GOAL, FIELD: again})
    _url, back = _goal_form(client, org)
    assert client.post(url, {**GOAL, FIELD: back}).status_code == 302
    assert Goal.objects.filter(text=GOAL["text"]).count() == 1


def test_another_user_with_the_same_content_saves_their_own(org, as_user):
    CaseAssignment.objects.create(family=org.family, adviser=org.colleague)
    client = as_user(org.adviser)
    url, key = _goal_form(client, org)
    client.post(url, {**GOAL, FIELD: key})
    colleague = login(Client(), org.colleague)
    colleague.post(url, {**GOAL, FIELD: form_key_of(colleague.get(url))})
    assert Goal.objects.filter(text=GOAL["text"]).count() == 2


def test_the_same_content_ten_minutes_later_is_saved_again(org, as_user):
    """The content's window is ``SAME_CONTENT_FOR``: after it the same content is meant (a link
    sent again), while the first POST's key still replays until the daily tidy-up."""
    client = as_user(org.adviser)
    url, first = _goal_form(client, org)
    client.post(url, {**GOAL, FIELD: first})
    FormSubmission.objects.update(
        created_at=timezone.now() - SAME_CONTENT_FOR - timedelta(seconds=1)
    )
    _url, key = _goal_form(client, org)
    assert client.post(url, {**GOAL, FIELD: key}).status_code == 302
    assert Goal.objects.filter(text=GOAL["text"]).count() == 2
    client.post(url, {**GOAL, FIELD: first})  # the first key, once more: a replay
    assert Goal.objects.filter(text=GOAL["text"]).count() == 2
    _url, back = _goal_form(client, org)  # and the new content claim counts again
    client.post(url, {**GOAL, FIELD: back})
    assert Goal.objects.filter(text=GOAL["text"]).count() == 2


def test_the_content_digest_is_keyed_and_keeps_every_value(rf, settings):
    """The digest is no plain hash of the text (guessable), sorts the fields, keeps every value
    of a field in its order, and leaves out the key and the CSRF token."""
    from krachtbron.lib.idempotency import content_digest

    def digest(body: str) -> str:
        request = rf.post("/p/", body, content_type="application/x-www-form-urlencoded")
        return content_digest(request)

    same = digest("a=1&b=2&b=3&form_key=k1&csrfmiddlewaretoken=c1")
    assert len(same) == 64
    assert same == digest("b=2&b=3&a=1&form_key=k2&csrfmiddlewaretoken=c2")
    assert same != digest("a=1&b=3&b=2")
    assert same != digest("a=1&b=2")
    from django.core.files.uploadedfile import SimpleUploadedFile

    def with_file(content: bytes) -> str:
        upload = SimpleUploadedFile("brief.pdf", content, content_type="application/pdf")
        return content_digest(rf.post("/p/", {"a": "1", "file": upload}))

    assert with_file(b"%PDF-1 een") == with_file(b"%PDF-1 een") != with_file(b"%PDF-1 twee")
    settings.SECRET_KEY = "another-secret-" + "x" * 40
    assert same != digest("a=1&b=2&b=3")
