from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from kahui.core.email import email_context, enqueue_email, render_plain_text, render_subject


@dataclass(frozen=True)
class Site:
    """What allauth's templates call ``current_site``: Kāhui's name and address."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) are rendered like Kāhui's own
    and go through the task queue."""

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

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        enqueue_email(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html=html,
            from_email=message.from_email,
        )
