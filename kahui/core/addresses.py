"""Which email addresses belong to a person: the one they log in with and those they
verified. Invitations are sent to an address and only its owner may take them up."""

from allauth.account.models import EmailAddress


def user_owns_email(user, email: str) -> bool:
    """Whether ``email`` is this person's log-in address or one they verified."""
    email = email.strip().lower()
    return user.email.lower() == email or (
        EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )
