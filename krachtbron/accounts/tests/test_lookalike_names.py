"""Team names that only look different are one name (tester of issue 12, finding 10).

Beside "Team Oost" the beheerder could create "team oost", "TEAM OOST", "Team  Oost",
"Team<NBSP>Oost" and "Team Oost<ZWSP>": each a new team that looks the same in every <option>
list, so an adviser lands in the wrong team and the figures split. The form compares folded
names (``lib.text.name_key``) and stores the canonical one; a case-insensitive unique index
decides a race; the migration that adds it reports existing look-alikes instead of failing
or merging them.
"""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from krachtbron.accounts.models import Team
from krachtbron.lib.lookalikes import LookalikeNamesError
from krachtbron.testing.migrations import latest, migrate_to
from krachtbron.testing.personas import client_for

LOOKALIKES = [
    "team oost",
    "TEAM OOST",
    "Team  Oost",
    "Team\u00a0Oost",
    "Team Oost\u200b",
    "Ｔｅａｍ Oost",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", LOOKALIKES)
def test_a_team_that_looks_like_an_existing_one_is_refused(org, name):
    assert org.team.name == "Team Oost"
    client = client_for(org, "beheerder")
    before = Team.objects.count()
    response = client.post(reverse("accounts:team_create"), {"name": name, "is_active": "on"})
    assert Team.objects.count() == before
    assert response.status_code == 200
    assert "Er is al een team met deze naam." in response.content.decode()


@pytest.mark.django_db
def test_a_new_name_is_stored_canonical(org):
    client = client_for(org, "beheerder")
    client.post(
        reverse("accounts:team_create"), {"name": " Team\u00a0 Noord\u200b ", "is_active": "on"}
    )
    assert Team.objects.filter(name="Team Noord").exists()


@pytest.mark.django_db
def test_renaming_a_team_to_its_own_name_in_other_case_is_allowed(org):
    client = client_for(org, "beheerder")
    client.post(
        reverse("accounts:team_edit", args=[org.team.pk]), {"name": "TEAM OOST", "is_active": "on"}
    )
    org.team.refresh_from_db()
    assert org.team.name == "TEAM OOST"


@pytest.mark.django_db
def test_the_database_refuses_a_name_in_other_case(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="TEAM OOST")


@pytest.mark.django_db(transaction=True)
def test_the_migration_reports_existing_lookalikes_and_merges_nothing():
    newest = latest()
    old = migrate_to([("accounts", "0004_beheerder_needs_four_eyes")])
    try:
        OldTeam = old.get_model("accounts", "Team")
        OldTeam.objects.create(name="Team Zuid")
        OldTeam.objects.create(name="team  zuid")
        with pytest.raises(LookalikeNamesError) as refused:
            migrate_to(newest)
        assert "'Team Zuid'" in str(refused.value) and "'team  zuid'" in str(refused.value)
        assert OldTeam.objects.count() == 2  # nothing merged, nothing renamed
        OldTeam.objects.filter(name="team  zuid").update(name="Team Zuid 2")
    finally:
        migrate_to(newest)
    assert Team.objects.filter(name__startswith="Team Zuid").count() == 2
