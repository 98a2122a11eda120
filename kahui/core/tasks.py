"""Background tasks of the core app, run by ``kahui worker``."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def deliver_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one email that was rendered in the web request.

    New emails are :class:`~kahui.notifications.models.Dispatch` rows sent by
    ``send_dispatch``; this stays so that emails queued before an upgrade still go."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, from_email=from_email, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
