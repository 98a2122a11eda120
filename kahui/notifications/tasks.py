"""Sending queued emails, exactly once, with retries and back-off."""

import contextlib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.tasks.exceptions import InvalidTask
from django.utils import timezone
from icalendar import Calendar

from kahui.notifications.models import Dispatch
from kahui.notifications.timing import quiet_until

MAX_ATTEMPTS = 5


def _later(dispatch_id: int, when) -> None:
    """Queue another try at ``when``. Backends that cannot defer skip it: the
    scheduler's sweep re-queues unsent emails anyway."""
    with contextlib.suppress(InvalidTask):
        send_dispatch.using(run_after=when).enqueue(dispatch_id=dispatch_id)


@task()
def send_dispatch(*, dispatch_id: int) -> str:
    """Send one queued email unless it went out already; wait out quiet hours;
    retry a failure with back-off (1, 2, 4, 8 minutes), then give up visibly."""
    with transaction.atomic():
        dispatch = (
            Dispatch.objects.select_for_update(of=("self",))
            .select_related("user__profile")
            .filter(pk=dispatch_id)
            .first()
        )
        if dispatch is None or dispatch.sent_at is not None or dispatch.failed_at is not None:
            return "nothing to do"
        wake = quiet_until(dispatch.user, timezone.now()) if dispatch.user_id else None
        if wake is not None:
            transaction.on_commit(lambda: _later(dispatch_id, wake))
            return "deferred until quiet hours end"
        dispatch.attempts += 1
        message = EmailMultiAlternatives(
            subject=dispatch.subject,
            body=dispatch.body,
            to=[dispatch.recipient],
            headers=dispatch.headers,
        )
        if dispatch.html:
            message.attach_alternative(dispatch.html, "text/html")
        if dispatch.calendar:
            # iMIP (RFC 6047): the invitation as an alternative that mail clients act on,
            # and as a file for those that only offer attachments.
            method = calendar_method(dispatch.calendar)
            message.attach_alternative(dispatch.calendar, f"text/calendar; method={method}")
            message.attach("invite.ics", dispatch.calendar, "application/ics")
        try:
            message.send()
        except Exception as error:
            dispatch.last_error = f"{type(error).__name__}: {error}"[:2000]
            if dispatch.attempts >= MAX_ATTEMPTS:
                dispatch.failed_at = timezone.now()
            else:
                delay = timedelta(minutes=2 ** (dispatch.attempts - 1))
                transaction.on_commit(lambda: _later(dispatch_id, timezone.now() + delay))
            dispatch.save(update_fields=["attempts", "last_error", "failed_at"])
            return "failed"
        dispatch.sent_at = timezone.now()
        dispatch.save(update_fields=["attempts", "sent_at"])
        return "sent"


def calendar_method(ics: str) -> str:
    """The METHOD of an iCalendar text (REQUEST, CANCEL…), for its MIME type."""
    return str(Calendar.from_ical(ics).get("method", "PUBLISH")).upper()
