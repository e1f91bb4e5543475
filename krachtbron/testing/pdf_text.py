"""A PDF's text as poppler's ``pdftotext`` reads it, for tests that check what a PDF says."""

import subprocess


def pdf_text(pdf: bytes) -> str:
    """The text of ``pdf`` (bytes of a PDF), as ``pdftotext -enc UTF-8`` gives it: reading
    order, one line a printed line. Raises CalledProcessError when poppler cannot read it."""
    done = subprocess.run(  # noqa: S603 - poppler from PATH, as the other PDF tests
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()
