"""One Actor for every access-log row: staff user, family member, network person or system."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from krachtbron.audit.actors import Actor, ActorKind
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind, AccessLogEntry

pytestmark = pytest.mark.django_db


def test_a_staff_user_becomes_a_staff_actor_in_one_place(org):
    row = log_access(org.adviser, org.family, AccessKind.READ)
    assert (row.actor_kind, row.actor, row.actor_role, row.actor_member_id) == (
        ActorKind.STAFF,
        org.adviser,
        "adviseur",
        None,
    )
    assert Actor.of(org.adviser) == Actor.staff(org.adviser)
    assert Actor.of(Actor.system("retention")) == Actor.system("retention")


def test_a_family_member_is_an_actor_without_an_account(org):
    row = log_access(Actor.family_member(org.member), org.family, AccessKind.READ)
    row.refresh_from_db()
    assert (row.actor_kind, row.actor_id, row.actor_member_id, row.actor_role) == (
        ActorKind.FAMILY_MEMBER,
        None,
        org.member.pk,
        "gezinslid",
    )


def test_a_network_person_and_the_system_are_actors_too(org):
    person = log_access(Actor.network_person(77), org.family, AccessKind.READ)
    system = log_access(Actor.system("retention"), org.family, AccessKind.DELETE)
    assert (person.actor_kind, person.actor_member_id) == (ActorKind.NETWORK_PERSON, 77)
    assert (system.actor_kind, system.actor_role, system.actor_id) == (
        ActorKind.SYSTEM,
        "retention",
        None,
    )


@dataclass
class _DuckTypedFamilyActor:
    """What the questionnaire used to pass: something with a pk and a role, not an Actor."""

    pk: None = None
    role: str = "gezinslid"


@pytest.mark.parametrize("who", [None, AnonymousUser(), _DuckTypedFamilyActor(), "system"])
def test_nothing_but_an_actor_or_a_staff_user_can_write_a_row(org, who):
    with pytest.raises(TypeError):
        log_access(who, org.family, AccessKind.READ)
    assert not AccessLogEntry.objects.exists()


def test_bad_actors_are_refused_when_made(org):
    with pytest.raises(ValueError):
        Actor.system("iemand")
    with pytest.raises(ValueError):
        Actor.family_member(type("Unsaved", (), {"pk": None})())
    unsaved = type(org.adviser)(username="nieuw")
    with pytest.raises(ValueError):
        Actor.staff(unsaved)


def test_the_log_pages_name_the_actor_in_words(org):
    rows = {
        "staff": log_access(org.adviser, org.family, AccessKind.READ),
        "member": log_access(Actor.family_member(org.member), org.family, AccessKind.READ),
        "network": log_access(Actor.network_person(3), org.family, AccessKind.READ),
        "system": log_access(Actor.system("retention"), org.family, AccessKind.DELETE),
        "log_purge": log_access(Actor.system("log_retention"), None, AccessKind.DELETE),
    }
    labels = {name: row.actor_label for name, row in rows.items()}
    assert labels == {
        "staff": "Alice",
        "member": "gezinslid",
        "network": "persoon uit het netwerk",
        "system": "systeem (bewaartermijn)",
        "log_purge": "systeem (bewaartermijn toegangslog)",
    }
    assert rows["system"].role_label == "bewaartermijn"
    with translation.override("en"):
        assert rows["system"].actor_label == "system (retention period)"
        assert rows["member"].actor_label == "family member"


def test_the_daily_retention_purge_logs_as_the_system(org):
    from krachtbron.families.models import DestructionRecord
    from krachtbron.families.retention import destroy_family

    destroy_family(org.family, DestructionRecord.Reason.RETENTION)
    row = AccessLogEntry.objects.get(kind=AccessKind.DELETE)
    assert (row.actor_kind, row.actor_role, row.actor_id) == (ActorKind.SYSTEM, "retention", None)
    assert row.actor_label == "systeem (bewaartermijn)"


def test_a_destruction_on_request_logs_the_privacy_officer(org):
    from krachtbron.families.models import DestructionRecord
    from krachtbron.families.retention import destroy_family

    destroy_family(org.family, DestructionRecord.Reason.REQUEST, decided_by=org.beheerder)
    row = AccessLogEntry.objects.get(kind=AccessKind.DELETE)
    assert (row.actor_kind, row.actor) == (ActorKind.STAFF, org.beheerder)


def test_an_administrative_change_without_a_family_still_works(org):
    """The call other parts use for administrative changes (no family, a staff user)."""
    row = log_access(
        org.beheerder, None, AccessKind.CHANGE, org.colleague, object_type="user", extra={"f": 1}
    )
    assert (row.family_id, row.object_type, row.object_id, row.actor_kind) == (
        None,
        "user",
        org.colleague.pk,
        ActorKind.STAFF,
    )
