from allauth.account.adapter import DefaultAccountAdapter

from kahui.core.email import enqueue_email


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) go through the task queue."""

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
