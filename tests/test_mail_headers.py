"""The headers mail systems read, checked on the raw bytes that go to the mail server."""

import email
import email.policy
from email.message import EmailMessage

import pytest
from django.core import mail, signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from kahui.notifications import headers, services
from kahui.notifications.models import Delivery


def raw(message: EmailMultiAlternatives) -> str:
    """The bytes the SMTP backend hands to the server."""
    return message.message(policy=email.policy.SMTP).as_bytes().decode("ascii")


def header_block(text: str) -> str:
    """The header lines, unfolded."""
    return text.split("\r\n\r\n", 1)[0].replace("\r\n ", " ")


def sent(world, django_capture_on_commit_callbacks, **kwargs) -> EmailMultiAlternatives:
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            users=[world.member],
            category="mentions",
            title="Aroha mentioned you",
            email_template="coaching_update",
            context={"title": "Aroha mentioned you", "url": "/"},
            **kwargs,
        )
    (message,) = mail.outbox
    return message


@pytest.mark.parametrize(
    "site", ["https://kahui.example.org", "https://professional-learning.kahui.school.example.nz"]
)
def test_one_click_unsubscribe_is_plain_ascii_never_encoded_words(
    world, django_capture_on_commit_callbacks, settings, site
):
    settings.SITE_URL = site
    message = sent(world, django_capture_on_commit_callbacks)
    block = header_block(raw(message))
    assert "=?utf-8?" not in block.split("List-Unsubscribe:", 1)[1].split("\r\n")[0]
    line = next(ln for ln in block.split("\r\n") if ln.startswith("List-Unsubscribe:"))
    url = line.removeprefix("List-Unsubscribe: <").removesuffix(">")
    assert url.startswith(f"{site}/unsubscribe/")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in block
    token = url.removeprefix(f"{site}/unsubscribe/").rstrip("/")
    assert services.read_unsubscribe_token(token) == (world.member.pk, "mentions")


def test_the_long_header_class_folds_between_urls_without_encoding():
    message = EmailMessage(policy=email.policy.SMTP)
    long_url = "https://kahui.example.org/unsubscribe/" + "a" * 90 + "/"
    message["List-Unsubscribe"] = f"<{long_url}>, <mailto:leave@kahui.example.org>"
    text = message.as_bytes().decode("ascii")
    assert f"List-Unsubscribe: <{long_url}>,\r\n <mailto:leave@kahui.example.org>" in text
    assert "=?" not in text
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["List-Unsubscribe"].replace("\r\n", "").startswith(f"<{long_url}>")


def test_emails_carry_a_message_id_on_the_site_domain_and_auto_submitted(
    world, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://kahui.example.org"
    message = sent(world, django_capture_on_commit_callbacks)
    block = header_block(raw(message))
    assert "Auto-Submitted: auto-generated" in block
    message_id = next(ln for ln in block.split("\r\n") if ln.startswith("Message-ID:"))
    assert message_id.endswith("@kahui.example.org>")


def test_emails_about_one_page_thread_together_and_carry_the_group_list_id(
    world, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://kahui.example.org"
    page = f"/groups/{world.group.public_id}/discussions/7/"
    first = sent(world, django_capture_on_commit_callbacks, url=page + "#post-1", group=world.group)
    mail.outbox.clear()
    second = sent(world, django_capture_on_commit_callbacks, url=page + "?page=2#post-9")
    one, two = header_block(raw(first)), header_block(raw(second))
    reference = headers.thread_reference(page)
    assert reference.endswith("@kahui.example.org>")
    for block in (one, two):
        assert f"In-Reply-To: {reference}" in block
        assert f"References: {reference}" in block
    assert first.extra_headers["Message-ID"] != second.extra_headers["Message-ID"]
    list_id = world.group.public_id.hex + ".groups.kahui.example.org>"
    assert list_id in one
    assert "List-Id" not in two


def test_list_id_keeps_the_name_readable_and_the_id_plain(settings):
    settings.SITE_URL = "https://kahui.example.org"

    class Group:
        name = "Maths: talk (Years 5–6), Kāhui"
        public_id = "0f1e2d3c-0000-4000-8000-000000000001"

    value = headers.list_id(name=Group.name, public_id=Group.public_id)
    assert value.endswith(f"<0f1e2d3c000040008000000000000001.groups.{headers.site_domain()}>")
    phrase = value.split(" <")[0]
    assert phrase == "Maths talk Years 5 6 Kāhui"
    message = EmailMessage(policy=email.policy.SMTP)
    message["List-Id"] = value
    text = message.as_bytes().decode("ascii")
    assert "<0f1e2d3c000040008000000000000001.groups." in text  # the id is never encoded


def test_unsubscribe_tokens_are_short_signed_and_old_links_still_work(client, world):
    token = services.unsubscribe_token(world.member, "polls")
    assert len(token) < 40
    forged = f"{world.facilitator.pk}.polls.{token.rsplit('.', 1)[1]}"
    with pytest.raises(signing.BadSignature):
        services.read_unsubscribe_token(forged)
    with pytest.raises(signing.BadSignature):
        services.read_unsubscribe_token(token.replace("polls", "digest"))
    old = signing.dumps({"u": world.member.pk, "c": "polls"}, salt=services.UNSUBSCRIBE_SALT)
    url = reverse("notifications:unsubscribe", args=[old])
    assert client.post(url).status_code == 200
    assert services.delivery_for(world.member, "polls") == Delivery.OFF
