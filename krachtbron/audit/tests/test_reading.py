"""Finding the rows about one family: its own rows and the list pages that named it, the same
on SQLite (json_each) and PostgreSQL (JSON containment)."""

import pytest

from krachtbron.audit.actors import Actor
from krachtbron.audit.log import FamilyRef, log_access, log_access_list
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.audit.reading import family_ids_for_reference, rows_about_family

pytestmark = pytest.mark.django_db


def _ids(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def test_a_family_finds_its_own_rows_and_the_lists_that_named_it(org):
    system = Actor.system("retention")
    own = log_access(system, FamilyRef(1, "KB-1"), AccessKind.READ)
    listed = log_access_list(system, [FamilyRef(pk) for pk in (1, 11, 21)], object_type="caseload")
    other_list = log_access_list(system, [FamilyRef(11), FamilyRef(2)], object_type="caseload")
    log_access(system, FamilyRef(11, "KB-11"), AccessKind.READ)
    log_access(system, None, AccessKind.READ, extra={"families": "1"})  # not a list: ignored
    everything = AccessLogEntry.objects.all()
    assert _ids(rows_about_family(everything, [1])) == [own.pk, listed.pk]
    assert _ids(rows_about_family(everything, [2])) == [other_list.pk]
    assert _ids(rows_about_family(everything, [])) == []
    assert len(_ids(rows_about_family(everything, [1, 2]))) == 3


def test_a_dossier_number_names_existing_and_purged_families(org):
    from krachtbron.families.retention import destroy_family

    reference, pk = org.other_family.reference, org.other_family.pk
    assert family_ids_for_reference(org.family.reference.lower()) == {org.family.pk}
    log_access(org.other_adviser, org.other_family, AccessKind.READ)
    destroy_family(org.other_family, "request", decided_by=org.beheerder)
    assert family_ids_for_reference(reference) == {pk}  # known from the log alone
    assert family_ids_for_reference("KB-BESTAAT-NIET") == set()
