"""Creating and updating educators' accounts and profiles."""

from django.db import transaction

from kahui.accounts.models import Profile, User


def profile_ensure(*, user: User, display_name: str = "", **fields) -> Profile:
    """Give ``user`` a profile if they have none yet (e.g. an operator's account)."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = Profile.objects.create(
            user=user, display_name=display_name or user.email.split("@")[0], **fields
        )
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, interests=None, **fields) -> Profile:
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if interests is not None:
        profile.interests.set(interests)
    return profile


def user_owns_email(user: User, email: str) -> bool:
    """Whether ``email`` is this person's log-in address or one they verified."""
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    return user.email.lower() == email or (
        EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )
