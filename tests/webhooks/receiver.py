"""A tiny HTTP receiver on 127.0.0.1 that a test starts and stops itself: it answers
each POST with the next status of its script and keeps what it was sent, and it
verifies signatures the way docs/WEBHOOKS.md tells receivers to."""

import base64
import hashlib
import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class BadSignature(Exception):
    pass


def verify(secret: str, headers, body: bytes, *, tolerance: int = 300, now=None) -> None:
    """The receiver's check from docs/WEBHOOKS.md: raises BadSignature unless the body
    was signed with ``secret`` less than ``tolerance`` seconds ago."""
    webhook_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs((now or time.time()) - int(timestamp)) > tolerance:
        raise BadSignature("too old or too new")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in headers["webhook-signature"].split():
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return
    raise BadSignature("no matching signature")


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    script: deque[int]
    received: list[Received] = field(default_factory=list)
    # Once the script runs out, every answer is this one.
    then: int = 200


def serve(script=(), then: int = 200):
    """Start a receiver in a thread; returns it and a function that stops it."""
    state = Receiver(url="", script=deque(script), then=then)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            state.received.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status = state.script.popleft() if state.script else state.then
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.end_headers()
            self.wfile.write(b"ok" if status < 400 else b"receiver says no")

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/kahui"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join()

    return state, stop
