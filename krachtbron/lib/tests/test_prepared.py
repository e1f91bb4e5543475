"""A query compiled once gives what the ORM gives, for every value and shape, on both databases."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from krachtbron.families.models import FamilyMember
from krachtbron.lib.prepared import Prepared
from krachtbron.portal.models import MemberLink
from krachtbron.testing.factories import FamilyFactory, MemberFactory


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.django_db
def test_instances_and_their_select_related_objects_are_the_orms():
    family = FamilyFactory()
    parent = MemberFactory(family=family, has_parental_authority=True, birth_date=date(1984, 2, 29))
    youth = MemberFactory(family=family, role="jeugdige", has_parental_authority=None)
    MemberFactory()  # another family's

    def build(family_id):
        return FamilyMember.objects.select_related("family").filter(family_id=family_id)

    prepared = Prepared(build)
    for _ in range(2):  # the second run uses the compiled SQL
        got = prepared.rows(family.pk)
        expected = list(build(family.pk))
        assert [m.pk for m in got] == [m.pk for m in expected] == [parent.pk, youth.pk]
        for mine, orms in zip(got, expected, strict=True):
            assert _fields(mine) == _fields(orms)
            assert _fields(mine.family) == _fields(orms.family)  # no query: loaded with it
            assert not mine._state.adding and mine._state.db == "default"
    assert got[0].has_parental_authority is True and got[0].birth_date == date(1984, 2, 29)
    assert got[0].family.created_at.tzinfo is not None  # converted as the ORM does
    assert prepared.rows(family.pk + 1000) == []


@pytest.mark.django_db
def test_values_list_tuples_and_tuples_of_ids_of_any_length():
    family = FamilyFactory()
    members = [MemberFactory(family=family, first_name=f"Kind {n}") for n in range(4)]
    ids = tuple(m.pk for m in members)

    def build(family_id, chosen):
        return (
            FamilyMember.objects.filter(family_id=family_id, pk__in=chosen)
            .order_by("id")
            .values_list("id", "first_name")
        )

    prepared = Prepared(build)
    for length in (1, 3, 4, 2, 1):
        assert prepared.rows(family.pk, ids[:length]) == list(build(family.pk, ids[:length]))
    assert prepared.rows(family.pk, ()) == []  # matches nothing, asks the database nothing
    with CaptureQueriesContext(connection) as captured:
        prepared.rows(family.pk, ids[:2])
    assert len(captured) == 1


@pytest.mark.django_db
def test_a_value_the_orm_changes_or_writes_into_the_sql_is_refused():
    changed = Prepared(lambda pk: FamilyMember.objects.filter(first_name=str(pk)))
    with pytest.raises(ValueError, match="unchanged"):
        changed.rows(1)
    with pytest.raises(TypeError):
        Prepared(lambda pk: MemberLink.objects.filter(pk=pk)).rows("1")  # type: ignore[arg-type]


@pytest.mark.django_db
def test_only_instances_or_values_list():
    flat = Prepared(lambda pk: FamilyMember.objects.filter(pk=pk).values("id"))
    with pytest.raises(ValueError, match="values_list"):
        flat.rows(1)


@pytest.mark.django_db
def test_insert_writes_what_the_orm_writes_in_one_statement():
    from krachtbron.lib.prepared import insert
    from krachtbron.strengths.models import Perspective, Scaling

    member = MemberFactory()

    def new():
        return Scaling(
            member=member,
            dimension="social",
            perspective=Perspective.MEMBER,
            score=7,
            noted_on=date(2026, 3, 1),
            one_step_higher="Vaker bellen",
            by_member=member,
        )

    orms = new()
    orms.save()  # the ORM's own INSERT
    for _ in range(2):  # the second time with the compiled statement
        with CaptureQueriesContext(connection) as queries:
            mine = insert(new())
        assert len(queries) == 1 and queries[0]["sql"].startswith("INSERT")
        assert mine.pk is not None and not mine._state.adding and mine._state.db == "default"
        assert mine.created_at is not None  # auto_now_add, as the ORM sets it
        stored = Scaling.objects.get(pk=mine.pk)
        ignore = {"id", "created_at"}
        assert {k: v for k, v in _fields(stored).items() if k not in ignore} == {
            k: v for k, v in _fields(orms).items() if k not in ignore
        }
        assert stored.created_at == mine.created_at and stored.visibility == orms.visibility


@pytest.mark.django_db
def test_insert_takes_the_orms_path_for_a_listener_or_an_unsaved_parent():
    from django.db.models.signals import post_save

    from krachtbron.lib.prepared import insert
    from krachtbron.strengths.models import Perspective, Scaling

    member = MemberFactory()
    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(listener, sender=Scaling)
    try:
        saved = insert(
            Scaling(
                member=member,
                dimension="social",
                perspective=Perspective.MEMBER,
                score=3,
                noted_on=date(2026, 3, 1),
            )
        )
    finally:
        post_save.disconnect(listener, sender=Scaling)
    assert heard == [(saved.pk, True)]  # the signal was sent: save() did it
    unsaved = FamilyMember(family=member.family, first_name="Nieuw", role="opvoeder")
    with pytest.raises(ValueError, match="unsaved"):
        insert(
            Scaling(
                member=unsaved,
                dimension="social",
                perspective=Perspective.MEMBER,
                score=3,
                noted_on=date(2026, 3, 1),
            )
        )
