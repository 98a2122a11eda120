"""The Coaching link in the main navigation, for people who coach or are coached.

Whether someone is in coaching is found when they sign in and kept in their session,
so pages pay nothing for the link; the coaching pages refresh it when it changed (a
coach added to a programme sees the link from their next sign-in, or once they open a
coaching page from a notification)."""

from django.http import HttpRequest

from kahui.coaching import access

SESSION_KEY = "kahui_in_coaching"


def remember(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """On sign-in (``user_logged_in``): note in the session whether ``user`` is in
    coaching."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = access.in_coaching(user)


def refresh(request: HttpRequest, in_coaching: bool) -> None:
    """Keep the session's note true, writing it only when it changed."""
    if request.session.get(SESSION_KEY) != in_coaching:
        request.session[SESSION_KEY] = in_coaching


def shown(request: HttpRequest) -> bool:
    """Whether the main navigation links Coaching for this request's user."""
    known = request.session.get(SESSION_KEY)
    if known is None:  # a session begun before the note was kept
        known = access.in_coaching(request.user)
        request.session[SESSION_KEY] = known
    return bool(known)
