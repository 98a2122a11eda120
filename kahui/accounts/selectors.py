"""Reading accounts and profiles."""

from kahui.accounts.models import Profile, User


def default_display_name(user: User) -> str:
    """What a person is called until they say: the part of their address before the @."""
    return user.email.split("@")[0]


def profile_of(user: User) -> Profile:
    """The person's profile or, when they have none yet (e.g. an operator's account),
    an unsaved one with the defaults: showing it writes nothing."""
    return Profile.objects.filter(user=user).first() or Profile(
        user=user, display_name=default_display_name(user)
    )
