"""One POST to an endpoint, with the standard library: a short timeout, redirects never
followed (http.client follows none), and only to public addresses. The address is
resolved once and the connection made to what was checked, so a name cannot switch to
a private address between the check and the request."""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 5
EXCERPT_BYTES = 500


class RefusedAddress(Exception):
    """The endpoint's address is not one Kāhui sends to: ``code`` says why (an
    :class:`~kahui.webhooks.models.AttemptError`), ``detail`` names the host."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str
    duration_ms: int


def local_allowed() -> bool:
    """Plain http to this machine: in development (DEBUG) and in tests."""
    return settings.DEBUG or settings.WEBHOOKS_ALLOW_LOCAL


def is_local_host(host: str) -> bool:
    return host in ("localhost", "127.0.0.1", "::1")


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


def _resolve(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise RefusedAddress("unresolved", host) from error
    addresses = [str(info[4][0]) for info in infos]
    if local_allowed() and is_local_host(host):
        return addresses[0]
    for address in addresses:
        if not _public(address):
            raise RefusedAddress("private", host)
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address, with the certificate checked for the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST ``body``; raises OSError (timeouts, refused connections, TLS) or
    :class:`RefusedAddress`."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    plain = parts.scheme == "http"
    if plain and not (local_allowed() and is_local_host(host)):
        raise RefusedAddress("plain_http")
    port = parts.port or (80 if plain else 443)
    address = _resolve(host, port)
    connection_class = _PinnedHTTP if plain else _PinnedHTTPS
    connection = connection_class(host, address, port, TIMEOUT_SECONDS)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    started = time.monotonic()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
    finally:
        connection.close()
    return Answer(
        status=response.status,
        excerpt=excerpt,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
