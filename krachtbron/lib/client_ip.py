"""The client's address, the same way for every use (the sign-in lockout, and any later one).

Behind a TLS proxy every request comes from the proxy's address, so the address must be read from
``X-Forwarded-For``. That header is only as good as who wrote it: a client can send any value,
and each proxy appends the address it saw. So Krachtbron trusts the header only on a request that
comes from one of ``TRUSTED_PROXIES``, and then only its last ``TRUSTED_PROXY_COUNT`` entries,
which our own proxies wrote; the first of those is the address the outermost proxy saw. Whatever
the client wrote further left is never parsed, so it can neither dodge a lockout nor frame
someone else's address (not even with an unbalanced quote that would make a parser read our
proxies' entries as part of the client's text). python-ipware parses the trusted entries (IPv4,
IPv6, ports, brackets) and django-axes gets its address from here (AXES_CLIENT_IP_CALLABLE).

A server listening on a dual-stack socket (gunicorn on ``[::]:8000``) sees an IPv4 peer as an
IPv4-mapped IPv6 address (``::ffff:10.0.0.5``). Every address is unmapped first, so the
trusted-proxy check compares it with IPv4 networks, and the lockout sees one form of one
client's address, however the server listens (found by the tester of issue 12).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare

HEADER = "HTTP_X_FORWARDED_FOR"


def unmapped(text: str) -> str:
    """``text`` with an IPv4-mapped IPv6 address (``::ffff:a.b.c.d``) written as ``a.b.c.d``;
    any other text unchanged."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return text


def _from_trusted_proxy(remote: str) -> bool:
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address as text; REMOTE_ADDR unless a trusted proxy forwarded the request.

    With ``TRUSTED_PROXY_COUNT = n`` and the request coming from a trusted proxy: the n-th
    ``X-Forwarded-For`` entry from the right. When the header is missing, too short or that
    entry is not an address, the proxy's own address: a request that cannot be placed is never
    given someone else's.
    """
    remote: str | None = request.META.get("REMOTE_ADDR")
    if remote:
        remote = unmapped(remote)
    count: int = settings.TRUSTED_PROXY_COUNT
    if not count or not remote or not _from_trusted_proxy(remote):
        return remote
    entries = str(request.META.get(HEADER, "")).split(",")
    if len(entries) < count:
        return remote
    trusted = ",".join(entries[-count:])
    # Exactly our proxies' entries: the client first, then count - 1 inner proxies (strict).
    parser = IpWare(precedence=(HEADER,), proxy_count=count - 1)
    address, _trusted_route = parser.get_client_ip({HEADER: trusted}, strict=True)
    return unmapped(str(address)) if address is not None else remote
