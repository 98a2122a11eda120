"""iCalendar (RFC 5545) for meetings, built with the icalendar library.

Each meeting is its own VEVENT in its series' time zone (with VTIMEZONE data), so a
moved occurrence shows its new time and a cancelled one shows as cancelled."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from kahui.meetings.models import Meeting


def _event(meeting: Meeting) -> Event:
    zone = ZoneInfo(meeting.time_zone)
    event = Event()
    event.add("uid", f"{meeting.public_id}@kahui")
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", f"{meeting.title} · {meeting.group.name}")
    place = ", ".join(part for part in (meeting.location, meeting.online_url) if part)
    if place:
        event.add("location", place)
    link = settings.SITE_URL + reverse(
        "meetings:detail", args=[meeting.group.public_id, meeting.public_id]
    )
    event.add("url", link)
    event.add("description", link)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def calendar_for(meetings: Iterable[Meeting], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kāhui//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
