"""Where the local development server (``kahui serve``, ``make run``) listens, and the
site address its links use. Imports nothing from Django: the ``kahui`` script reads
it before the settings load."""

import os

DEFAULT_PORT = "8000"


def serve_address(addrport: str | None = None) -> str:
    """What ``kahui serve`` listens on: ``addrport`` if given, else 127.0.0.1 on the
    port in ``$PORT`` (8000 by default)."""
    return addrport or f"127.0.0.1:{os.environ.get('PORT') or DEFAULT_PORT}"


def site_url_for(addrport: str) -> str:
    """The site's address in a browser on this machine, for a server listening on
    ``addrport`` (``8001``, ``127.0.0.1:8001``, ``0.0.0.0:8001``, ``[::1]:8001``)."""
    host, _, port = addrport.rpartition(":")
    if host in {"", "0", "0.0.0.0"}:  # a bare port, or every IPv4 interface
        host = "127.0.0.1"
    elif host == "[::]":
        host = "[::1]"
    return f"http://{host}:{port}"
