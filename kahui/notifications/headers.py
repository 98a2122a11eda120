"""The headers mail systems read on Kāhui's emails.

- ``Message-ID`` on the site's own domain, fixed when the email is queued, so a retried
  send is the same message to the receiving side.
- ``Auto-Submitted: auto-generated`` (RFC 3834), so out-of-office replies do not loop.
- ``List-Id`` per group (RFC 2919), so mail clients can filter by group.
- ``In-Reply-To`` and ``References`` naming the page an email is about (a thread, a
  meeting, a poll), so every email about it threads together in mail clients.
- ``List-Unsubscribe`` with ``List-Unsubscribe-Post`` (RFC 2369, RFC 8058): one-click
  unsubscribe. Python's email package writes a long unstructured header as RFC 2047
  encoded-words, which this structured header does not allow and which makes providers
  ignore it; :class:`ListUrlHeader` keeps it plain ASCII.
"""

import hashlib
import re
from email.headerregistry import UnstructuredHeader
from email.policy import default as default_policy
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

# Header lines may be up to 998 characters (RFC 5322 section 2.1.1).
MAX_LINE = 998


class ListUrlHeader(UnstructuredHeader):
    """A header of ``<URL>``s (RFC 2369): folded only between its URLs, never encoded."""

    max_count = 1

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        if not value.isascii():
            raise ValueError(f"{kwds.get('name', 'List header')} must be ASCII: {value!r}")
        super().parse(value, kwds)

    def fold(self, *, policy: Any) -> str:
        limit = policy.max_line_length or MAX_LINE
        urls = [part.strip() for part in str(self).split(",") if part.strip()]
        lines = [f"{self.name}: {urls[0] if urls else ''}"]
        for url in urls[1:]:
            lines[-1] += ","
            if len(lines[-1]) + 1 + len(url) <= limit:
                lines[-1] += " " + url
            else:
                lines.append(" " + url)
        if any(len(line) > MAX_LINE for line in lines):
            raise ValueError(f"{self.name} has a line longer than {MAX_LINE} characters.")
        return policy.linesep.join(lines) + policy.linesep


class MessageIdsHeader(UnstructuredHeader):
    """``In-Reply-To`` and ``References``: ``<id>``s, folded only between them, never
    encoded. A thread's reference is longer than a folded line may be, and the email
    package would otherwise write it as RFC 2047 encoded-words, which mail clients do not
    decode in these headers, so the emails would no longer thread."""

    max_count = 1

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        if not value.isascii():
            raise ValueError(f"{kwds.get('name', 'Message-ID list')} must be ASCII: {value!r}")
        super().parse(value, kwds)

    def fold(self, *, policy: Any) -> str:
        limit = policy.max_line_length or MAX_LINE
        ids = str(self).split()
        lines = [f"{self.name}: {ids[0] if ids else ''}"]
        for one in ids[1:]:
            if len(lines[-1]) + 1 + len(one) <= limit:
                lines[-1] += " " + one
            else:
                lines.append(" " + one)
        if any(len(line) > MAX_LINE for line in lines):
            raise ValueError(f"{self.name} has a line longer than {MAX_LINE} characters.")
        return policy.linesep.join(lines) + policy.linesep


def install() -> None:
    """Teach the email package's shared header registry (used by every policy, SMTP
    included) to write the list URL and message id headers as plain ASCII."""
    registry = default_policy.header_factory
    registry.map_to_type("list-unsubscribe", ListUrlHeader)
    registry.map_to_type("in-reply-to", MessageIdsHeader)
    registry.map_to_type("references", MessageIdsHeader)


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(key: str) -> str:
    """A Message-ID on the site's domain that is the same for the same queued email."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<{digest}.mail@{site_domain()}>"


def thread_reference(url: str) -> str:
    """The Message-ID of the page an email is about: the address without its fragment
    or query, so every email about one thread, meeting or poll names the same root."""
    path = urlsplit(url).path.strip("/") if url else ""
    if not path:
        return ""
    slug = re.sub(r"[^A-Za-z0-9-]+", ".", path).strip(".")
    return f"<{slug}@{site_domain()}>"


def list_id(*, name: str, public_id: Any) -> str:
    """``List-Id: Group name <GROUPID.groups.DOMAIN>`` (RFC 2919). The name keeps its
    letters and digits (any script: the email package encodes what is not ASCII)."""
    phrase = " ".join(re.sub(r"[^\w\s-]", " ", name).split())
    return f"{phrase} <{str(public_id).replace('-', '')}.groups.{site_domain()}>"


def standard(*, key: str, url: str = "", group: Any = None) -> dict[str, str]:
    """The headers every email of Kāhui carries, and the list and thread ones when the
    email is about a group or a page."""
    headers = {"Message-ID": message_id(key), "Auto-Submitted": "auto-generated"}
    reference = thread_reference(url)
    if reference:
        headers["In-Reply-To"] = reference
        headers["References"] = reference
    if group is not None:
        headers["List-Id"] = list_id(name=group.name, public_id=group.public_id)
    return headers
