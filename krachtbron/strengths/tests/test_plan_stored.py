"""'Ons krachtenplan' as a stored PDF (families/stored_pdf.py, ADR 0017): the page asks a real
django-tasks worker to make it, the download then gets the stored file; a change of the file
through an action deletes it in the same transaction, and the next download has the new
content; the member's variant and the staff's never cross; sealed, expired after a week, gone
with the family; two renders or two page views at once do not crash."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families import actions, stored_pdf
from krachtbron.families.choices import MemberRole
from krachtbron.families.models import DestructionRecord, Family, StoredPdf
from krachtbron.families.retention import destroy_family
from krachtbron.strengths.plan import pdf_variant
from krachtbron.strengths.tests import stored_pdf_scenarios
from krachtbron.testing.factories import GoalFactory, MemberFactory
from krachtbron.testing.parallel import run_scenario
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db
WHOLE = pdf_variant(None, "nl")
SCENARIOS = "krachtbron.strengths.tests.stored_pdf_scenarios"


def _text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _has(content: bytes, text: str) -> bool:
    return re.sub(r"\s+", "", text) in _text(content)


def _tasks() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="stored_pdf.make_pdf").count()


def _prints() -> int:
    return AccessLogEntry.objects.filter(kind=AccessKind.PRINT, object_type="krachtenplan").count()


def _stored(row: StoredPdf) -> bytes:
    return stored_pdf.pdf(row.family, row.variant)


def _page(client, org, **query):
    page = client.get(reverse("strengths:plan", args=[org.family.pk]), query)
    assert page.status_code == 200
    return page


def _download(client, org, **query):
    response = client.get(reverse("strengths:plan_pdf", args=[org.family.pk]), query)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_the_page_asks_once_the_worker_makes_it_and_the_download_gets_the_stored_file(org):
    client = login(Client(), org.adviser)
    _page(client, org)
    _page(client, org)  # asked already: no second task
    order = StoredPdf.objects.get()
    assert (order.variant, order.status, order.sealed, _tasks()) == (WHOLE, "making", None, 1)
    run_tasks()
    made = StoredPdf.objects.get()
    assert made.status == "ready" and made.digest
    assert b"%PDF" not in bytes(made.sealed)  # sealed, not the PDF in plain text
    _page(client, org)  # ready: nothing asked
    assert _tasks() == 1

    first = _download(client, org)
    second = _download(client, org)
    # Served from the store: the same bytes, and the row was not made again (a render stores
    # a new row, with a new seal and time).
    again = StoredPdf.objects.get()
    assert first == second and first.startswith(b"%PDF")
    assert (again.pk, bytes(again.sealed), again.created_at) == (
        made.pk,
        bytes(made.sealed),
        made.created_at,
    )
    assert _has(first, org.goal.text)
    # Every download is logged as a print, from the store or not.
    assert _prints() == 2


def test_a_change_through_an_action_empties_the_store_and_the_next_download_is_new(org):
    client = login(Client(), org.adviser)
    old = _download(client, org)  # a miss: rendered while waiting, then stored
    assert StoredPdf.objects.filter(family=org.family, status="ready").count() == 1
    stored_pdf.pdf(org.other_family, WHOLE)
    actions.update_goal(org.adviser, org.goal, org.goal.version, text="Elke week naar de markt")
    # Deleted in the action's transaction; the other family's PDF stays.
    assert not StoredPdf.objects.filter(family=org.family).exists()
    assert StoredPdf.objects.filter(family=org.other_family).count() == 1
    new = _download(client, org)
    assert _has(new, "Elke week naar de markt") and not _has(new, "Weer rustig samen eten")
    assert _has(old, "Weer rustig samen eten")
    assert _prints() == 2


def test_a_change_that_no_action_announces_gives_a_new_pdf_not_the_stored_one(org):
    """Correct by construction: the stored PDF is served only for the HTML of now."""
    client = login(Client(), org.adviser)
    _download(client, org)
    rows = StoredPdf.objects.filter(family=org.family)
    assert rows.count() == 1
    GoalFactory(family=org.family, text="Op vrijdag zwemmen")  # straight into the database
    assert rows.count() == 1
    assert _has(_download(client, org), "Op vrijdag zwemmen")


def test_the_members_pdf_and_the_staff_pdf_are_different_variants_that_never_cross(org):
    born = timezone.localdate().replace(year=timezone.localdate().year - 16, month=1, day=1)
    lina = MemberFactory(
        family=org.family, first_name="Lina", role=MemberRole.YOUTH, birth_date=born
    )
    GoalFactory(family=org.family, member=lina, text="Lina wil op kamers")
    adviser = login(Client(), org.adviser)
    _page(adviser, org)  # the whole family's plan (Lina's own goal is in it)
    run_tasks()
    whole = _stored(StoredPdf.objects.get(variant=WHOLE))
    assert _has(whole, "Lina wil op kamers")

    member = sign_in_member(Client(), org.member)
    assert member.get(reverse("portal:home")).status_code == 200  # asks for the member's
    own = StoredPdf.objects.get(variant=pdf_variant(org.member, "nl"))
    assert own.status == "making"
    run_tasks()
    mine = member.get(reverse("portal:plan_pdf")).content
    assert mine.startswith(b"%PDF") and mine != whole
    assert not _has(mine, "Lina wil op kamers") and _has(mine, org.goal.text)
    assert StoredPdf.objects.filter(family=org.family).count() == 2
    # The adviser's PDF for this member is the member's variant (in the member's language).
    assert _download(adviser, org, voor=org.member.pk) == mine
    row = AccessLogEntry.objects.filter(kind=AccessKind.PRINT).order_by("pk").first()
    assert row.actor_member_id == org.member.pk


def test_a_stored_pdf_goes_after_a_week_and_with_the_family(org):
    stored_pdf.pdf(org.family, WHOLE)
    made = StoredPdf.objects.get().created_at
    assert stored_pdf.erase_expired(made + timedelta(days=6)) == 0
    assert stored_pdf.erase_expired(made + timedelta(days=7)) == 1
    stored_pdf.pdf(org.family, WHOLE)
    destroy_family(org.family, DestructionRecord.Reason.REQUEST, decided_by=org.beheerder)
    assert not Family.objects.filter(pk=org.family.pk).exists()
    assert not StoredPdf.objects.exists()


def test_a_change_adds_one_indexed_delete_to_the_write(org):
    with CaptureQueriesContext(connection) as queries:
        actions.record_file_change(org.adviser, org.family, AccessKind.CHANGE, org.goal)
    deletes = [q["sql"] for q in queries.captured_queries if "families_storedpdf" in q["sql"]]
    assert len(deletes) == 1 and deletes[0].startswith("DELETE")
    assert f"WHERE family_id = {org.family.pk}" in deletes[0]
    if connection.vendor == "sqlite":  # found through the unique (family, variant) index
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {deletes[0]}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "SEARCH families_storedpdf USING" in plan and "(family_id=?)" in plan, plan


def test_the_task_run_twice_or_after_a_change_stores_nothing_old(org):
    assert stored_pdf.ask(org.family, WHOLE)
    stored_pdf.make_pdf.enqueue(org.family.pk, WHOLE)  # a second run of the same order
    run_tasks()
    results = sorted(
        DBTaskResult.objects.filter(task_path__endswith="make_pdf").values_list(
            "return_value", flat=True
        )
    )
    assert results == ["gone", "ready"]
    assert StoredPdf.objects.get().status == "ready"

    # The file changes between the order and the worker: the order is gone, nothing is made.
    actions.update_goal(org.adviser, org.goal, org.goal.version, text="Nieuw doel")
    assert stored_pdf.ask(org.family, WHOLE)
    actions.update_goal(org.adviser, org.goal, org.goal.version, text="Nog nieuwer")
    run_tasks()
    assert not StoredPdf.objects.exists()


def test_a_pdf_rendered_while_the_file_changed_is_not_stored(org):
    seen = org.family.updated_at
    actions.record_file_change(org.adviser, org.family, AccessKind.CHANGE, org.goal)
    assert not stored_pdf.store(org.family.pk, WHOLE, "0" * 64, b"%PDF-old", seen=seen)
    assert not StoredPdf.objects.exists()


def test_an_order_whose_worker_died_and_a_pdf_of_yesterday_are_asked_again(org):
    now = timezone.now()
    assert stored_pdf.ask(org.family, WHOLE, now)
    assert not stored_pdf.ask(org.family, WHOLE, now + timedelta(minutes=4))
    assert stored_pdf.ask(org.family, WHOLE, now + timedelta(minutes=6))  # the worker died
    assert _tasks() == 2
    run_tasks()
    assert StoredPdf.objects.get().status == "ready"
    made = StoredPdf.objects.get().created_at
    assert not stored_pdf.ask(org.family, WHOLE, made)
    assert stored_pdf.ask(org.family, WHOLE, made + timedelta(days=1))  # "gemaakt op" changed
    assert StoredPdf.objects.get().sealed is None


@pytest.mark.django_db(transaction=True)
def test_two_renders_at_once_leave_one_row_and_no_error(tmp_path):
    result = run_scenario(SCENARIOS, "renders_at_once", tmp_path)
    assert result["errors"] == []
    assert result["pdfs"] == [True] * stored_pdf_scenarios.THREADS
    assert (result["rows"], result["ready"], result["served"]) == (1, 1, True)


@pytest.mark.django_db(transaction=True)
def test_three_page_views_at_once_queue_one_task(tmp_path):
    result = run_scenario(SCENARIOS, "asked_at_once", tmp_path)
    assert result["errors"] == []
    assert result["asked"] == [False, False, True]
    assert (result["rows"], result["tasks"]) == (1, 1)


def test_another_stylesheet_gives_another_digest_for_the_same_html(settings, tmp_path):
    (tmp_path / "strengths").mkdir()
    (tmp_path / "strengths" / "plan.css").write_text("body { color: red }")
    before = stored_pdf.digest_of(stored_pdf.params_of(WHOLE), "<p>plan</p>")
    settings.STATICFILES_DIRS = [tmp_path]  # found first: the stylesheet the PDF would use
    stored_pdf.fingerprint.cache_clear()
    try:
        assert stored_pdf.digest_of(stored_pdf.params_of(WHOLE), "<p>plan</p>") != before
    finally:
        stored_pdf.fingerprint.cache_clear()


def test_the_netwerkplan_is_stored_the_same_way_for_the_adviser_and_the_member(org):
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.plan import pdf_variant as network_variant
    from krachtbron.networkplan.tests.share_helpers import make_plan

    planned = make_plan(org, youth=org.youth)
    adviser = login(Client(), org.adviser)
    member = sign_in_member(Client(), org.member)
    assert adviser.get(reverse("networkplan:plan", args=[org.family.pk])).status_code == 200
    assert member.get(reverse("portal:network_plan")).status_code == 200
    run_tasks()
    rows = StoredPdf.objects.filter(family=org.family, status="ready")
    assert set(rows.values_list("variant", flat=True)) == {
        network_variant(None, "nl"),
        network_variant(org.member, "nl"),
    }
    made = {row.variant: (row.pk, bytes(row.sealed)) for row in rows}
    staff_url = reverse("networkplan:plan_pdf", args=[org.family.pk])
    first = adviser.get(staff_url).content
    mine = member.get(reverse("portal:network_plan_pdf")).content
    assert first.startswith(b"%PDF") and mine.startswith(b"%PDF")
    # Both from the store: the rows were not made again.
    assert {row.variant: (row.pk, bytes(row.sealed)) for row in rows} == made

    plan_actions.add_call(org.adviser, org.family, planned.neighbour, "Boodschappen op dinsdag")
    assert not StoredPdf.objects.filter(family=org.family).exists()
    assert _has(adviser.get(staff_url).content, "Boodschappen op dinsdag")


@pytest.mark.parametrize("kind", ["krachtenplan", "netwerkplan"])
def test_a_variant_for_a_member_who_is_gone_or_of_another_family_is_made_for_nobody(org, kind):
    """Both plans read the variant's reader the same way (``stored_pdf.reader_of``): a member of
    another family is not one of this family's (DoesNotExist, nothing rendered for them), and
    the worker drops the order of a member who was removed."""
    from krachtbron.families.models import FamilyMember

    assert stored_pdf.reader_of(org.family, {"voor": org.member.pk}) == org.member
    assert stored_pdf.reader_of(org.family, {"voor": None}) is None
    elsewhere = stored_pdf.variant(kind, language="nl", voor=org.other_member.pk)
    with pytest.raises(FamilyMember.DoesNotExist):
        stored_pdf.html_of(org.family, stored_pdf.params_of(elsewhere))

    gone = MemberFactory(family=org.family, first_name="Yara")
    mine = stored_pdf.variant(kind, language="nl", voor=gone.pk)
    assert stored_pdf.ask(org.family, mine)
    FamilyMember.objects.filter(pk=gone.pk).delete()  # as a removal, without the file's change
    run_tasks()
    assert DBTaskResult.objects.get(task_path__endswith="make_pdf").return_value == "gone"
    assert not StoredPdf.objects.filter(variant=mine).exists()
