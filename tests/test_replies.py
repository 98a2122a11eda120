"""Replies by email: a reply to an email about a thread or a meeting's minutes posts
there once, as its sender, with the quote and signature removed, whether it came
through a provider's webhook or an IMAP mailbox; bad mail never posts."""

import base64
import json
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kahui.discussions import services as discussions
from kahui.discussions.models import Post
from kahui.groups.models import GroupMembership
from kahui.library.models import Resource
from kahui.meetings.models import Meeting
from kahui.notifications import scheduler
from kahui.notifications.models import Dispatch
from kahui.notifications.replyto import ReplyTarget, reply_address, reply_token
from kahui.replies import mailbox, receivers
from kahui.replies.models import InboundMail, Outcome, Reason, Via
from kahui.replies.services import inbound_receive
from tests import dovecot

DOMAIN = "reply.example.org"
SECRET = "hook:s3cret"
KAHUI = "Kāhui <kahui@kahui.example>"

# The new text of each reply, and the quote and signature its client adds below it.
STYLES = {
    "gmail-en": (
        "Thanks Aroha, I'll bring the reading log to the hui.",
        "\n\n-- \nMere Member\nKōwhai Primary\n\n"
        "On Mon, 7 Dec 2026 at 10:00, Kāhui <\nkahui@kahui.example> wrote:\n\n"
        "> Aroha Facilitator replied in “Reading logs”\n>\n> What do you use?\n",
    ),
    "gmail-nl": (
        "Goed idee, ik neem het leesdagboek mee.",
        "\n\nMet vriendelijke groet,\nMere\n\n"
        "Op ma 7 dec 2026 om 10:00 schreef Kāhui <kahui@kahui.example>:\n\n"
        "> Aroha Facilitator antwoordde in “Reading logs”\n",
    ),
    "outlook-en": (
        "See you Thursday, I'll bring the reading log.",
        "\n\nKind regards,\nMere Member\nTeacher, Kōwhai Primary\n\n"
        "________________________________\nFrom: Kāhui <kahui@kahui.example>\n"
        "Sent: Monday, December 7, 2026 10:00 AM\nTo: Mere Member <me@kowhai.example>\n"
        "Subject: Aroha Facilitator replied in “Reading logs”\n\nWhat do you use?\n",
    ),
    "outlook-nl": (
        "Tot donderdag, ik neem het leesdagboek mee.",
        "\n\nMet vriendelijke groet,\nMere Member\n\n"
        "________________________________\nVan: Kāhui <kahui@kahui.example>\n"
        "Verzonden: maandag 7 december 2026 10:00\nAan: Mere Member <me@kowhai.example>\n"
        "Onderwerp: Aroha Facilitator antwoordde in “Reading logs”\n\nWat gebruik jij?\n",
    ),
    "apple-en": (
        "Sounds good, I'll bring the reading log.",
        "\n\nSent from my iPhone\n\n"
        "> On 7 Dec 2026, at 10:00, Kāhui <kahui@kahui.example> wrote:\n>\n"
        "> What do you use?\n",
    ),
    "apple-nl": (
        "Prima, ik neem het leesdagboek mee.",
        "\n\nVerzonden vanaf mijn iPhone\n\n"
        "> Op 7 dec. 2026 om 10:00 heeft Kāhui <kahui@kahui.example> het volgende geschreven:\n"
        ">\n> Wat gebruik jij?\n",
    ),
}
HTML_ONLY = (
    "Kia ora, I agree with the plan.",
    '<div dir="ltr">Kia ora, I agree with the <b>plan</b>.<br><div class="gmail_signature">'
    "Mere Member<br>Kōwhai Primary</div></div><br>"
    '<div class="gmail_quote"><div class="gmail_attr">On Mon, 7 Dec 2026 at 10:00, Kāhui '
    "wrote:</div><blockquote>What do you use?</blockquote></div>",
)


@pytest.fixture
def replies_on(settings):
    settings.KAHUI_REPLY_DOMAIN = DOMAIN
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    return settings


@pytest.fixture
def thread(world):
    return discussions.thread_start(
        group=world.group,
        by=world.facilitator,
        kind="question",
        title="Reading logs",
        body="What do you use?",
    )


