"""The security headers every Krachtbron response carries (SECURITY.md 16), in one place.

Used by the middleware for Django's responses and by the error pages that the HTTP servers send
before Django is reached (krachtbron/lib/errors.py).
"""

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Pages may hold personal data: never kept in a browser or proxy cache (static files excepted).
NO_STORE = "no-store"
# Family pages: nothing about them reaches another site, not even which page linked there.
FAMILY_REFERRER_POLICY = "no-referrer"
