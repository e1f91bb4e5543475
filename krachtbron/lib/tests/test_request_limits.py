"""Request limits through Django's test client (SECURITY.md 14); tests/test_served_limits.py
does the same through real servers."""

import io
from urllib.parse import urlencode

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt

from krachtbron.families.models import FamilyMember
from krachtbron.lib.limits import body_limit

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
FORM = "application/x-www-form-urlencoded"


class CountingInput(io.RawIOBase):
    """A request body of `size` bytes that is made only as it is read, and counts what was."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"x" * count
        self.read_bytes += count
        return count


def assert_friendly(response, status, heading):
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in body and 'lang="nl"' in body
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_a_200_mb_multipart_post_to_the_sign_in_page_is_refused_unread(org):
    body = CountingInput(200 * MB)
    response = Client().post(
        reverse("accounts:login"),
        content_type="multipart/form-data; boundary=grens",
        CONTENT_LENGTH=str(200 * MB),
        **{"wsgi.input": body},
    )
    assert_friendly(response, 413, "Dit is te veel om te versturen")
    assert body.read_bytes == 0


def test_a_ten_megabyte_urlencoded_body_is_refused_and_changes_nothing(org, as_user):
    response = as_user(org.adviser).post(
        reverse("families:member_add", args=[org.family.pk]),
        {"first_name": "x" * (10 * MB), "role": "kind"},
    )
    assert_friendly(response, 413, "Dit is te veel om te versturen")
    assert not FamilyMember.objects.filter(first_name__startswith="xxx").exists()


def test_five_thousand_fields_get_a_friendly_refusal_and_change_nothing(org, as_user):
    client = as_user(org.adviser)
    url = reverse("families:member_add", args=[org.family.pk])
    fields = {"first_name": "Veld", "role": "kind", **{f"f{i}": "1" for i in range(5000)}}
    # Urlencoded, the 5,000 fields fit in the body limit: Django's field limit answers (400).
    urlencoded = client.post(url, urlencode(fields), content_type=FORM)
    assert_friendly(urlencoded, 400, "Dit verzoek kunnen we niet verwerken")
    # As multipart the same fields are a body over the limit (413).
    assert_friendly(client.post(url, fields), 413, "Dit is te veel om te versturen")
    assert not FamilyMember.objects.filter(first_name="Veld").exists()


def test_a_body_at_the_limit_is_still_read(org, settings):
    """The limit refuses only what is over it: a long sign-in form is read and answered."""
    padding = "p" * (settings.REQUEST_MAX_BODY_BYTES - 2000)
    response = Client().post(
        reverse("accounts:login"), {"username": org.adviser.username, "password": padding}
    )
    assert response.status_code == 200  # the form again, with what was typed
    assert f'value="{org.adviser.username}"' in response.content.decode()


@pytest.mark.parametrize("length", ["abc", "-1", "1e9"])
def test_a_nonsense_content_length_gets_400(length):
    response = Client().post(reverse("accounts:login"), CONTENT_LENGTH=length)
    assert_friendly(response, 400, "Dit verzoek kunnen we niet verwerken")


def test_an_over_long_url_gets_the_friendly_414(settings):
    response = Client().get("/inloggen/", {"q": "x" * settings.REQUEST_MAX_URL_LENGTH})
    assert_friendly(response, 414, "Deze link werkt niet")


def test_a_ten_kilobyte_family_token_gets_the_friendly_link_page():
    response = Client().get("/v/" + "a" * 10240)
    assert_friendly(response, 414, "Deze link werkt niet")
    assert response["Referrer-Policy"] == "no-referrer"


# A view that takes bigger bodies (a future upload) says so itself.
@login_not_required
@csrf_exempt
@body_limit(2 * MB)
def _upload(request):
    return HttpResponse(str(len(request.body)))


@login_not_required
@csrf_exempt
def _ordinary(request):
    return HttpResponse(str(len(request.body)))


urlpatterns = [path("upload/", _upload), path("ordinary/", _ordinary)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(("url", "size", "status"), [
    ("/upload/", 1 * MB, 200),
    ("/upload/", 3 * MB, 413),
    ("/ordinary/", 1 * MB, 413),
])  # fmt: skip
def test_a_view_may_take_a_bigger_body_when_it_says_so(url, size, status, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    response = Client().post(url, data=b"x" * size, content_type="application/octet-stream")
    assert response.status_code == status
