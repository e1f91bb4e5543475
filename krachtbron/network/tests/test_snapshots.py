from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.network.models import NetworkSnapshot
from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory


def test_a_snapshot_freezes_the_map_and_later_edits_do_not_change_it(org, as_user):
    person = NetworkPersonFactory(family=org.family, label="Oma", closeness=2)
    client = as_user(org.adviser)
    response = client.post(
        reverse("network:snapshot_add", args=[org.family.pk]),
        {"taken_on": timezone.localdate().isoformat(), "title": "bij de start"},
    )
    snapshot = NetworkSnapshot.objects.get()
    assert response.status_code == 302 and snapshot.person_count == 1
    person.label = "Oma Truus"
    person.save()
    page = client.get(reverse("network:snapshot", args=[snapshot.pk])).content.decode()
    assert "Oma" in page and "Oma Truus" not in page
    assert AccessLogEntry.objects.filter(
        kind=AccessKind.CREATE, object_type="networksnapshot"
    ).exists()
    assert AccessLogEntry.objects.filter(kind=AccessKind.READ, object_id=snapshot.pk).exists()


def test_a_bad_date_is_refused_and_the_title_kept(org, as_user):
    response = as_user(org.adviser).post(
        reverse("network:snapshot_add", args=[org.family.pk]),
        {"taken_on": "2999-01-01", "title": "mijn titel"},
    )
    page = response.content.decode()
    assert "in de toekomst" in page and "mijn titel" in page
    assert not NetworkSnapshot.objects.exists()


def test_two_moments_side_by_side_say_what_changed(org, as_user):
    NetworkPersonFactory(family=org.family, label="Coach", professional=True)
    start = NetworkSnapshotFactory(family=org.family)
    NetworkPersonFactory(family=org.family, label="Buurvrouw Els")
    client = as_user(org.adviser)
    url = reverse("network:compare", args=[org.family.pk])

    page = client.get(url, {"a": start.pk, "b": "nu"}).content.decode()

    assert page.count('class="ecomap"') == 2
    assert "Buurvrouw Els" in page and "erbij gekomen" in page
    assert AccessLogEntry.objects.filter(object_type="network_compare").exists()


def test_the_compare_page_defaults_to_the_oldest_moment_and_now(org, as_user):
    NetworkSnapshotFactory(family=org.family, title="oudste")
    NetworkSnapshotFactory(family=org.family, title="nieuwere")
    page = as_user(org.adviser).get(reverse("network:compare", args=[org.family.pk]))
    assert page.content.decode().count('class="ecomap"') == 2


def test_bad_or_foreign_moments_are_a_form_error_never_a_500(org, as_user):
    mine = NetworkSnapshotFactory(family=org.family)
    theirs = NetworkSnapshotFactory(family=org.other_family)
    client = as_user(org.adviser)
    url = reverse("network:compare", args=[org.family.pk])
    for query in (
        {"a": theirs.pk, "b": "nu"},
        {"a": "x" * 3000, "b": "nu"},  # longer URLs stop at the URL limit (414)
        {"a": mine.pk, "b": mine.pk},
        {"a": "", "b": ""},
    ):
        response = client.get(url, query)
        assert response.status_code == 200, query
        assert "Er klopt iets niet" in response.content.decode()
        assert 'class="ecomap"' not in response.content.decode()


def test_another_familys_snapshot_is_404_and_deleting_mine_logs_it(org, as_user):
    mine = NetworkSnapshotFactory(family=org.family)
    theirs = NetworkSnapshotFactory(family=org.other_family)
    client = as_user(org.adviser)
    assert client.get(reverse("network:snapshot", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("network:snapshot_delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("network:snapshot_delete", args=[mine.pk])).status_code == 302
    assert list(NetworkSnapshot.objects.all()) == [theirs]
    assert AccessLogEntry.objects.filter(kind=AccessKind.DELETE, object_id=mine.pk).exists()


def test_a_damaged_snapshot_shows_what_it_can(org, as_user):
    snapshot = NetworkSnapshotFactory(family=org.family, data={"format": 1, "persons": ["x", {}]})
    response = as_user(org.adviser).get(reverse("network:snapshot", args=[snapshot.pk]))
    assert response.status_code == 200
