"""Races on the stored krachtenplan PDF (families/stored_pdf.py), each in its own thread with its
own database connection. Run by ``test_plan_stored.py`` through
``krachtbron.testing.parallel.run_scenario`` (in-process on PostgreSQL, a subprocess on SQLite).
"""

from typing import Any

from krachtbron.testing.parallel import run_parallel, scenario_main

THREADS = 3


def renders_at_once() -> dict[str, Any]:
    """Three downloads of a plan that is not stored yet, at the same moment: each renders, each
    stores (an upsert), none crashes, one row remains and it opens to one of the PDFs."""
    from krachtbron.families import stored_pdf
    from krachtbron.families.models import StoredPdf
    from krachtbron.strengths.plan import pdf_variant
    from krachtbron.testing.factories import FamilyFactory, GoalFactory, TeamFactory

    family = FamilyFactory(team=TeamFactory())
    GoalFactory(family=family, text="Samen eten op zondag")
    name = pdf_variant(None, "nl")

    def download(_index: int) -> bool:
        from krachtbron.families.models import Family

        return stored_pdf.pdf(Family.objects.get(pk=family.pk), name).startswith(b"%PDF")

    results, errors = run_parallel(THREADS, download)
    ready_before = StoredPdf.objects.filter(family=family, status="ready").count()
    served = stored_pdf.pdf(family, name)  # the stored one: it opens
    return {
        "pdfs": results,
        "errors": errors,
        "rows": StoredPdf.objects.filter(family=family).count(),
        "ready": ready_before,
        "served": served.startswith(b"%PDF"),
    }


def asked_at_once() -> dict[str, Any]:
    """Three views of the page at the same moment: one order, one task, no error."""
    from django_tasks_db.models import DBTaskResult

    from krachtbron.families import stored_pdf
    from krachtbron.families.models import Family, StoredPdf
    from krachtbron.strengths.plan import pdf_variant
    from krachtbron.testing.factories import FamilyFactory, TeamFactory

    family = FamilyFactory(team=TeamFactory())
    name = pdf_variant(None, "nl")

    def ask(_index: int) -> bool:
        return stored_pdf.ask(Family.objects.get(pk=family.pk), name)

    results, errors = run_parallel(THREADS, ask)
    return {
        "asked": sorted(results),
        "errors": errors,
        "rows": StoredPdf.objects.filter(family=family).count(),
        "tasks": DBTaskResult.objects.filter(task_path__endswith="make_pdf").count(),
    }


SCENARIOS = {"renders_at_once": renders_at_once, "asked_at_once": asked_at_once}

if __name__ == "__main__":
    scenario_main(SCENARIOS)
