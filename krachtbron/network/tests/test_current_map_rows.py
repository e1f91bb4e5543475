"""``current_map`` reads plain rows (issue 18): the same persons as ``from_person`` makes of the
model instances, for the adviser and for a view the family sees."""

import itertools

import pytest

from krachtbron.families.choices import Visibility
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.mapdata import current_map, from_person
from krachtbron.network.models import NetworkPerson

pytestmark = pytest.mark.django_db


def test_the_rows_make_the_same_persons_as_the_instances(org):
    flags = itertools.product([False, True], repeat=3)
    for n, (practical, emotional, advice) in enumerate(flags):
        NetworkPerson.objects.create(
            family=org.family,
            member=org.member if n % 2 else None,
            label=f"Persoon {n}",
            relation=list(RelationKind.values)[n % len(RelationKind)],
            closeness=1 + n % 3,
            quality=list(Quality.values)[n % 3],
            gives_practical=practical,
            gives_emotional=emotional,
            gives_advice=advice,
            stays_after_help=n % 3 == 0,
            may_be_overloaded=True,
            marks_visibility=Visibility.FAMILY if n % 4 == 0 else Visibility.PROFESSIONALS,
        )
    instances = list(NetworkPerson.objects.filter(family=org.family).select_related("member"))
    assert current_map(org.family) == [from_person(p) for p in instances]
    shared = current_map(org.family, scope=lambda persons: persons)
    assert shared == [from_person(p, for_family=True) for p in instances]
    assert any(p.quality == "" for p in shared) and any(p.quality for p in shared)
    assert {p.member_label for p in shared} == {org.member.first_name, ""}
    mine = current_map(org.family, org.member)
    assert mine == [from_person(p) for p in instances if p.member_id == org.member.pk]
