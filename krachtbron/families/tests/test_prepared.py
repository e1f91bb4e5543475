"""The copy of the file as PDF, made in the background (families/prepared.py): asked for and
logged at once, made by a real django-tasks worker, sealed while it waits, downloaded once by
the one who asked, erased after its hour, retried when making it fails, never silently lost."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from krachtbron.audit.models import AccessKind, AccessLogEntry, AccessResult
from krachtbron.families import copy_pdf, prepared
from krachtbron.families.models import CaseAssignment, PreparedFile
from krachtbron.lib.aead import SealError, open_bytes
from krachtbron.testing.factories import UserFactory
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.prepared import DOWNLOAD_FORM, a_file, downloaded, status_page
from krachtbron.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db
KEY = "p" * 24
Status = PreparedFile.Status


def _ask(client, org, **extra):
    data = {"requester": org.member.pk, "third_parties": "0", "format": "pdf", **extra}
    return client.post(reverse("families:copy", args=[org.family.pk]), data)


def _tasks(name):
    return DBTaskResult.objects.filter(task_path__endswith=name)


def test_the_request_logs_and_queues_and_the_worker_makes_a_tagged_pdf(org):
    client = login(Client(), org.adviser)
    asked = _ask(client, org)
    file = PreparedFile.objects.get()
    assert asked["Location"] == reverse(
        "families:copy_file", kwargs={"pk": org.family.pk, "file_id": file.pk}
    )
    # Logged before anything was rendered; nothing made yet, only a task.
    row = AccessLogEntry.objects.get(object_type="copy")
    assert (row.kind, row.actor) == (AccessKind.PRINT, org.adviser)
    assert (file.status, file.sealed, file.owner_user) == (Status.QUEUED, None, org.adviser)
    assert _tasks("make_file").count() == 1
    waiting = status_page(client, asked).content.decode()
    assert "Je kopie wordt gemaakt" in waiting and "Kijk of hij klaar is" in waiting
    assert not DOWNLOAD_FORM.search(waiting)
    assert 'http-equiv="refresh"' not in waiting  # no page that reloads itself (WCAG 2.2.1)

    pdf = downloaded(client, asked)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="kopie-dossier.pdf"'
    root = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl"
    download = AccessLogEntry.objects.get(object_type="copy_download")
    assert (download.kind, download.actor, download.object_id) == (
        AccessKind.PRINT,
        org.adviser,
        file.pk,
    )
    assert download.extra["requested_by_member"] == org.member.pk
    # Handed over once: erased at once, a second click gets a message, not the file.
    file.refresh_from_db()
    assert (file.status, file.sealed) == (Status.DOWNLOADED, None)
    again = client.post(
        reverse("families:copy_file_download", kwargs={"pk": org.family.pk, "file_id": file.pk}),
        follow=True,
    )
    assert "application/pdf" not in again["Content-Type"]
    assert "Deze kopie is er niet meer" in again.content.decode()
    assert "Je hebt de kopie gedownload" in again.content.decode()
    assert AccessLogEntry.objects.filter(object_type="copy_download").count() == 1


def test_the_made_file_waits_sealed_and_bound_to_its_row(org):
    client = login(Client(), org.adviser)
    _ask(client, org)
    run_tasks()
    file = PreparedFile.objects.get()
    assert file.status == Status.READY
    sealed = bytes(file.sealed)
    assert b"%PDF" not in sealed and org.member.first_name.encode() not in sealed
    assert prepared.file_body(file).startswith(b"%PDF")
    with pytest.raises(SealError):
        open_bytes(sealed, prepared._associated(file.pk + 1))  # copied to another row


def test_a_double_click_asks_once(org):
    client = login(Client(), org.adviser)
    first = _ask(client, org, form_key=KEY)
    second = _ask(client, org, form_key=KEY)
    assert first["Location"] == second["Location"]
    assert PreparedFile.objects.count() == 1 and _tasks("make_file").count() == 1
    assert AccessLogEntry.objects.filter(object_type="copy").count() == 1


def test_a_second_task_for_the_same_file_finds_nothing_to_claim(org):
    file = a_file(org, org.adviser)
    assert prepared.make_file.call(file.pk) == "ready"
    assert prepared.make_file.call(file.pk) == "not claimed"
    file.refresh_from_db()
    assert file.attempts == 1


def test_a_failure_is_retried_then_shown_never_silent(org, monkeypatch):
    def broken(html, **kwargs):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(copy_pdf, "render_pdf", broken)
    client = login(Client(), org.adviser)
    asked = _ask(client, org)
    run_tasks()
    file = PreparedFile.objects.get()
    assert (file.status, file.attempts) == (Status.QUEUED, 1)  # a retry waits its back-off
    assert _tasks("make_file").filter(status="READY", run_after__gt=timezone.now()).exists()
    run_tasks(later_too=True, rounds=prepared.MAX_ATTEMPTS)
    file.refresh_from_db()
    assert (file.status, file.attempts) == (Status.FAILED, prepared.MAX_ATTEMPTS)
    page = status_page(client, asked).content.decode()
    assert "Dat lukte niet. Probeer het opnieuw." in page
    assert reverse("families:copy", args=[org.family.pk]) in page


def test_a_failure_that_passes_makes_the_file_on_the_next_try(org, monkeypatch):
    real, calls = copy_pdf.render_pdf, []

    def once_broken(html, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("font cache busy")
        return real(html, **kwargs)

    monkeypatch.setattr(copy_pdf, "render_pdf", once_broken)
    _ask(login(Client(), org.adviser), org)
    run_tasks(later_too=True, rounds=2)
    file = PreparedFile.objects.get()
    assert (file.status, file.attempts) == (Status.READY, 2)


def test_a_file_left_making_by_a_dead_worker_is_made_on_the_next_look(org):
    client = login(Client(), org.adviser)
    asked = _ask(client, org)
    file = PreparedFile.objects.get()
    # As a killed worker leaves it: claimed, never finished (testing/test_killed_render.py
    # kills a real one).
    long_ago = timezone.now() - prepared.STALE - timedelta(seconds=1)
    PreparedFile.objects.filter(pk=file.pk).update(
        status=Status.MAKING, attempts=1, claimed_at=long_ago
    )
    DBTaskResult.objects.all().delete()
    assert "Je kopie wordt gemaakt" in status_page(client, asked).content.decode()
    file.refresh_from_db()
    assert file.status == Status.QUEUED
    run_tasks(later_too=True)
    file.refresh_from_db()
    assert (file.status, file.attempts) == (Status.READY, 2)


def test_a_file_is_erased_after_its_hour_by_its_task_and_by_the_daily_round(org):
    client = login(Client(), org.adviser)
    asked = _ask(client, org)
    run_tasks()
    file = PreparedFile.objects.get()
    assert file.expires_at == file.created_at + timedelta(hours=1)
    PreparedFile.objects.filter(pk=file.pk).update(expires_at=timezone.now())
    page = status_page(client, asked).content.decode()
    assert "Deze kopie is gewist" in page and not DOWNLOAD_FORM.search(page)
    url = reverse("families:copy_file_download", kwargs={"pk": org.family.pk, "file_id": file.pk})
    assert "application/pdf" not in client.post(url)["Content-Type"]
    run_tasks(later_too=True)  # the erase task queued for its hour
    assert not PreparedFile.objects.exists()
    # The daily round: past the hour, or downloaded.
    old = a_file(org, org.adviser)
    PreparedFile.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    a_file(org, org.adviser, status=Status.DOWNLOADED)
    waiting = a_file(org, org.adviser)
    assert prepared.tidy() == 2
    assert list(PreparedFile.objects.all()) == [waiting]


def test_only_the_adviser_who_asked_sees_and_downloads_it(org):
    file = a_file(org, org.adviser, ready=True)
    kwargs = {"pk": org.family.pk, "file_id": file.pk}
    substitute = UserFactory(team=org.team)
    CaseAssignment.objects.create(family=org.family, adviser=substitute, is_substitute=True)
    client = login(Client(), substitute)
    assert client.get(reverse("families:copy_file", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("families:copy_file_download", kwargs=kwargs)).status_code == 404
    denied = AccessLogEntry.objects.filter(actor=substitute, result=AccessResult.DENIED)
    assert denied.count() == 2 and {r.object_type for r in denied} == {"preparedfile"}
    # Under another family's number it is not found either.
    other = {"pk": org.other_family.pk, "file_id": file.pk}
    mine = login(Client(), org.adviser)
    assert mine.get(reverse("families:copy_file", kwargs=other)).status_code == 404
    file.refresh_from_db()
    assert file.status == Status.READY  # nobody took it


def test_the_member_asks_and_downloads_their_own_copy_and_nobody_else(org):
    member = sign_in_member(Client(), org.member)
    asked = member.post(reverse("portal:copy"), {"format": "pdf", "form_key": KEY})
    file = PreparedFile.objects.get()
    assert (file.owner_member, file.owner_user) == (org.member, None)
    row = AccessLogEntry.objects.get(object_type="copy")
    assert row.actor_member_id == org.member.pk and row.extra["third_parties"] is False
    again = member.post(reverse("portal:copy"), {"format": "pdf", "form_key": KEY})
    assert again["Location"] == asked["Location"] and PreparedFile.objects.count() == 1
    youth = sign_in_member(Client(), org.youth)
    assert youth.get(asked["Location"]).status_code == 404
    assert youth.post(asked["Location"] + "download/").status_code == 404
    pdf = downloaded(member, asked)
    assert pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        object_type="copy_download", actor_member_id=org.member.pk
    ).exists()


def test_the_pages_in_english(org):
    client = login(Client(), org.adviser)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    asked = _ask(client, org)
    assert "Your copy is being made" in status_page(client, asked).content.decode()
    run_tasks()
    page = status_page(client, asked).content.decode()
    assert "Your copy is ready" in page and ">Download<" in page
    assert PreparedFile.objects.get().language == "en"
