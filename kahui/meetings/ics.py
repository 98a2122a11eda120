"""iCalendar (RFC 5545) for meetings, built with the icalendar library.

Each meeting is its own VEVENT in its series' time zone (with VTIMEZONE data), so a
moved occurrence shows its new time and a cancelled one shows as cancelled. The same
event, with the same UID, goes out as an emailed invitation (iTIP, RFC 5546:
METHOD:REQUEST, or CANCEL), its SEQUENCE raised by every change."""

from collections.abc import Iterable
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

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
    event.add("sequence", meeting.sequence)
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


def invitation(meeting: Meeting, *, attendee_email: str, attendee_name: str) -> str:
    """One person's invitation to ``meeting``: METHOD:REQUEST, or CANCEL once it is
    cancelled. Mail clients match it to what they hold by its UID and SEQUENCE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kāhui//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if meeting.is_cancelled else "REQUEST")
    event = _event(meeting)
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(meeting.group.name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["cn"] = vText(attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
