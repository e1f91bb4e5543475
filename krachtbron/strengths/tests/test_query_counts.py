"""The family-file pages run a fixed number of queries, however much history there is."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krachtbron.families.choices import Dimension
from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory
from krachtbron.strengths.tests.factories import (
    GoalScalingFactory,
    ScalingFactory,
    StrengthEntryFactory,
)
from krachtbron.testing.factories import GoalFactory, MemberFactory


def _grow(org, *, members, scalings, persons, snapshots):
    family_members = [org.member] + [
        MemberFactory(family=org.family, first_name=f"Lid {n}") for n in range(members - 1)
    ]
    goals = [org.goal] + [GoalFactory(family=org.family) for _ in range(members - 1)]
    for member in family_members:
        for dimension in Dimension:
            StrengthEntryFactory(member=member, dimension=dimension)
            for _ in range(scalings):
                ScalingFactory(member=member, dimension=dimension)
    for goal in goals:
        for _ in range(scalings):
            GoalScalingFactory(goal=goal)
    for _ in range(persons - org.family.network_persons.count()):
        NetworkPersonFactory(family=org.family)
    for _ in range(snapshots - org.family.network_snapshots.count()):
        NetworkSnapshotFactory(family=org.family)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    "strengths:profile",
    "strengths:goals",
    "strengths:plan",
    "network:map",
    "network:compare",
]


def test_every_page_runs_the_same_number_of_queries_small_and_large(org, as_user):
    client = as_user(org.adviser)
    _grow(org, members=1, scalings=1, persons=5, snapshots=1)
    small = {name: _count(client, reverse(name, args=[org.family.pk])) for name in PAGES}
    _grow(org, members=4, scalings=50, persons=200, snapshots=50)
    large = {name: _count(client, reverse(name, args=[org.family.pk])) for name in PAGES}
    assert small == large


def test_a_members_scalings_page_does_not_grow_with_history(org, as_user):
    client = as_user(org.adviser)
    url = reverse("strengths:member_scalings", args=[org.member.pk])
    ScalingFactory(member=org.member)
    small = _count(client, url)
    for dimension in Dimension:
        for _ in range(50):
            ScalingFactory(member=org.member, dimension=dimension)
    assert _count(client, url) == small
