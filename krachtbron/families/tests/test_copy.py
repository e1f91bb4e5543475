import json

import pytest
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.file_copy import register_copy_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_party_part():
    from krachtbron.families import file_copy

    register_copy_part("proef_netwerk", lambda family: ["Oma Truus"], third_party=True)
    yield
    file_copy._PARTS.pop("proef_netwerk")


def test_the_family_gets_a_copy_without_third_parties(org, as_user, third_party_part):
    response = as_user(org.adviser).post(
        reverse("families:copy", args=[org.family.pk]), {"third_parties": "0"}
    )
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["gezin"]["naam"] == "Gezin Amrani"
    assert data["gezinsleden"][0]["naam"] == "Fatima"
    assert data["doelen"][0]["doel"] == org.goal.text
    assert "proef_netwerk" not in data and "Oma Truus" not in response.content.decode()
    row = AccessLogEntry.objects.get(kind=AccessKind.EXPORT)
    assert row.family_id == org.family.pk and row.extra == {"third_parties": False}


def test_third_parties_can_be_included(org, as_user, third_party_part):
    response = as_user(org.adviser).post(
        reverse("families:copy", args=[org.family.pk]), {"third_parties": "1"}
    )
    assert json.loads(response.content)["proef_netwerk"] == ["Oma Truus"]


def test_a_colleague_gets_no_copy(org, as_user):
    response = as_user(org.colleague).post(reverse("families:copy", args=[org.family.pk]))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(kind=AccessKind.EXPORT).exists()
