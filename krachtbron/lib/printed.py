"""The one view pair that prints a personal link: a page to print and the same as a PDF.

Three places hand a personal link over on paper: the family questionnaire's invitation and Mijn
Krachtbron's invitation (the adviser prints them) and a shared netwerkplan (the family prints it
for the network person). Each pair was the same steps: find the link's object and check the
token posted back (the link is never stored, so it comes with the POST), write the PRINT row
and commit it before anything is rendered (SECURITY.md 17, 26), render the letter in the
reader's language, and for the PDF name the download (``lib.download``). ``printed_views``
makes both views from what differs (``PrintedLink``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_POST

from krachtbron.lib.download import attachment
from krachtbron.lib.family_text import is_reviewed
from krachtbron.lib.pdf import render_pdf

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class PrintedLink:
    """What one printed link differs in.

    * ``find(request, pk)``: the object and the posted token, or the response to give instead
      (a redirect with a message when the token does not belong or the link stopped);
    * ``log(request, obj, fmt)``: the PRINT row (``fmt`` "html" or "pdf"), in the transaction
      that is committed before rendering;
    * ``template`` and ``context(request, obj, token)``: the letter (``pdf`` is added);
    * ``language(request, obj)``: the letter's language (the reader's);
    * ``filename``: the PDF's name (fixed words only, ``lib.download``); ``tagged``: a tagged
      PDF for screen readers (the default).
    """

    find: Callable[[Any, int], tuple[Any, str] | HttpResponse]
    log: Callable[[Any, Any, str], None]
    template: str
    context: Callable[[Any, Any, str], dict[str, Any]]
    language: Callable[[Any, Any], str]
    filename: str
    tagged: bool = True


def printed_views(spec: PrintedLink) -> tuple[View, View]:
    """The pair (page, pdf) of POST views for ``spec``, each taking the object's ``pk``."""

    def _letter(request: HttpRequest, pk: int, fmt: str) -> tuple[Any, str] | HttpResponse:
        found = spec.find(request, pk)
        if isinstance(found, HttpResponse):
            return found
        obj, token = found
        with transaction.atomic():
            spec.log(request, obj, fmt)
        language = spec.language(request, obj)
        # A letter in a language no translator has reviewed says so, as the pages it leads to
        # do (their concept banner links to the Dutch original; docs/talen.md).
        context = {
            **spec.context(request, obj, token),
            "pdf": fmt == "pdf",
            "concept_letter": not is_reviewed(language),
        }
        with translation.override(language):
            return obj, render(request, spec.template, context).content.decode()

    @require_POST
    def page(request: HttpRequest, pk: int) -> HttpResponse:
        made = _letter(request, pk, "html")
        return made if isinstance(made, HttpResponse) else HttpResponse(made[1])

    @require_POST
    def pdf(request: HttpRequest, pk: int) -> HttpResponse:
        made = _letter(request, pk, "pdf")
        if isinstance(made, HttpResponse):
            return made
        body = render_pdf(made[1], tagged=spec.tagged)
        return attachment(HttpResponse(body, content_type="application/pdf"), spec.filename)

    return page, pdf
