"""Access matrix declarations for every research URL (krachtbron/testing/matrix.py)."""

from datetime import date

from krachtbron.instruments.ids import FAMILIES
from krachtbron.research import actions as research_actions
from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import Route

RESEARCHER = frozenset({"onderzoeker"})
NOBODY: frozenset[str] = frozenset()


def _project(org) -> dict:
    project = research_actions.create_project(
        org.onderzoeker,
        title="Project",
        purpose="Doel",
        instrument_id=FAMILIES,
        first_month=date(2025, 1, 1),
        last_month=date(2025, 12, 1),
    )
    return {"pk": project.pk}


def _project_export(org) -> dict:
    return {**_project(org), "kind": "csv"}


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_projects(org) -> None:
    for _ in range(3):
        _project(org)


def _more_runs(org) -> None:
    from krachtbron.research.models import ExportProject, ExportRun

    project = ExportProject.objects.filter(researcher=org.onderzoeker).order_by("pk").first()
    for _ in range(3):
        ExportRun.objects.create(project=project, user=org.onderzoeker, format="csv", rows=5)


ROUTES = [
    Route(
        "research:home",
        allowed=RESEARCHER,
        list_page=True,
        grow=_more_projects,
    ),
    Route("research:project_new", allowed=RESEARCHER),
    Route(
        "research:project_detail",
        kwargs=_project,
        allowed=RESEARCHER,
        list_page=True,
        grow=_more_runs,
    ),
    Route("research:project_codebook", kwargs=_project, allowed=RESEARCHER),
    Route("research:project_export", kwargs=_project_export, allowed=NOBODY),  # POST only
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------

CREATE_FORMS = [
    CreateForm(
        "research:project_new",
        "research.ExportProject",
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
    "research:project_export": Post(
        "a download; every export is its own recorded event",
        changes=("research.ExportRun",),
        allowed=RESEARCHER,
    ),
}
