"""A real SMTP conversation: an email Kāhui queues goes through Django's SMTP backend
to an aiosmtpd server this test starts, and the bytes the server receives carry every
header mail systems read, as plain ASCII where the standards ask for it."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from kahui.discussions import services as discussions
from kahui.notifications.replyto import ReplyTarget, reply_address

pytestmark = pytest.mark.django_db


class Collector:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    collector = Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
            }
        }
        yield collector
    finally:
        controller.stop()


def test_a_mention_email_crosses_a_real_smtp_conversation_with_its_headers_intact(
    smtp_server, settings, world, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kahui.example.org"
    settings.KAHUI_REPLY_DOMAIN = "reply.kahui.example.org"
    thread = discussions.thread_start(
        group=world.group, by=world.member, kind="idea", title="Kōrero about reading", body="Hi"
    )
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(
            thread=thread, by=world.member, body="What do you think, @ArohaFacilitator?"
        )
    assert mail.outbox == []  # it went over the wire, not to the test outbox
    ((_mail_from, rcpt_tos, raw),) = smtp_server.received
    assert rcpt_tos == [world.facilitator.email]
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    lines = head.decode("ascii").replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines if ": " in line)
    unsubscribe = headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://kahui.example.org/unsubscribe/")
    assert "=?" not in unsubscribe
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["Message-ID"].endswith("@kahui.example.org>")
    assert headers["List-Id"].endswith(f"<{world.group.public_id.hex}.groups.kahui.example.org>")
    path = f"groups.{world.group.public_id}.discussions.{thread.public_id}"
    assert headers["In-Reply-To"] == headers["References"] == f"<{path}@kahui.example.org>"
    assert headers["Reply-To"] == reply_address(
        user=world.facilitator, target=ReplyTarget("thread", thread.pk)
    )
    for line in lines:
        assert len(line) <= 998
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert "What do you think" in parsed.get_body(preferencelist=("plain",)).get_content()
