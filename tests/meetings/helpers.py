"""What the meetings tests share: a plan to schedule, the schedule form posted, and
meetings made to have taken place."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from kahui.meetings import services
from kahui.meetings.models import AgendaTemplate, Meeting


def plan(**changes):
    values = {
        "title": "Hui",
        "start_date": date.today() + timedelta(days=2),
        "start_time": time(15, 30),
        "time_zone": "Pacific/Auckland",
        "duration_minutes": 60,
        "format": "in_person",
        "location": "Library",
        "template": AgendaTemplate.objects.get(key="regular"),
    }
    values.update(changes)
    return services.MeetingPlan(**values)


def post_schedule(client, world, **changes):
    """The schedule form posted with a custom repeat rule and ``changes``."""
    data = {
        "title": "Our hui",
        "start_date": (date.today() + timedelta(days=2)).isoformat(),
        "start_time": "15:30",
        "duration_minutes": "60",
        "time_zone": "Pacific/Auckland",
        "format": "in_person",
        "location": "Library",
        "repeat": "custom",
        **changes,
    }
    return client.post(reverse("meetings:schedule", args=[world.group.public_id]), data)


def local(moment):
    return timezone.localtime(moment, ZoneInfo("Pacific/Auckland"))


def held(meeting: Meeting, *, days_ago: int = 1) -> Meeting:
    """Move ``meeting`` into the past, so it has taken place."""
    starts = timezone.now() - timedelta(days=days_ago)
    length = meeting.ends_at - meeting.starts_at
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + length)
    meeting.refresh_from_db()
    return meeting


def _take_place(meetings, now) -> None:
    """Move ``meetings`` into the past, the first yesterday, each one a day before."""
    for days, meeting in enumerate(meetings, start=1):
        starts = now - timedelta(days=days)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
