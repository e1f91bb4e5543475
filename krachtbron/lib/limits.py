"""Request limits (SECURITY.md 14): what is too big is refused before anything reads it.

One middleware, early in the chain, for every request:

- a URL (path + query string) longer than ``REQUEST_MAX_URL_LENGTH`` gets the friendly 414 page;
- a body larger than ``REQUEST_MAX_BODY_BYTES`` gets the friendly 413 page. A declared
  ``Content-Length`` is judged without reading a byte, so a 200 MB upload is answered at once;
  a body streamed without a length (chunked) is read up to one byte past the limit, no more.

Every request Krachtbron takes is a form (urlencoded or multipart, no files), so one small limit
fits all. A view that needs more, such as a future file upload, says so itself with
``@body_limit(bytes)``; only a request that is over the general limit pays for finding its view.
Django's DATA_UPLOAD_MAX_MEMORY_SIZE and DATA_UPLOAD_MAX_NUMBER_FIELDS stay as a second line
(a 400 for too much field data or too many fields inside an allowed body).
"""

import io
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from krachtbron.lib.digits import ascii_int
from krachtbron.lib.errors import error_response

View = TypeVar("View", bound=Callable[..., Any])


def body_limit(max_bytes: int) -> Callable[[View], View]:
    """Allow this view a larger request body than REQUEST_MAX_BODY_BYTES (e.g. an upload)."""

    def decorator(view: View) -> View:
        view.max_body_bytes = max_bytes  # type: ignore[attr-defined]
        return view

    return decorator


def _limit_for(request: HttpRequest) -> int:
    """The body limit of the view this request goes to (the general one when it has none)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return int(settings.REQUEST_MAX_BODY_BYTES)
    return int(getattr(match.func, "max_body_bytes", settings.REQUEST_MAX_BODY_BYTES))


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        url_length = len(meta.get("PATH_INFO", "")) + len(meta.get("QUERY_STRING", ""))
        if url_length > settings.REQUEST_MAX_URL_LENGTH:
            return error_response(414)  # no concept banner: its link would be as long
        general = settings.REQUEST_MAX_BODY_BYTES
        declared = meta.get("CONTENT_LENGTH") or ""
        if declared:
            length = ascii_int(declared)
            if length is None:
                return error_response(400, request=request)
            if length > general and length > _limit_for(request):
                return error_response(413, request=request)
        elif meta.get("HTTP_TRANSFER_ENCODING") and meta.get("wsgi.input_terminated"):
            # A streamed body without a length (gunicorn decodes the chunks and ends the
            # stream): read at most one byte past the limit, then hand Django what was read.
            limit = _limit_for(request)
            data = meta["wsgi.input"].read(limit + 1)
            if len(data) > limit:
                return error_response(413, request=request)
            meta["CONTENT_LENGTH"] = str(len(data))
            meta["wsgi.input"] = io.BytesIO(data)
            # WSGIRequest read the (missing) length when it was made; give it the body.
            request._stream = LimitedStream(io.BytesIO(data), len(data))  # type: ignore[assignment]
        return self.get_response(request)
