"""factory_boy factories for the network app."""

import datetime

import factory

from krachtbron.network.choices import Closeness, Quality, RelationKind
from krachtbron.network.mapdata import from_person, to_snapshot_data
from krachtbron.network.models import NetworkPerson, NetworkSnapshot
from krachtbron.testing.factories import FamilyFactory


class NetworkPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPerson

    family = factory.SubFactory(FamilyFactory)
    label = factory.Sequence(lambda n: f"Persoon {n}")
    relation = RelationKind.FRIENDS
    closeness = Closeness.MIDDLE
    quality = Quality.SUPPORTIVE

    class Params:
        professional = factory.Trait(relation=RelationKind.PROFESSIONAL)
        burdening = factory.Trait(quality=Quality.BURDENING)


class NetworkSnapshotFactory(factory.django.DjangoModelFactory):
    """A frozen copy of the family's current map (or of nobody, for an empty family)."""

    class Meta:
        model = NetworkSnapshot

    family = factory.SubFactory(FamilyFactory)
    taken_on = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    data = factory.LazyAttribute(
        lambda o: to_snapshot_data(
            from_person(p) for p in NetworkPerson.objects.filter(family=o.family)
        )
    )
    person_count = factory.LazyAttribute(lambda o: len(o.data["persons"]))