def an_email(
    *,
    to: str,
    sender: str = "Mere Member <me@kowhai.example>",
    text: str | None = "Thanks",
    html: str = "",
    headers: dict[str, str] | None = None,
    files: list[tuple[str, bytes, str]] = (),
    message_id: str = "",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"Kāhui <{to}>"
    message["Subject"] = "Re: Aroha Facilitator replied in “Reading logs”"
    message["Message-ID"] = message_id or make_msgid(domain="mail.example")
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
        if html:
            message.add_alternative(html, subtype="html")
    elif html:
        message.set_content(html, subtype="html")
    for name, content, kind in files:
        maintype, subtype = kind.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def address(user, target) -> str:
    return reply_address(user=user, target=target)


def through_webhook(client, raw: bytes):
    """Postmark posts the email, raw, with its basic authentication."""
    payload = {"RawEmail": raw.decode("utf-8", "surrogateescape"), "MessageID": "pm-1"}
    auth = base64.b64encode(SECRET.encode()).decode()
    return client.post(
        "/mail/inbound/postmark/inbound/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


@pytest.fixture(scope="module")
def imap_server():
    if not dovecot.available():
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd: make system-deps)")
    with dovecot.dovecot() as server:
        yield server


@pytest.fixture
def imap(imap_server, settings):
    settings.KAHUI_IMAP_HOST = imap_server.host
    settings.KAHUI_IMAP_PORT = imap_server.port
    settings.KAHUI_IMAP_SECURITY = "none"
    settings.KAHUI_IMAP_USER = imap_server.user
    settings.KAHUI_IMAP_PASSWORD = imap_server.password
    settings.KAHUI_IMAP_FOLDER = "INBOX"
    return imap_server


def through_imap(imap_server, raw: bytes) -> None:
    with mailbox._mailbox().login(imap_server.user, imap_server.password) as box:
        box.append(raw, "INBOX")
    call_command("fetch_mail")


def posts_by(user) -> list[Post]:
    return list(Post.objects.filter(author=user).order_by("created_at"))


# Outgoing: the reply address.


def test_emails_about_a_thread_carry_a_reply_address_signed_for_their_reader(
    replies_on, world, thread, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(thread=thread, by=world.member, body="Me too @ArohaFacilitator")
    (message,) = mail.outbox
    assert message.to == [world.facilitator.email]
    reply_to = message.extra_headers["Reply-To"]
    assert reply_to == address(world.facilitator, ReplyTarget("thread", thread.pk))
    assert reply_to.startswith("reply+")
    assert reply_to.endswith("@" + DOMAIN)
    assert len(reply_to.split("@")[0]) <= 64
    assert reply_to == reply_to.lower()
    assert "Reply to this email" in message.body


def test_without_a_reply_domain_emails_carry_no_reply_address(
    world, thread, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(thread=thread, by=world.member, body="Me too @ArohaFacilitator")
    (message,) = mail.outbox
    assert "Reply-To" not in message.extra_headers
    assert "Reply to this email" not in message.body


# Incoming: every quoting style, through both doors, makes exactly one post.


CASES = [*STYLES, "html-only", "attachment"]


def _case(name: str, to: str) -> tuple[bytes, str]:
    if name == "html-only":
        return an_email(to=to, text=None, html=HTML_ONLY[1]), HTML_ONLY[0]
    if name == "attachment":
        new, quote = STYLES["gmail-en"]
        raw = an_email(
            to=to, text=new + quote, files=[("reading-log.pdf", b"%PDF-1.4 log", "application/pdf")]
        )
        return raw, new
    new, quote = STYLES[name]
    html = f"<div>{new}</div><blockquote>quoted</blockquote>"
    return an_email(to=to, text=new + quote, html=html), new


def _check_one_post(world, thread, expected: str, name: str) -> None:
    (post,) = posts_by(world.member)
    assert post.thread == thread
    assert post.body.startswith(expected)
    for quoted in ("wrote", "schreef", "geschreven", "Van:", "From:", "What do you use", ">"):
        assert quoted not in post.body
    for signature in ("Kind regards", "Met vriendelijke groet", "iPhone", "Kōwhai Primary"):
        assert signature not in post.body
    if name == "attachment":
        resource = Resource.objects.get(group=world.group, file_name="reading-log.pdf")
        assert resource.added_by == world.member
        assert (
            f"/library/{resource.public_id}/" in post.body or str(resource.public_id) in post.body
        )
    entry = InboundMail.objects.get()
    assert entry.outcome == Outcome.POSTED
    assert entry.user == world.member


@pytest.mark.urls("tests.replies_urls")
@pytest.mark.parametrize("name", CASES)
def test_a_reply_through_the_webhook_posts_once_without_quote_or_signature(
    replies_on, client, world, thread, name
):
    raw, expected = _case(name, address(world.member, ReplyTarget("thread", thread.pk)))
    assert through_webhook(client, raw).status_code == 200
    assert through_webhook(client, raw).status_code == 200  # the provider retries
    _check_one_post(world, thread, expected, name)
    assert InboundMail.objects.get().via == Via.WEBHOOK


@pytest.mark.parametrize("name", CASES)
def test_a_reply_through_the_imap_mailbox_posts_once_without_quote_or_signature(
    replies_on, imap, world, thread, name
):
    raw, expected = _case(name, address(world.member, ReplyTarget("thread", thread.pk)))
    through_imap(imap, raw)
    through_imap(imap, raw)  # the same email again in the mailbox
    call_command("fetch_mail")  # and the mailbox read again
    _check_one_post(world, thread, expected, name)
    assert InboundMail.objects.get().via == Via.IMAP


@pytest.mark.urls("tests.replies_urls")
def test_the_webhook_refuses_requests_without_the_secret(replies_on, client, world, thread):
    raw = an_email(to=address(world.member, ReplyTarget("thread", thread.pk)))
    response = client.post(
        "/mail/inbound/postmark/inbound/",
        data=json.dumps({"RawEmail": raw.decode()}),
        content_type="application/json",
    )
    assert response.status_code in (400, 401, 403)
    assert not posts_by(world.member)
    assert not InboundMail.objects.exists()


def test_the_webhook_is_not_there_unless_configured(client):
    assert client.post("/mail/inbound/postmark/inbound/").status_code == 404


def test_a_reply_to_the_minutes_nudge_becomes_the_minutes(
    replies_on, world, django_capture_on_commit_callbacks, time_machine
):
    from tests.conftest import make_meeting

    meeting = make_meeting(world)
    Meeting.objects.filter(pk=meeting.pk).update(note_taker=world.member)
    time_machine.move_to(meeting.ends_at + timedelta(hours=3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick()
    (nudge,) = [m for m in mail.outbox if m.to == [world.member.email]]
    to = nudge.extra_headers["Reply-To"]
    assert to == address(world.member, ReplyTarget("minutes", meeting.pk))
    _new, quote = STYLES["outlook-en"]
    inbound_receive(
        raw=an_email(to=to, text="- Agreed reading logs\n- Next: Thursday" + quote), via=Via.WEBHOOK
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "- Agreed reading logs\n- Next: Thursday"
    assert meeting.minutes_version == 1


# Bad mail: no post, a log entry, and an explanation where someone can be told safely.


def explanations() -> list[Dispatch]:
    return list(Dispatch.objects.filter(key__startswith="inbound:"))


def test_an_unknown_reply_address_posts_nothing_and_tells_only_an_account_holder(
    replies_on, world, thread
):
    good = address(world.member, ReplyTarget("thread", thread.pk))
    local, _at, domain = good.partition("@")
    forged = f"{local[:-3]}{'bbb' if local.endswith('aaa') else 'aaa'}@{domain}"
    inbound_receive(raw=an_email(to=forged), via=Via.WEBHOOK)
    inbound_receive(raw=an_email(to=forged, sender="stranger@spam.example"), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    entries = list(InboundMail.objects.order_by("id"))
    assert [e.reason for e in entries] == [Reason.BAD_TOKEN, Reason.BAD_TOKEN]
    assert [e.outcome for e in entries] == [Outcome.REFUSED, Outcome.IGNORED]
    (told,) = explanations()
    assert told.email == world.member.email
    assert told.headers["Auto-Submitted"] == "auto-replied"
    assert "not one Kāhui knows" in told.body


def test_a_reply_from_another_address_posts_nothing_and_tells_the_person(replies_on, world, thread):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    inbound_receive(raw=an_email(to=to, sender="someone@else.example"), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    entry = InboundMail.objects.get()
    assert (entry.reason, entry.outcome) == (Reason.WRONG_SENDER, Outcome.REFUSED)
    (told,) = explanations()
    assert told.email == world.member.email
    assert "someone@else.example" in told.body


def test_an_expired_reply_address_posts_nothing(replies_on, world, thread):
    token = reply_token(
        user_id=world.member.pk,
        target=ReplyTarget("thread", thread.pk),
        today=timezone.now().date() - timedelta(days=replies_on.KAHUI_REPLY_DAYS + 1),
    )
    inbound_receive(raw=an_email(to=f"reply+{token}@{DOMAIN}"), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    assert InboundMail.objects.get().reason == Reason.EXPIRED
    (told,) = explanations()
    assert "60 days" in told.body


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Precedence": "bulk"},
        {"X-Auto-Response-Suppress": "OOF"},
    ],
)
def test_automatic_replies_are_ignored_and_never_answered(replies_on, world, thread, headers):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    inbound_receive(
        raw=an_email(to=to, text="I am out of the office.", headers=headers), via=Via.IMAP
    )
    assert not posts_by(world.member)
    entry = InboundMail.objects.get()
    assert (entry.reason, entry.outcome) == (Reason.AUTO_REPLY, Outcome.IGNORED)
    assert not explanations()


def test_an_empty_reply_posts_nothing_and_says_why(replies_on, world, thread):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    inbound_receive(raw=an_email(to=to, text=STYLES["gmail-en"][1]), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    assert InboundMail.objects.get().reason == Reason.EMPTY
    assert "nothing was left" in explanations()[0].body


def test_a_too_large_reply_posts_nothing_and_says_why(replies_on, world, thread):
    replies_on.KAHUI_INBOUND_MAX_MB = 1
    to = address(world.member, ReplyTarget("thread", thread.pk))
    big = [("big.pdf", b"x" * 1_100_000, "application/pdf")]
    inbound_receive(raw=an_email(to=to, text="See attached", files=big), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    assert not Resource.objects.exists()
    assert InboundMail.objects.get().reason == Reason.TOO_LARGE
    assert "larger than 1 MB" in explanations()[0].body


def test_a_person_who_left_the_group_cannot_post_by_email(replies_on, world, thread):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    GroupMembership.objects.filter(group=world.group, user=world.member).delete()
    inbound_receive(raw=an_email(to=to, text="Still here?"), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    assert InboundMail.objects.get().reason == Reason.NOT_ALLOWED
    assert "cannot post there" in explanations()[0].body


@pytest.mark.parametrize("change", ["lock", "hide"])
def test_a_locked_or_hidden_thread_takes_no_reply_by_email(replies_on, world, thread, change):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    flag = {"locked": True} if change == "lock" else {"hidden": True, "reason": "Off topic"}
    discussions.moderate(thread=thread, by=world.facilitator, **flag)
    inbound_receive(raw=an_email(to=to, text="But wait"), via=Via.WEBHOOK)
    assert not posts_by(world.member)
    assert InboundMail.objects.get().reason == Reason.NOT_ALLOWED


def test_a_reply_to_a_thread_that_was_deleted_posts_nothing(replies_on, world, thread):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    thread.delete()
    inbound_receive(raw=an_email(to=to, text="Hello?"), via=Via.WEBHOOK)
    assert InboundMail.objects.get().reason == Reason.GONE
    assert not Post.objects.filter(author=world.member).exists()


def test_an_email_to_no_reply_address_is_logged_and_ignored(replies_on, world):
    inbound_receive(raw=an_email(to="someone@" + DOMAIN), via=Via.IMAP)
    entry = InboundMail.objects.get()
    assert (entry.reason, entry.outcome) == (Reason.NO_ADDRESS, Outcome.IGNORED)
    assert not explanations()


def test_a_file_the_library_refuses_is_left_out_and_the_sender_told(replies_on, world, thread):
    to = address(world.member, ReplyTarget("thread", thread.pk))
    files = [("page.html", b"<script>x</script>", "text/html")]
    inbound_receive(raw=an_email(to=to, text="Here it is", files=files), via=Via.WEBHOOK)
    (post,) = posts_by(world.member)
    assert post.body == "Here it is"
    assert not Resource.objects.exists()
    (told,) = explanations()
    assert "page.html" in told.body
    assert "were not attached" in told.body


def test_the_log_is_in_the_operators_admin(admin_client, replies_on, world, thread):
    inbound_receive(raw=an_email(to="someone@" + DOMAIN), via=Via.IMAP)
    response = admin_client.get(reverse("admin:replies_inboundmail_changelist"))
    assert response.status_code == 200
    assert "Not sent to a reply address" in response.text


def test_the_scheduler_reads_the_mailbox_when_it_is_configured(replies_on, imap, world, thread):
    raw = an_email(to=address(world.member, ReplyTarget("thread", thread.pk)), text="Ka pai")
    with mailbox._mailbox().login(imap.user, imap.password) as box:
        box.append(raw, "INBOX")
    report = scheduler.TickReport()
    receivers.fetch_mail_job(datetime(2026, 12, 7, tzinfo=ZoneInfo("UTC")), report)
    assert report.done["emails received"] == 1
    assert [p.body for p in posts_by(world.member)] == ["Ka pai"]
