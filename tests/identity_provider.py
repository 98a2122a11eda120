"""A fake OpenID Connect identity provider for the sign-in tests: a small HTTP server
on a free local port, started by the test itself, so nothing leaves the machine.

It serves discovery, an authorize endpoint that signs in whoever the test chose (and
redirects back with a code), a token endpoint that answers with an RS256-signed
id_token, the JWKS to check it and a userinfo endpoint."""

from __future__ import annotations

import json
import secrets
import threading
import time
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "kahui-test-client"
CLIENT_SECRET = "kahui-test-secret"


@dataclass
class IdentityProvider:
    """The running fake provider: ``person`` is who signs in at its authorize page."""

    base_url: str = ""
    person: dict = field(default_factory=dict)
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    kid: str = field(default_factory=lambda: secrets.token_hex(4))
    codes: dict[str, dict] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def sign_in_as(
        self, email: str, name: str, *, sub: str | None = None, verified: bool = True
    ) -> None:
        given, _, family = name.partition(" ")
        self.person = {
            "sub": sub or f"id-{email}",
            "email": email,
            "email_verified": verified,
            "name": name,
            "given_name": given,
            "family_name": family,
        }

    def settings(self, provider_id: str = "school", name: str = "School") -> dict:
        """``SOCIALACCOUNT_PROVIDERS`` with allauth's generic OpenID Connect provider
        pointed here."""
        return {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": provider_id,
                        "name": name,
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {"server_url": self.base_url},
                    }
                ]
            }
        }

    def id_token(self, claims: dict, nonce: str | None) -> str:
        now = int(time.time())
        payload = {
            **claims,
            "iss": self.base_url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
        }
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def discovery(self) -> dict:
        return {
            "issuer": self.base_url,
            "authorization_endpoint": f"{self.base_url}/authorize",
            "token_endpoint": f"{self.base_url}/token",
            "userinfo_endpoint": f"{self.base_url}/userinfo",
            "jwks_uri": f"{self.base_url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        }


def _handler(idp: IdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args) -> None:
            pass

        def _json(self, body: dict, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            idp.requests.append(f"GET {url.path}")
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(idp.discovery())
            elif url.path == "/jwks":
                self._json(idp.jwks())
            elif url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or not idp.person:
                    self._json({"error": "unauthorized_client"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                idp.codes[code] = {
                    "claims": dict(idp.person),
                    "nonce": query.get("nonce"),
                    "redirect_uri": query["redirect_uri"],
                }
                back = urlencode({"code": code, "state": query.get("state", "")})
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{back}")
                self.end_headers()
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in idp.tokens:
                    self._json({"error": "invalid_token"}, 401)
                    return
                self._json(idp.tokens[token])
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            idp.requests.append(f"POST {url.path}")
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            basic = b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            client_ok = (
                form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET
            ) or self.headers.get("Authorization") == f"Basic {basic}"
            grant = idp.codes.pop(form.get("code", ""), None)
            if url.path != "/token" or not client_ok or grant is None:
                self._json({"error": "invalid_grant"}, 400)
                return
            if form.get("redirect_uri") != grant["redirect_uri"]:
                self._json({"error": "invalid_grant"}, 400)
                return
            access = secrets.token_urlsafe(16)
            idp.tokens[access] = grant["claims"]
            self._json(
                {
                    "access_token": access,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": idp.id_token(grant["claims"], grant["nonce"]),
                }
            )

    return Handler


@contextmanager
def running_identity_provider() -> Iterator[IdentityProvider]:
    """Start the fake provider on a free local port; stop it when the block ends."""
    idp = IdentityProvider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(idp))
    idp.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield idp
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
