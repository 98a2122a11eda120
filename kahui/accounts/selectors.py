"""Reading accounts and profiles."""

from django.db.models import Count, Q, QuerySet

from kahui.accounts.models import Profile, User
from kahui.core.models import FocusArea


def default_display_name(user: User) -> str:
    """What a person is called until they say: the part of their address before the @."""
    return user.email.split("@")[0]


def profile_of(user: User) -> Profile:
    """The person's profile or, when they have none yet (e.g. an operator's account),
    an unsaved one with the defaults: showing it writes nothing."""
    return Profile.objects.filter(user=user).first() or Profile(
        user=user, display_name=default_display_name(user)
    )


def _of_organisation(organisation) -> Q:
    """Profiles naming ``organisation`` or one of its schools and centres."""
    return Q(organisation=organisation) | Q(organisation__parent=organisation)


def interests_held_in(organisation) -> Q:
    """Focus areas listed by people of ``organisation`` or of its schools and centres
    (for the organisation's review of proposals)."""
    return Q(pk__in=Profile.objects.filter(_of_organisation(organisation)).values("interests"))


def with_people_here(proposals: QuerySet[FocusArea], organisation) -> QuerySet[FocusArea]:
    """Each focus area with ``people_here``: how many people of ``organisation`` or of
    its schools and centres list it (a number: the review names nobody)."""
    return proposals.annotate(
        people_here=Count(
            "profiles",
            filter=Q(profiles__organisation=organisation)
            | Q(profiles__organisation__parent=organisation),
        )
    )
