"""A gunicorn worker whose own error answers are Krachtbron's pages (see gunicorn.conf.py).

Gunicorn answers some requests itself, before Django sees them: a request line over
``limit_request_line`` (an over-long URL, such as a 10 kB family link), too large or too many
headers, a malformed request. Its answer is a bare English page without our security headers.
This worker sends Krachtbron's Dutch page with the headers instead (krachtbron/lib/errors.py),
and logs the kind of fault only: the request line may hold a family link's token.
"""

import ssl
from typing import Any

from gunicorn import util
from gunicorn.http import errors as http_errors
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker


def status_for(exc: BaseException) -> int:
    """The HTTP status gunicorn gives this error (the same mapping as its own handle_error)."""
    if isinstance(exc, http_errors.InvalidResponseHeader | http_errors.InvalidResponseHeaderName):
        return 500  # the application's fault, not the client's
    if isinstance(exc, http_errors.LimitRequestLine):
        return 414
    if isinstance(exc, http_errors.LimitRequestHeaders):
        return 431
    if isinstance(exc, http_errors.UnsupportedTransferCoding):
        return 501
    if isinstance(exc, http_errors.ExpectationFailed):
        return 417
    if isinstance(exc, http_errors.ConfigurationProblem):
        return 500
    if isinstance(exc, http_errors.ParseException | ssl.SSLError):
        return 400
    return 500


class FriendlyErrorsMixin:
    log: Any

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        from krachtbron.lib.errors import server_error_bytes

        status = status_for(exc)
        if status >= 500:
            self.log.exception("Error handling request (%s)", type(exc).__name__)
        else:
            self.log.warning("Refused a request gunicorn could not take: %s", type(exc).__name__)
        try:
            util.write_nonblock(client, server_error_bytes(status))
        except Exception:
            self.log.debug("Failed to send the error page.")


class SyncWorker(FriendlyErrorsMixin, GunicornSyncWorker):
    """Gunicorn's sync worker with Krachtbron's error pages."""
