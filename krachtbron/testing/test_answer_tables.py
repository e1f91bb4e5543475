"""The three answer tables share one shape (``lib.answers.ItemAnswer``) and the database itself
holds every stored value to the scale 0–4, on SQLite and on PostgreSQL (the suite runs on both).

The tables stay separate and keep their own keys: the anonymous organisation answers have
random UUIDs, never a sequence that could order a round's answers."""

from __future__ import annotations

import pytest
from django.core import checks
from django.db import IntegrityError, models, transaction
from django.test.utils import isolate_apps

from krachtbron.lib.answers import ItemAnswer
from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.reflection.models import OrganisationAnswer, ProfessionalAnswer
from krachtbron.reflection.tests.factories import RoundFactory, reflection, staff
from krachtbron.testing.factories import FamilyFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

TABLES = [Answer, ProfessionalAnswer, OrganisationAnswer]


def one_row_of_each() -> dict[type[ItemAnswer], ItemAnswer]:
    """One stored answer in each table, written through the real actions."""
    adviser = UserFactory()
    family = FamilyFactory(team=adviser.team)
    member = MemberFactory(family=family, role="opvoeder")
    completed_response(member, adviser, {"g01": 3})
    reflection(adviser, {"p01": 2})
    RoundFactory(opened_by=adviser, answers=[(staff(adviser.team, 5), {"o01": 1})], closed=True)
    return {table: table.objects.filter(value__isnull=False).earliest("pk") for table in TABLES}


def test_every_answer_table_is_an_item_answer_with_its_own_key():
    for table in TABLES:
        assert issubclass(table, ItemAnswer)
        assert {"item_id", "value"} <= {f.name for f in table._meta.fields}
    assert isinstance(OrganisationAnswer._meta.pk, models.UUIDField)
    assert isinstance(Answer._meta.pk, models.AutoField)
    assert isinstance(ProfessionalAnswer._meta.pk, models.AutoField)


@pytest.mark.parametrize("bad", [5, -1, 100])
def test_the_database_refuses_a_value_outside_the_scale_in_every_table(bad):
    rows = one_row_of_each()
    for table, row in rows.items():
        with pytest.raises(IntegrityError), transaction.atomic():
            table.objects.filter(pk=row.pk).update(value=bad)
        row.refresh_from_db()
        assert row.value in (1, 2, 3), table  # unchanged


def test_the_database_takes_every_scale_value_and_an_open_item_in_every_table():
    rows = one_row_of_each()
    for table, row in rows.items():
        for value in (0, 1, 2, 3, 4, None):
            table.objects.filter(pk=row.pk).update(value=value)
            row.refresh_from_db()
            assert row.value == value, table


@isolate_apps("krachtbron.lib")
def test_an_answer_table_without_the_scale_constraint_fails_the_system_check():
    class Loose(ItemAnswer):
        class Meta:
            app_label = "lib"

    class Held(ItemAnswer):
        class Meta:
            app_label = "lib"
            constraints = [ItemAnswer.value_in_scale("held_value_0_4")]

    assert [e.id for e in Loose.check() if e.level >= checks.ERROR] == ["krachtbron.lib.E001"]
    assert not [e for e in Held.check() if e.id == "krachtbron.lib.E001"]


def test_the_three_real_tables_pass_the_check():
    for table in TABLES:
        assert not [e for e in table.check() if e.id == "krachtbron.lib.E001"]
