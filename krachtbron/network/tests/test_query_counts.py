"""The network pages run a fixed number of queries whatever the size (5 vs 200 persons,
1 vs 50 moments). The family-wide page comparison is in strengths/tests/test_query_counts.py."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory


def _count(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return len(queries)


def _grow(org, persons, snapshots):
    for _ in range(persons - org.family.network_persons.count()):
        NetworkPersonFactory(family=org.family, member=org.member)
    for _ in range(snapshots - org.family.network_snapshots.count()):
        NetworkSnapshotFactory(family=org.family)


def _pages(org):
    first = org.family.network_snapshots.order_by("id").first()
    return [
        (reverse("network:map", args=[org.family.pk]), None),
        (reverse("network:map", args=[org.family.pk]), {"gezinslid": org.member.pk}),
        (reverse("network:compare", args=[org.family.pk]), {"a": first.pk, "b": "nu"}),
        (reverse("network:snapshot", args=[first.pk]), None),
    ]


def test_the_network_pages_do_not_grow_with_the_network_or_its_history(org, as_user):
    client = as_user(org.adviser)
    _grow(org, persons=5, snapshots=1)
    small = [_count(client, url, query) for url, query in _pages(org)]
    _grow(org, persons=200, snapshots=50)
    large = [_count(client, url, query) for url, query in _pages(org)]
    assert small == large
