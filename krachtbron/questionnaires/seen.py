"""The "read" mark of a result (``ResultSeen``), written when an adviser opens it.

See docs/aandacht.md."""

from krachtbron.accounts.models import User
from krachtbron.questionnaires.models import Response, ResultSeen


def mark_result_seen(user: User, response: Response) -> None:
    """Record that ``user`` opened the results of ``response`` (once; later visits change
    nothing). One INSERT that ignores the existing row, so a double click or two tabs at once
    cannot fail. Written next to the page's access-log row: it is a record of that read, not a
    change of the family's data."""
    ResultSeen.objects.bulk_create(
        [ResultSeen(response=response, adviser=user)], ignore_conflicts=True
    )
