"""When to reach a person: the time zone they live in and their quiet hours."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from kahui.notifications.models import QuietHours


def zone_of(user) -> ZoneInfo:
    """The time zone on ``user``'s profile, or the site's."""
    name = getattr(getattr(user, "profile", None), "time_zone", None) or settings.TIME_ZONE
    return ZoneInfo(name)


def quiet_until(user, now: datetime) -> datetime | None:
    """When ``user``'s quiet hours end, if ``now`` falls inside them."""
    hours = QuietHours.objects.filter(user=user).first()
    if hours is None or hours.starts is None or hours.ends is None:
        return None
    zone = zone_of(user)
    local = now.astimezone(zone)
    start, end = hours.starts, hours.ends
    clock = local.time()
    inside = start <= clock < end if start < end else clock >= start or clock < end
    if not inside:
        return None
    end_day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(end_day, end, tzinfo=zone)
