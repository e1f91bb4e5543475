"""The data migration that seals open rounds and rewrites closed rounds in a shuffled order
works on existing data (SQLite and PostgreSQL)."""

import pytest

from krachtbron.reflection.seal import unseal
from krachtbron.testing.migrations import latest, migrate_to

BEFORE = [("reflection", "0001_initial")]


def back_to(*targets):
    """Every app at its newest migration except reflection, which goes back to ``targets``,
    and the apps whose models moved out of it (insight, research), which are unapplied."""
    moved = ("reflection", "insight", "research")
    kept = [leaf for leaf in latest() if leaf[0] not in moved]
    return migrate_to(kept + [("insight", None), ("research", None), *targets])


@pytest.mark.django_db(transaction=True)
def test_existing_round_answers_are_sealed_or_rewritten_shuffled():
    # Every other app stays at its newest migration; only reflection goes back.
    old = back_to(*BEFORE)
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

        new = migrate_to(latest())
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
        migrate_to(latest())


BEFORE_RULES = [("reflection", "0002_published_figures_and_sealed_answers")]


@pytest.mark.django_db(transaction=True)
def test_existing_rounds_and_family_figures_are_brought_under_the_rules():
    """0003: closed rounds keep a team only with five answer sets, a pool under five goes; open
    rounds are sealed again in a new order. 0004: published family figures with fewer than five
    families behind them are removed (never computed anew)."""
    from datetime import timedelta

    from krachtbron.lib.quarters import previous_quarter, quarter_start
    from krachtbron.reflection.seal import seal

    old = back_to(*BEFORE_RULES)
    try:
        Team = old.get_model("accounts", "Team")
        User = old.get_model("accounts", "User")
        Round = old.get_model("reflection", "ReflectionRound")
        Response = old.get_model("reflection", "OrganisationResponse")
        Answer = old.get_model("reflection", "OrganisationAnswer")
        Sealed = old.get_model("reflection", "SealedAnswerSet")
        Period = old.get_model("reflection", "PublishedPeriod")
        Cell = old.get_model("reflection", "PublishedCell")
        Family = old.get_model("families", "Family")
        Member = old.get_model("families", "FamilyMember")
        FamilyResponse = old.get_model("questionnaires", "Response")
        FamilyAnswer = old.get_model("questionnaires", "Answer")
        big, small, other = (Team.objects.create(name=f"Team {n}") for n in "ABC")
        opener = User.objects.create(username="opener", role="beheerder")

        def round_(status, sets):
            made = Round.objects.create(
                title=status,
                opened_by=opener,
                scope="organisation",
                starts_on="2026-01-05",
                ends_on="2026-12-20",
                instrument_version="1.0",
                status=status,
            )
            for team, value in sets:
                response = Response.objects.create(
                    round=made, team=team, instrument_version="1.0", quarter=20261
                )
                Answer.objects.create(response=response, item_id="o01", value=value)
            return made.pk

        # Six of A, two of B, one without a team (a pool of three), one of A without answers.
        lonely = round_("closed", [(big, 3)] * 6 + [(small, 1)] * 2 + [(None, 0), (big, None)])
        # Three of B and two of C: a pool of five, stored without a team.
        pooled = round_("closed", [(small, 2)] * 3 + [(other, 2)] * 2)
        open_id = round_("open", [])
        payloads = [{"team": big.pk, "version": "1.0", "answers": {"o01": v}} for v in range(4)]
        old_sealed = {
            Sealed.objects.create(round_id=open_id, sealed=seal(open_id, p)).pk for p in payloads
        }

        # Family figures published under the old rule: team A's cell has five families, but its
        # second item was answered by three members of one family; team B's cell is one family.
        quarter = previous_quarter(previous_quarter(20263))
        when = quarter_start(quarter) + timedelta(days=3)
        period = Period.objects.create(
            instrument_id="kracht-gezinnen", instrument_version="1.0", kind="quarter", unit=quarter
        )

        def family_answers(team, family, answers):
            member = Member.objects.create(family=family, first_name="X", role="opvoeder")
            response = FamilyResponse.objects.create(
                family=family,
                member=member,
                team=team,
                instrument_id="kracht-gezinnen",
                instrument_version="1.0",
                language="nl",
                moment="begin",
                started_at=when,
                completed_at=when,
            )
            for item_id, value in answers.items():
                FamilyAnswer.objects.create(response=response, item_id=item_id, value=value)

        for index in range(5):
            home = Family.objects.create(reference=f"KB-A{index}", team=big)
            family_answers(big, home, {"g01": 2, "g02": 1 if index == 0 else None})
        home = Family.objects.get(reference="KB-A0")
        for _ in range(4):
            family_answers(big, home, {"g01": 2, "g02": 1})
        one = Family.objects.create(reference="KB-B0", team=small)
        for _ in range(5):
            family_answers(small, one, {"g01": 0})
        Cell.objects.create(
            period=period,
            team_key=big.pk,
            quarter=quarter,
            respondents=9,
            persons=9,
            items={"g01": [0, 0, 9, 0, 0], "g02": [0, 5, 0, 0, 0]},
            section_sums=[0.0, 0.0, 0.0, 0.0],
            section_counts=[0, 0, 0, 0],
        )
        Cell.objects.create(
            period=period,
            team_key=small.pk,
            quarter=quarter,
            respondents=5,
            persons=5,
            items={"g01": [5, 0, 0, 0, 0]},
            section_sums=[0.0, 0.0, 0.0, 0.0],
            section_counts=[0, 0, 0, 0],
        )

        new = migrate_to(latest())
        Response = new.get_model("reflection", "OrganisationResponse")
        Sealed = new.get_model("reflection", "SealedAnswerSet")
        Cell = new.get_model("insight", "PublishedCell")  # moved there (insight.0001)

        def teams(round_id):
            rows = Response.objects.filter(round_id=round_id).values_list("team_id", flat=True)
            return sorted(rows, key=str)

        assert teams(lonely) == [big.pk] * 6
        assert teams(pooled) == [None] * 5
        sealed = Sealed.objects.filter(round_id=open_id)
        assert not set(sealed.values_list("pk", flat=True)) & old_sealed
        opened = sorted(unseal(open_id, s.sealed)["answers"]["o01"] for s in sealed)
        assert opened == [0, 1, 2, 3]
        (kept,) = Cell.objects.all()
        assert (kept.team_key, kept.respondents, kept.persons) == (big.pk, 9, 5)
        assert kept.items == {"g01": [0, 0, 9, 0, 0]}  # g02: one family's answers, removed
    finally:
        migrate_to(latest())
