"""Telling people what happened: in-app notifications, and email sent straight away,
in a digest, or not at all, as each person prefers (with quiet hours).

Every email that must go out exactly once is a :class:`Dispatch` with an idempotency
key; the worker task :func:`~kahui.notifications.tasks.send_dispatch` sends it and
marks it sent under a row lock, so a second scheduler or a retried task never sends it
twice."""

import base64
from collections.abc import Iterable
from datetime import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from kahui.core.email import emails_are_muted, language_for, render_templated_email
from kahui.notifications import headers as mail_headers
from kahui.notifications.models import (
    DEFAULT_DELIVERY,
    Category,
    Delivery,
    Dispatch,
    Notification,
    Preference,
    QuietHours,
)
from kahui.notifications.replyto import ReplyTarget, reply_address
from kahui.notifications.tasks import send_dispatch

UNSUBSCRIBE_SALT = "kahui.notifications.unsubscribe"


def delivery_for(user, category: str) -> str:
    chosen = (
        Preference.objects.filter(user=user, category=category)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or DEFAULT_DELIVERY[Category(category)]


def deliveries_for(user) -> dict[str, str]:
    """How ``user`` wants each category delivered, in one query."""
    chosen = dict(Preference.objects.filter(user=user).values_list("category", "delivery"))
    return {c.value: chosen.get(c.value) or DEFAULT_DELIVERY[c] for c in Category}


def unsubscribe_token(user, category: str) -> str:
    """A short signed token, ``<user id>.<category>.<MAC>``: short enough that the
    one-click header fits one line as plain ASCII."""
    return f"{user.pk}.{category}.{_unsubscribe_mac(user.pk, category)}"


def _unsubscribe_mac(user_id: int, category: str) -> str:
    digest = salted_hmac(UNSUBSCRIBE_SALT, f"{user_id}.{category}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """The user id and category in a token; raises signing.BadSignature. Tokens of
    the longer form that emails carried before still work."""
    user_id, dot, rest = token.partition(".")
    category, dot2, mac = rest.rpartition(".")
    if dot and dot2 and user_id.isdigit() and ":" not in token:
        if category not in Category.values or not constant_time_compare(
            mac, _unsubscribe_mac(int(user_id), category)
        ):
            raise signing.BadSignature("bad unsubscribe token")
        return int(user_id), category
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("c") not in Category.values:
        raise signing.BadSignature("unknown category")
    return int(data["u"]), data["c"]


def unsubscribe_url(user, category: str) -> str:
    return settings.SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user, category)]
    )


def _language(user) -> str | None:
    return getattr(getattr(user, "profile", None), "language", None)


def queue_message(
    *,
    key: str,
    subject: str,
    body: str,
    html: str = "",
    user=None,
    email: str = "",
    category: str = "",
    headers: dict[str, str] | None = None,
    url: str = "",
    group=None,
    calendar: str = "",
) -> Dispatch | None:
    """Queue an already rendered email under ``key``, to ``user`` or to the bare
    address ``email``; ``None`` when it was queued before or emails are muted.

    It carries a Message-ID fixed now and ``Auto-Submitted``; an email about a page
    (``url``) threads with the others about it, one about a group (``group``) carries
    the group's ``List-Id`` (see :mod:`kahui.notifications.headers`). ``calendar`` is an
    iCalendar invitation (with its METHOD) that mail clients offer to add to a calendar.

    Safe to call twice at once: the unique key lets one insert win."""
    if emails_are_muted():
        return None
    headers = {**mail_headers.standard(key=key[:200], url=url, group=group), **(headers or {})}
    try:
        with transaction.atomic():
            dispatch = Dispatch.objects.create(
                key=key[:200],
                user=user,
                email="" if user is not None else email,
                category=category,
                subject=subject[:300],
                body=body,
                html=html,
                headers=headers,
                calendar=calendar,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: send_dispatch.enqueue(dispatch_id=dispatch.pk))
    return dispatch


def queue_email(
    *,
    key: str,
    template: str,
    context: dict[str, Any],
    user=None,
    email: str = "",
    category: str = "",
    url: str = "",
    group=None,
    calendar: str = "",
    reply_to: ReplyTarget | None = None,
) -> Dispatch | None:
    """Render ``email/<template>…`` and queue it under ``key``; ``None`` when it was
    queued before or emails are muted (demo data must not queue mail to the demo
    addresses).

    To a person (``user``), it is written in their language and carries a one-click
    unsubscribe link for ``category``. To a bare address (``email``: someone invited
    who has no account yet, a meeting guest), it is written in the language of the
    account with that address, if there is one, and has no unsubscribe link: nothing
    is sent there unless someone asks for it.

    ``reply_to`` names what a reply to the email posts to (a thread, a meeting's
    minutes): when replies by email are configured, the email to a person carries a
    ``Reply-To`` address signed for them and that target (:mod:`.replyto`), and its
    template learns ``reply_by_email``."""
    if emails_are_muted():
        return None
    if user is None and not email:
        raise ValueError("An email needs a user or an address.")
    if Dispatch.objects.filter(key=key[:200]).exists():
        return None  # queued before: no need to render it again

    headers: dict[str, str] = {}
    if user is not None:
        link = unsubscribe_url(user, category)
        context = {
            **context,
            "user": user,
            "unsubscribe_url": link,
            "category_label": Category(category).label,
        }
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        address = reply_address(user=user, target=reply_to) if reply_to else ""
        if address:
            headers["Reply-To"] = address
            context = {**context, "reply_by_email": True}
        language = _language(user)
    else:
        language = language_for(email)
    subject, body, html = render_templated_email(
        template=template, context=context, language=language
    )
    return queue_message(
        key=key,
        subject=subject,
        body=body,
        html=html,
        user=user,
        email=email,
        category=category,
        headers=headers,
        url=url,
        group=group,
        calendar=calendar,
    )


def notify(
    *,
    users: Iterable[Any],  # people: notifications sit below the accounts app
    category: str,
    title: str,
    url: str = "",
    group=None,
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
    key: str = "",
    reply_to: ReplyTarget | None = None,
) -> list[Notification]:
    """Put a notification in each person's bell and email those who want it now.

    Those who chose a digest get it in their next digest; those who chose "off" only
    see the bell. ``reply_to``: what a reply to the email posts to (see
    :func:`queue_email`)."""
    users = list(users)
    notes = Notification.objects.bulk_create(
        Notification(user=user, category=category, title=title[:300], url=url, group=group)
        for user in users
    )
    if email_template is None or emails_are_muted():
        return notes
    for user, note in zip(users, notes, strict=True):
        if delivery_for(user, category) != Delivery.IMMEDIATE:
            continue
        queue_email(
            key=f"{key or 'note:' + str(note.public_id)}:{user.pk}",
            user=user,
            category=category,
            template=email_template,
            context={**(context or {}), "notification": note},
            url=url,
            group=group,
            reply_to=reply_to,
        )
        note.emailed_at = timezone.now()
    Notification.objects.bulk_update([note for note in notes if note.emailed_at], ["emailed_at"])
    return notes


@transaction.atomic
def preferences_save(
    *, user, choices: dict[str, str], quiet_start: time | None, quiet_end: time | None
) -> None:
    for category, delivery in choices.items():
        Preference.objects.update_or_create(
            user=user, category=category, defaults={"delivery": delivery}
        )
    QuietHours.objects.update_or_create(
        user=user, defaults={"starts": quiet_start, "ends": quiet_end}
    )


@transaction.atomic
def unsubscribe(*, user_id: int, category: str) -> None:
    Preference.objects.update_or_create(
        user_id=user_id, category=category, defaults={"delivery": Delivery.OFF}
    )


def mark_read(*, user, notification: Notification | None = None) -> int:
    notes = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification is not None:
        notes = notes.filter(pk=notification.pk)
    return notes.update(read_at=timezone.now())
