from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import uuid4

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from kahui.core.email import email_context, render_plain_text, render_subject
from kahui.notifications.services import queue_message


@dataclass(frozen=True)
class Site:
    """What allauth's templates call ``current_site``: Kāhui's name and address."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) are rendered like Kāhui's own
    and sent exactly once through the task queue, like every other email."""

    def render_mail(self, template_prefix, email, context, headers=None):
        """Subject and plain text without HTML escaping (a name such as "O'Brien & Co"
        arrives as written), HTML escaped as usual."""
        to = [email] if isinstance(email, str) else list(email)
        context = email_context(
            {
                "current_site": Site(settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc),
                "email": to[0],
                **context,
            }
        )
        subject = render_subject(f"{template_prefix}_subject.txt", context)
        body = render_plain_text(f"{template_prefix}_message.txt", context).strip()
        message = EmailMultiAlternatives(subject, body, self.get_from_email(), to, headers=headers)
        try:
            html = render_to_string(
                f"{template_prefix}_message.html", context, allauth_context.request
            )
        except TemplateDoesNotExist:
            pass
        else:
            message.attach_alternative(html.strip(), "text/html")
        return message

    def add_message(self, request, *args, **kwargs):
        """A message shown after signing in ("Successfully signed in as …") speaks the
        account's language, which the next page will be in, not the language the sign-in
        form happened to be shown in."""
        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        language = profile.language if profile is not None else None
        if language not in dict(settings.LANGUAGES):
            return super().add_message(request, *args, **kwargs)
        with translation.override(language):
            return super().add_message(request, *args, **kwargs)

    def send_mail(self, template_prefix, email, context):
        """Queue the message as a :class:`~kahui.notifications.models.Dispatch`, like
        every other email: sent once, retried when the mail server fails. Each call is
        one email asked for (a second verification link is a new email), so its key
        is new each time."""
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        name = template_prefix.rsplit("/", 1)[-1]
        for address in message.to:
            queue_message(
                key=f"account:{name}:{uuid4().hex}",
                email=address,
                subject=message.subject,
                body=message.body,
                html=html,
            )
