"""The data migration that seals open rounds and rewrites closed rounds in a shuffled order
works on existing data (SQLite and PostgreSQL)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from krachtbron.reflection.seal import unseal

BEFORE = [("reflection", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_existing_round_answers_are_sealed_or_rewritten_shuffled():
    # Every other app stays at its newest migration; only reflection goes back.
    old = _migrate([leaf for leaf in _latest() if leaf[0] != "reflection"] + BEFORE)
    try:
        Team = old.get_model("accounts", "Team")
        User = old.get_model("accounts", "User")
        Round = old.get_model("reflection", "ReflectionRound")
        Participation = old.get_model("reflection", "RoundParticipation")
        Response = old.get_model("reflection", "OrganisationResponse")
        Answer = old.get_model("reflection", "OrganisationAnswer")
        team = Team.objects.create(name="Team Migratie")
        people = [
            User.objects.create(username=f"m{i}", role="adviseur", team=team) for i in range(8)
        ]
        rounds = {}
        for status in ("open", "closed"):
            round_ = Round.objects.create(
                title=status,
                opened_by=people[0],
                scope="team",
                starts_on="2026-01-05",
                ends_on="2026-12-20",
                instrument_version="1.0",
                status=status,
            )
            # The old way: participation and answers written together, in the same order.
            for index, person in enumerate(people):
                Participation.objects.create(round=round_, user=person, answered_on="2026-02-01")
                response = Response.objects.create(
                    round=round_, team=team, instrument_version="1.0", quarter=20261
                )
                Answer.objects.create(response=response, item_id="o01", value=index % 5)
                Answer.objects.create(response=response, item_id="o02", value=None)
            rounds[status] = round_.pk
        old_ids = set(Response.objects.values_list("pk", flat=True))

        new = _migrate(_latest())
        Response = new.get_model("reflection", "OrganisationResponse")
        Answer = new.get_model("reflection", "OrganisationAnswer")
        Sealed = new.get_model("reflection", "SealedAnswerSet")
        # The open round: no readable answer left, everything sealed.
        assert not Response.objects.filter(round_id=rounds["open"]).exists()
        sealed = [
            unseal(rounds["open"], s.sealed) for s in Sealed.objects.filter(round_id=rounds["open"])
        ]
        assert sorted(p["answers"]["o01"] for p in sealed) == sorted(i % 5 for i in range(8))
        assert all(p["team"] == team.pk and p["answers"]["o02"] is None for p in sealed)
        # The closed round: the same answers, with new random keys on both tables.
        closed = Response.objects.filter(round_id=rounds["closed"])
        assert closed.count() == 8
        assert not set(closed.values_list("pk", flat=True)) & old_ids
        values = Answer.objects.filter(response__round_id=rounds["closed"], item_id="o01")
        assert sorted(values.values_list("value", flat=True)) == sorted(i % 5 for i in range(8))
        assert Answer._meta.pk.get_internal_type() == "UUIDField"
    finally:
        _migrate(_latest())
