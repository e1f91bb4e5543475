"""The network pages run a fixed number of queries whatever the size of the network or its
history. The plain pages are checked by the generated list test (testing/test_list_queries.py,
from `list_page=True` in matrix.py); here the views a filter or a choice of moments gives."""

from django.urls import reverse

from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory
from krachtbron.testing.queries import assert_constant_queries


def _grow(org, persons, snapshots):
    for _ in range(persons):
        NetworkPersonFactory(family=org.family, member=org.member)
    for _ in range(snapshots):
        NetworkSnapshotFactory(family=org.family)


def test_a_members_map_and_a_comparison_do_not_grow_with_the_network_or_its_history(org, as_user):
    client = as_user(org.adviser)
    _grow(org, persons=5, snapshots=1)
    first = org.family.network_snapshots.order_by("id").first()
    family = org.family.pk
    pages = {
        "a member's map": f"{reverse('network:map', args=[family])}?gezinslid={org.member.pk}",
        "then and now": f"{reverse('network:compare', args=[family])}?a={first.pk}&b=nu",
        "a moment": reverse("network:snapshot", args=[first.pk]),
    }
    works = {name: _get(client, url) for name, url in pages.items()}
    assert_constant_queries(works, grow=lambda: _grow(org, persons=195, snapshots=49))


def _get(client, url):
    def work():
        assert client.get(url).status_code == 200

    return work
