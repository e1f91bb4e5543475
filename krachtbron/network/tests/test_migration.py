"""Migration network 0002: a member's own people leave with the member; people of members who
were removed earlier leave the saved moments of the map."""

import pytest

from krachtbron.testing.migrations import before, latest, migrate_to


@pytest.mark.django_db(transaction=True)
def test_people_of_removed_members_leave_the_saved_moments():
    old = migrate_to(before("network", "0001_initial"))
    try:
        Team = old.get_model("accounts", "Team")
        Family = old.get_model("families", "Family")
        Member = old.get_model("families", "FamilyMember")
        Snapshot = old.get_model("network", "NetworkSnapshot")
        family = Family.objects.create(reference="KB-MIG-1", team=Team.objects.create(name="T"))
        sara = Member.objects.create(family=family, first_name="Sara", role="jeugdige")
        gone = Member.objects.create(family=family, first_name="Weg", role="jeugdige")

        def row(label, member):
            return {
                "id": len(label),
                "label": label,
                "relation": "vrienden",
                "closeness": 2,
                "quality": "steunend",
                "member_id": member.pk if member else None,
            }

        snapshot = Snapshot.objects.create(
            family=family,
            taken_on="2026-01-05",
            person_count=3,
            data={"format": 1, "persons": [row("oma", None), row("Tom", sara), row("Ali", gone)]},
        )
        gone.delete()

        new = migrate_to(latest())
        Snapshot = new.get_model("network", "NetworkSnapshot")
        Person = new.get_model("network", "NetworkPerson")
        snapshot = Snapshot.objects.get(pk=snapshot.pk)
        assert [p["label"] for p in snapshot.data["persons"]] == ["oma", "Tom"]
        assert snapshot.person_count == 2
        on_delete = Person._meta.get_field("member").remote_field.on_delete
        assert on_delete.__name__ == "CASCADE"
    finally:
        migrate_to(latest())
