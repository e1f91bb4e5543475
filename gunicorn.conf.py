"""Gunicorn settings for Krachtbron; the production command (README) and `make bench` use it:

    gunicorn -c gunicorn.conf.py --workers 4 --bind 127.0.0.1:8000

Gunicorn's own answers (an over-long URL, oversized headers, a malformed request) are
Krachtbron's Dutch pages with the security headers, through our worker class.
"""

import os

wsgi_app = "krachtbron.wsgi"
worker_class = "krachtbron.lib.gunicorn_worker.SyncWorker"

# The longest request line gunicorn can be given a limit for. Krachtbron's own URL limit
# (REQUEST_MAX_URL_LENGTH, 4096) is lower, so Django answers most over-long URLs itself; beyond
# 8190 bytes the worker sends the same page. Not 0 ("unlimited"): gunicorn then reads a line
# without end, and parsing a 10 MB line costs a worker some 18 seconds of CPU (measured here).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The proxies whose X-Forwarded-Proto gunicorn passes on; the same setting tells Krachtbron
# whose X-Forwarded-For to trust (README, "Behind a TLS proxy").
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "").strip() or "127.0.0.1,::1"
