"""Allauth's sign-in and sign-up forms, refusing passwords for addresses whose
organisation requires sign-in with a school account (docs/SSO.md).

They live apart from :mod:`kahui.accounts.forms` because allauth builds its sign-up
form on ``SignupDetailsForm`` from there."""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.orgs.services import sso_required_for

SSO_REQUIRED = _(
    "Your organisation signs you in with your school account. Use the “Sign in with …” "
    "button below, not a password."
)


class LoginForm(allauth_forms.LoginForm):
    def clean(self):
        if sso_required_for(self.cleaned_data.get("login", "")):
            raise forms.ValidationError(SSO_REQUIRED, code="sso_required")
        return super().clean()


class SignupForm(allauth_forms.SignupForm):
    def clean_email(self) -> str:
        email = super().clean_email()
        if sso_required_for(email):
            raise forms.ValidationError(SSO_REQUIRED, code="sso_required")
        return email
