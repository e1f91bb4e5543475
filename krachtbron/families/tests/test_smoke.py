from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry


def test_own_adviser_opens_the_family_file_and_it_is_logged(org, as_user):
    client = as_user(org.adviser)
    response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response.status_code == 200
    assert "Gezin Amrani" in response.content.decode()
    entry = AccessLogEntry.objects.get(family_id=org.family.pk, kind=AccessKind.READ)
    assert entry.actor == org.adviser
