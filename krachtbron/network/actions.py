"""Writes to the netwerkkaart: one transaction each, with its access-log row."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction

from krachtbron.accounts.models import User
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.file_copy import MEMBER_KEY
from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.locking import save_versioned
from krachtbron.network.mapdata import from_person, to_snapshot_data
from krachtbron.network.models import NetworkPerson, NetworkSnapshot


def add_person(user: User, family: Family, **fields: Any) -> NetworkPerson:
    with transaction.atomic():
        person = NetworkPerson.objects.create(family=family, **fields)
        record_file_change(user, family, AccessKind.CREATE, person)
    return person


def update_person(
    user: User, person: NetworkPerson, expected_version: int, **changes: Any
) -> NetworkPerson:
    with transaction.atomic():
        save_versioned(person, expected_version, **changes)
        record_file_change(user, person.family, AccessKind.CHANGE, person)
    return person


#: What must happen before a person leaves the map, registered by apps above this one
#: (``cleanup(user, person)``: the netwerkplan ends the shares they read), and what the page
#: that removes them must warn about (``warning(person)``: "" when nothing).
_PERSON_CLEANUPS: list[Callable[[User, NetworkPerson], object]] = []
_PERSON_WARNINGS: list[Callable[[NetworkPerson], str]] = []


def register_person_cleanup(
    cleanup: Callable[[User, NetworkPerson], object], warning: Callable[[NetworkPerson], str]
) -> None:
    """``cleanup`` runs in ``delete_person``'s transaction; ``warning`` on the person's page."""
    _PERSON_CLEANUPS.append(cleanup)
    _PERSON_WARNINGS.append(warning)


def removal_warnings(person: NetworkPerson) -> list[str]:
    """What removing ``person`` would also do, for the page with the remove button."""
    return [text for warning in _PERSON_WARNINGS if (text := warning(person))]


def delete_person(user: User, person: NetworkPerson) -> None:
    """Take ``person`` off the map (the registered cleanups first, in the same transaction)."""
    with transaction.atomic():
        for cleanup in _PERSON_CLEANUPS:
            cleanup(user, person)
        # Whose person it was stays on record, so the rows about it keep their owner.
        owner = {MEMBER_KEY: person.member_id}
        record_file_change(user, person.family, AccessKind.DELETE, person, extra=owner)
        person.delete()


def take_snapshot(
    user: User, family: Family, *, taken_on: date, title: str = ""
) -> NetworkSnapshot:
    """Freeze the whole map of the family as it is now."""
    with transaction.atomic():
        persons = [
            from_person(p)
            for p in NetworkPerson.objects.filter(family=family).select_related("member")
        ]
        snapshot = NetworkSnapshot.objects.create(
            family=family,
            taken_on=taken_on,
            title=title,
            person_count=len(persons),
            data=to_snapshot_data(persons),
            by=user,
        )
        record_file_change(user, family, AccessKind.CREATE, snapshot)
    return snapshot


def delete_snapshot(user: User, snapshot: NetworkSnapshot) -> None:
    with transaction.atomic():
        record_file_change(user, snapshot.family, AccessKind.DELETE, snapshot)
        snapshot.delete()


def remove_member_from_snapshots(member: FamilyMember) -> None:
    """Take a removed member's own people out of every saved moment of the family's map (called
    by ``families.actions.delete_member``, in its transaction; that writes the log row)."""
    for snapshot in NetworkSnapshot.objects.filter(family_id=member.family_id):
        data = snapshot.data if isinstance(snapshot.data, dict) else {}
        rows = data.get("persons") or []
        kept = [r for r in rows if not (isinstance(r, dict) and r.get("member_id") == member.pk)]
        if len(kept) != len(rows):
            snapshot.data = {**data, "persons": kept}
            snapshot.person_count = len(kept)
            snapshot.save(update_fields=["data", "person_count"])
