"""Calendar subscriptions: a person's own address, for all their groups or for one."""

from django.db import transaction
from django.utils import timezone

from kahui.accounts.models import User
from kahui.groups.models import LearningGroup
from kahui.meetings.models import CalendarFeed
from kahui.meetings.selectors import calendar_feed


@transaction.atomic
def feed_for(*, user, group: LearningGroup | None = None) -> CalendarFeed:
    """The current calendar subscription of a person (for ``group``, or for all their
    groups), made if they have none: asking twice gives the same address."""
    # The person's row is locked, so two requests at once make one address.
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    return calendar_feed(user=user, group=group) or CalendarFeed.objects.create(
        user=user, group=group
    )


@transaction.atomic
def feed_reset(*, user=None, group: LearningGroup | None = None) -> CalendarFeed:
    """Revoke the old subscription address and make a new one."""
    CalendarFeed.objects.filter(user=user, group=group, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarFeed.objects.create(user=user, group=group)
