"""Floor views for benchmarks: the cheapest possible requests through the same stack."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt


@login_not_required
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@csrf_exempt
def one_insert(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (created_at) VALUES (%s)", [timezone.now()])
    return HttpResponse("ok", content_type="text/plain")


ONE_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Eén pagina</title>
<style>@page { size: A4; margin: 2cm } body { font-family: sans-serif; font-size: 11pt }</style>
</head><body><h1>Ons krachtenplan</h1><p>Eén pagina tekst, de vloer voor elke PDF.</p></body>
</html>"""


@login_not_required
def one_page_pdf(request: HttpRequest) -> HttpResponse:
    """The PDF floor: one page through the same renderer (``lib.pdf.render_pdf``)."""
    from krachtbron.lib.pdf import render_pdf

    return HttpResponse(render_pdf(ONE_PAGE), content_type="application/pdf")
