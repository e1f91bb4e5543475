"""Access matrix declarations for every reflection URL (krachtbron/testing/matrix.py)."""

from datetime import date

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


def _project(org) -> dict:
    project = actions.create_project(
        org.onderzoeker,
        title="Project",
        purpose="Doel",
        instrument_id="kracht-gezinnen",
        first_month=date(2025, 1, 1),
        last_month=date(2025, 12, 1),
    )
    return {"pk": project.pk}


def _project_export(org) -> dict:
    return {**_project(org), "kind": "csv"}


ROUTES = [
    Route(
        "reflection:home",
        allowed=STAFF_WHO_REFLECT,
    ),
    Route("reflection:new", allowed=STAFF_WHO_REFLECT),
    # Private: only the author, never a colleague or the teamleider.
    Route("reflection:detail", kwargs=_alices_reflection, allowed=frozenset({"adviser"})),
    Route("reflection:delete", kwargs=_alices_reflection, allowed=NOBODY),  # POST only
    Route("reflection:rounds", allowed=STAFF_WHO_REFLECT),
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
    Route("reflection:dashboard", allowed=MANAGERS),
    Route("reflection:dashboard_csv", allowed=MANAGERS),
    Route("reflection:mirror", allowed=MANAGERS),
    Route("reflection:mirror_csv", allowed=MANAGERS),
    Route(
        "reflection:research",
        allowed=frozenset({"onderzoeker"}),
    ),
    Route("reflection:project_new", allowed=frozenset({"onderzoeker"})),
    Route(
        "reflection:project_detail",
        kwargs=_project,
        allowed=frozenset({"onderzoeker"}),
    ),
    Route("reflection:project_codebook", kwargs=_project, allowed=frozenset({"onderzoeker"})),
    Route("reflection:project_export", kwargs=_project_export, allowed=NOBODY),  # POST only
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
    CreateForm(
        "reflection:project_new",
        "reflection.ExportProject",
        lambda org: {
            "title": "Netwerken in beeld",
            "purpose": "Hoe verandert de steun van het netwerk tijdens de hulp?",
            "first_month": "2025-01",
            "last_month": "2025-12",
        },
        persona="onderzoeker",
        typed=("Netwerken in beeld",),
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
    "reflection:project_export": Post(
        "a download; every export is its own recorded event",
        changes=("reflection.ExportRun",),
        allowed=frozenset({"onderzoeker"}),
    ),
}
