"""Fetch a file made in the background (``families.prepared``) as a user would.

``downloaded(client, response)``: ``response`` is the POST that asked for the file (a redirect
to its page). The queued task runs in a real django-tasks worker (``testing.tasks``), the page
is opened (it must offer the Download button) and the button is pressed: the download response.
"""

import re

from django.http import HttpResponse
from django.test import Client

from krachtbron.testing.tasks import run_tasks

DOWNLOAD_FORM = re.compile(r'<form method="post" action="([^"]+/download/)">')


def status_page(client: Client, response: HttpResponse) -> HttpResponse:
    """The file's page that ``response`` (the asking POST) leads to."""
    assert response.status_code == 302, response.content[:300]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def downloaded(client: Client, response: HttpResponse) -> HttpResponse:
    """Run the worker, open the file's page and press Download; the download response."""
    run_tasks()
    page = status_page(client, response)
    found = DOWNLOAD_FORM.search(page.content.decode())
    assert found, "the page offers no Download button: " + page.content.decode()[-800:]
    download = client.post(found.group(1))
    assert download.status_code == 200, download.status_code
    return download


def a_file(org, owner, *, ready: bool = False, **fields):
    """A copy of org.family for ``owner`` (a user or a member), queued or ``ready`` (sealed
    test bytes, no worker needed): for the access and POST matrices."""
    from django.utils import timezone

    from krachtbron.families import prepared
    from krachtbron.families.copy_pdf import KIND
    from krachtbron.families.models import FamilyMember, PreparedFile

    now = timezone.now()
    member = owner if isinstance(owner, FamilyMember) else None
    values = {
        "kind": KIND,
        "family": org.family,
        "owner_user": None if member else owner,
        "owner_member": member,
        "params": {"requester": org.member.pk, "third_parties": False},
        "language": "nl",
        "created_at": now,
        "expires_at": now + prepared.KEEP,
        **fields,
    }
    file = PreparedFile.objects.create(**values)
    if ready:
        file.status = PreparedFile.Status.READY
        file.sealed = prepared.seal_bytes(b"%PDF-1.7 test", prepared._associated(file.pk))
        file.save()
    return file
