"""`manage.py runserver` (`make run`) with Krachtbron's pages for the server's own errors.

Django's development server answers some requests before Django sees them, with Python's bare
English error page: a request line over 64 kB (an over-long URL), too many or too long headers, a
malformed request. This server sends Krachtbron's Dutch page with the security headers instead
(krachtbron/lib/errors.py), like the gunicorn worker does in production. Static files are served
as by django.contrib.staticfiles' runserver, which this extends.
"""

from typing import Any

from django.contrib.staticfiles.management.commands import runserver
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer


class FriendlyRequestHandler(WSGIRequestHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        from krachtbron.lib.errors import server_error_bytes

        # The status only: the request line may hold a family link's token.
        self.log_message("%s %s", "refused", str(code))
        self.close_connection = True
        response = server_error_bytes(code)
        if getattr(self, "command", "") == "HEAD":
            response = response.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
        self.wfile.write(response)


class FriendlyWSGIServer(WSGIServer):
    def __init__(self, server_address: Any, handler_class: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(server_address, FriendlyRequestHandler, *args, **kwargs)


class Command(runserver.Command):
    server_cls = FriendlyWSGIServer
