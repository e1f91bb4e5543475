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
