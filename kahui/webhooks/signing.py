"""Signing a delivery the Standard Webhooks way (https://www.standardwebhooks.com/):
``webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`` with the
endpoint's secret (``whsec_<base64 key>``)."""

import base64
import hashlib
import hmac


def secret_key(secret: str) -> bytes:
    """The HMAC key a ``whsec_…`` secret stands for."""
    return base64.b64decode(secret.removeprefix("whsec_"))


def signature(*, secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header of ``body``."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(*, secret: str, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one POST."""
    return {
        "Content-Type": "application/json",
        "User-Agent": "Kahui-Webhooks/1",
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=secret, webhook_id=webhook_id, timestamp=timestamp, body=body
        ),
    }
