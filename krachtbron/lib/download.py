"""The one way a response becomes a download (``Content-Disposition: attachment``).

A file name travels further than the file's content: into the downloads folder, a chat, a mail
to a network person. So a name says what the file is, never whose it is (issue 15 break report,
finding 9): no dossier number, no name of a family member or network person. Every download
gets its name from the code's own fixed words (``"ons-netwerkplan.pdf"``), at most with a
number that is not about a family (a research project) and a date. ``attachment`` refuses any
other shape, so a reference (typed by staff, any characters) cannot slip in by a later edit;
``testing/test_download_names.py`` requests every route and checks the names it gets.
"""

import re

from django.http import HttpResponse

#: Lower-case words and digits joined by hyphens, one known extension.
FILENAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.(?:pdf|json|csv)")


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark ``response`` as a download named ``filename`` and return it. Raises ValueError
    when ``filename`` is not of the fixed shape (``FILENAME``): build it from the code's own
    words, never from a reference or a name."""
    if not FILENAME.fullmatch(filename):
        raise ValueError(f"Not a download name of the fixed shape: {filename!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
