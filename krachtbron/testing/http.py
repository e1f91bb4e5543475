"""Raw HTTP/1.1 on a socket, for tests of what a server does before and around Django."""

import select
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]  # names in lower case
    body: str
    body_bytes_sent: int  # how much of the request body went out before the answer came


def _parse(data: bytes, sent: int) -> RawResponse:
    head, _sep, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return RawResponse(status, headers, body.decode("utf-8", "replace"), sent)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def send(base_url: str, head: str, body: Iterable[bytes] = (), timeout: float = 30) -> RawResponse:
    """Send a request head, then body pieces until the server answers; return its answer.

    The server may answer (and close) before the whole body is out: sending stops there, and
    ``body_bytes_sent`` says how far it got.
    """
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80)) as sock:
        sock.settimeout(timeout)
        sock.sendall(head.encode("latin-1"))
        sent = 0
        for piece in body:
            readable, _w, _x = select.select([sock], [], [], 0)
            if readable:
                break  # answered already
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
        return _parse(_read_all(sock), sent)
