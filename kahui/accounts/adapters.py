from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import uuid4

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from kahui.accounts.forms import SignupDetailsForm
from kahui.core.email import email_context, render_plain_text, render_subject
from kahui.notifications.services import queue_message
from kahui.orgs.services import org_join_by_domain


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

    def post_login(self, request, user, *, signal_kwargs=None, signup=False, **kwargs):
        """Signing in with a school account (SSO) to an existing account joins the
        organisation its domain is tied to, like a first sign-in does; a password
        sign-in does not (docs/SSO.md, "Existing accounts")."""
        response = super().post_login(
            request, user, signal_kwargs=signal_kwargs, signup=signup, **kwargs
        )
        sociallogin = (signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and not signup:
            join_by_school_account(user, sociallogin)
        return response

    def confirm_email(self, request, email_address) -> bool:
        """Verifying the address one signed up with joins the organisation its domain
        is tied to (:func:`kahui.orgs.services.org_join_by_domain`)."""
        confirmed = super().confirm_email(request, email_address)
        user = email_address.user
        if confirmed and email_address.email.lower() == user.email.lower():
            org_join_by_domain(user=user, email=email_address.email)
        return confirmed


def join_by_school_account(user, sociallogin) -> None:
    """An existing account signed in with a school account: each address the provider
    vouches for now (verified) and the account holds verified joins the organisation
    its domain is tied to, keeping the account's own language."""
    for address in sociallogin.email_addresses:
        if address.verified and address.email:
            org_join_by_domain(user=user, email=address.email, existing=True)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign in with a school account (docs/SSO.md). Providers come from settings only;
    a first sign-in makes the educator's profile and joins the organisation its
    address's domain is tied to."""

    def list_apps(self, request, provider=None, client_id=None):
        # Database rows (Django's admin could add some) never turn a provider on: the
        # environment variables alone do, so "not configured" means off.
        return [
            app
            for app in super().list_apps(request, provider=provider, client_id=client_id)
            if app.pk is None
        ]

    def get_app(self, request, provider, client_id=None):
        # A provider that is not configured has no page: its addresses answer 404.
        from allauth.socialaccount.models import SocialApp

        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404("This sign-in provider is not configured.") from None

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        if form is not None:
            form_data = form.cleaned_data
            display_name, role = form_data.get("display_name", ""), form_data.get("role")
        else:
            display_name = " ".join(filter(None, [user.first_name, user.last_name]))
            role = None
        SignupDetailsForm.ensure_profile(
            request, user, display_name=display_name.strip(), role=role
        )
        org_join_by_domain(user=user, email=user.email)
        return user
