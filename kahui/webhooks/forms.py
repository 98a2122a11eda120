from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kahui.webhooks.models import EventType
from kahui.webhooks.sending import is_local_host, local_allowed


def check_address(url: str) -> str:
    """An https address with a host name and no password in it; plain http only to
    this machine, in development and tests."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(_("Leave the user name and password out of the address."))
    if parts.fragment:
        raise ValidationError(_("Leave the part after “#” out of the address."))
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and local_allowed() and is_local_host(parts.hostname or ""):
        return url
    raise ValidationError(_("Enter an address that starts with https://."))


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Kāhui POSTs each event here as JSON, signed with the endpoint's secret."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What receives the events, for the other administrators."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )

    def clean_url(self) -> str:
        return check_address(self.cleaned_data["url"])


class EndpointEditForm(EndpointForm):
    enabled = forms.BooleanField(
        label=_("Send events to this endpoint"),
        required=False,
        help_text=_("Switching it back on starts its count of failed deliveries afresh."),
    )
