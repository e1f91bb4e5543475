"""Access matrix declarations for every insight URL (krachtbron/testing/matrix.py)."""

from krachtbron.testing.matrix import Route

MANAGERS = frozenset({"teamleider", "beheerder"})


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_teams_with_figures(org) -> None:
    """A quarter more of figures of Alice's team, and a team more with figures (enough answers
    of families and professionals, in a closed quarter: shown)."""
    from krachtbron.reflection.tests.factories import (
        earlier_closed_quarter_moment,
        family_response,
        published_again,
        reflection,
        staff,
    )
    from krachtbron.testing.factories import TeamFactory

    for team in (org.team, TeamFactory()):
        when = earlier_closed_quarter_moment(team)
        for _ in range(5):  # every item answered: every section has a figure
            family_response(team, {f"g{n:02d}": 3 for n in range(1, 14)}, completed_at=when)
        for person in staff(team, 5, prefix=f"grow{team.pk}-{team.members.count()}-"):
            reflection(person, {f"p{n:02d}": 2 for n in range(1, 9)}, when=when)
    published_again()


def _more_team_answers(org):
    """A closed quarter more of answered questionnaires of the team (5: shown)."""
    from krachtbron.reflection.tests.factories import (
        earlier_closed_quarter_moment,
        family_response,
        published_again,
    )

    when = earlier_closed_quarter_moment(org.team)
    for _ in range(5):
        family_response(org.team, {"g01": 3, "g02": 2}, completed_at=when)
    published_again()


ROUTES = [
    Route("insight:dashboard", allowed=MANAGERS, list_page=True, grow=_more_teams_with_figures),
    Route("insight:dashboard_csv", allowed=MANAGERS),
    Route("insight:mirror", allowed=MANAGERS, list_page=True, grow=_more_teams_with_figures),
    Route("insight:mirror_csv", allowed=MANAGERS),
    Route(
        "insight:team",
        allowed=frozenset({"teamleider"}),
        list_page=True,
        grow=_more_team_answers,
    ),
]

# Nazorg in cijfers (issue 15 item 4): the follow-up's group figures, as the dashboard's readers.
ROUTES += [Route("insight:outcomes", allowed=MANAGERS)]

# The team report (issue 18 item 4): the teamleider of the team, and the beheerder (any team:
# the same readers as the dashboard, which shows every one of its figures already). Without a
# quarter with figures the PDF route sends back to the page, which says so.
ROUTES += [
    Route("insight:report", allowed=MANAGERS),
    Route("insight:report_pdf", allowed=MANAGERS),
]
