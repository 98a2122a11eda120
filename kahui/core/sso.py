"""Sign in with a school account: which providers are configured (docs/SSO.md).

Settings alone turn a provider on (``SOCIALACCOUNT_PROVIDERS`` built from the
``KAHUI_*_CLIENT_ID`` variables); database rows never do."""

from django.conf import settings


def configured_providers() -> list[str]:
    """The ids of the sign-in providers that have an app configured, in settings order."""
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}) or {}
    return [provider for provider, config in providers.items() if config.get("APPS")]


def sso_available() -> bool:
    """Whether anyone can sign in with a school account at all."""
    return bool(configured_providers())
