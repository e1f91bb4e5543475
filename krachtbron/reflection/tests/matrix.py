"""Access matrix declarations for every reflection URL (krachtbron/testing/matrix.py)."""

from krachtbron.reflection import actions
from krachtbron.reflection.models import ProfessionalReflection, ReflectionRound
from krachtbron.reflection.tests.factories import open_round
from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

STAFF_WHO_REFLECT = frozenset({"adviser", "colleague", "other_team", "teamleider", "beheerder"})
MANAGERS = frozenset({"teamleider", "beheerder"})
NOBODY: frozenset[str] = frozenset()


def _alices_reflection(org) -> dict:
    made: ProfessionalReflection = actions.create_reflection(
        org.adviser, {"p01": 3}, counts_in_team=False
    )
    return {"pk": made.pk}


def _team_round(org) -> dict:
    round_: ReflectionRound = open_round(org.teamleider, [org.team])
    return {"pk": round_.pk}


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_reflections_and_tasks(org) -> None:
    """Reflections of everyone who reflects, and open rounds they have and have not answered."""
    from krachtbron.reflection.models import RoundScope
    from krachtbron.reflection.tests.factories import reflection

    people = (org.adviser, org.colleague, org.other_adviser, org.teamleider, org.beheerder)
    for person in people:
        reflection(person, {"p01": 3, "p02": 1}, counts_in_team=False)
    team_round = open_round(org.teamleider, [org.team])
    open_round(org.beheerder, [org.team, org.other_team], scope=RoundScope.ORGANISATION)
    actions.answer_round(org.colleague, team_round, {"o01": 2})


def _more_rounds(org) -> None:
    """Team rounds of both teams and organisation rounds, open and closed, some answered."""
    from krachtbron.reflection.models import RoundScope
    from krachtbron.testing.factories import UserFactory

    other_leader = UserFactory(role="teamleider", team=org.other_team)
    for leader, team in ((org.teamleider, org.team), (other_leader, org.other_team)):
        answered = open_round(leader, [team])
        actions.answer_round(leader, answered, {"o01": 3})
        actions.close_round(open_round(leader, [team]), by=leader)
    organisation = open_round(
        org.beheerder, [org.team, org.other_team], scope=RoundScope.ORGANISATION
    )
    actions.answer_round(org.adviser, organisation, {"o01": 1})


ROUTES = [
    Route(
        "reflection:home",
        allowed=STAFF_WHO_REFLECT,
        list_page=True,
        grow=_more_reflections_and_tasks,
    ),
    Route("reflection:new", allowed=STAFF_WHO_REFLECT),
    # Private: only the author, never a colleague or the teamleider.
    Route("reflection:detail", kwargs=_alices_reflection, allowed=frozenset({"adviser"})),
    Route("reflection:delete", kwargs=_alices_reflection, allowed=NOBODY),  # POST only
    Route("reflection:rounds", allowed=STAFF_WHO_REFLECT, list_page=True, grow=_more_rounds),
    Route("reflection:round_new", allowed=MANAGERS),
    # A team round of Alice's team: its staff, its teamleider and the beheerder see it.
    Route(
        "reflection:round_detail",
        kwargs=_team_round,
        allowed=frozenset({"adviser", "colleague", "teamleider", "beheerder"}),
    ),
    Route(
        "reflection:round_answer",
        kwargs=_team_round,
        allowed=frozenset({"adviser", "colleague", "teamleider"}),
    ),
    Route("reflection:round_close", kwargs=_team_round, allowed=NOBODY),  # POST only
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------


def _dates(org) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return {"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=30)).isoformat()}


CREATE_FORMS = [
    CreateForm(
        "reflection:new",
        "reflection.ProfessionalReflection",
        lambda org: {
            "item_p01": "3",
            "item_p04": "2",
            "note": "Meenemen naar intervisie: grenzen stellen",
        },
        typed=("Meenemen naar intervisie: grenzen stellen",),
    ),
    CreateForm(
        "reflection:round_new",
        "reflection.ReflectionRound",
        lambda org: {"title": "Najaar in Team Oost", **_dates(org)},
        persona="teamleider",
        typed=("Najaar in Team Oost",),
    ),
    # One participation per person per round (a unique row) already makes this idempotent; a
    # form key would put the moment of answering next to the person (SECURITY.md 10).
    CreateForm(
        "reflection:round_answer",
        "reflection.RoundParticipation",
        lambda org: {"item_o01": "3", "item_o04": "1"},
        _team_round,
        natural=True,
    ),
]

OTHER_POSTS = {
    "reflection:delete": Post(
        "deletes",
        changes=("reflection.ProfessionalReflection",),
        allowed=frozenset({"adviser"}),
    ),
    "reflection:round_close": Post(
        "closes a round (once: a status check)",
        changes=("reflection.ReflectionRound",),
        allowed=MANAGERS,
    ),
}
