"""Secrets that travel in links: invitation and calendar-feed tokens."""

import secrets


def new_token() -> str:
    """A random, URL-safe token (32 characters) that nobody can guess."""
    return secrets.token_urlsafe(24)
