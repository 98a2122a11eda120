"""Who may do what with a group's meetings, beyond the group role that
``@group_view`` checks at the door, and what a guest link or a calendar address opens.

- Attendance is recorded by the group's facilitators and by the meeting's own
  facilitator and note-taker.
- The shared timer is run by the meeting's timekeeper and facilitator and by the
  group's facilitators; everyone else who sees the meeting watches it.
- An action is marked done from the dashboard by its owner, while they belong to
  its group, and by the group's facilitators.
- A guest link opens its one meeting's agenda and materials until it is withdrawn.
- A calendar address works until it is renewed; a group's calendar address also stops
  working when its owner leaves the group.
"""

from django.http import Http404

from kahui.groups.access import GroupAccess, is_facilitator, is_member
from kahui.meetings.models import ActionItem, CalendarFeed, Meeting, MeetingGuest


def can_record_attendance(user, meeting: Meeting, access: GroupAccess | None = None) -> bool:
    """The group's facilitators, and the meeting's own facilitator and note-taker
    (``access``: what ``user`` may do in the meeting's group, when the caller knows)."""
    if user.pk in {meeting.facilitator_id, meeting.note_taker_id}:
        return True
    return access.is_facilitator if access else is_facilitator(user, meeting.group)


def can_run_clock(user, meeting: Meeting, access: GroupAccess | None = None) -> bool:
    """Start, pause and move the shared timer: the meeting's timekeeper and
    facilitator, and the group's facilitators."""
    if user.pk in {meeting.timekeeper_id, meeting.facilitator_id}:
        return True
    return access.is_facilitator if access else is_facilitator(user, meeting.group)


def can_set_action_status(user, action: ActionItem) -> bool:
    """The action's owner while they belong to its group, and the group's
    facilitators."""
    if action.owner_id == user.pk and is_member(user, action.group):
        return True
    return is_facilitator(user, action.group)


def guest_for(token: str) -> MeetingGuest:
    """The invitation a guest link holds, unless it was withdrawn; a 404 otherwise."""
    guest = (
        MeetingGuest.objects.select_related("meeting__group")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if guest is None:
        raise Http404("No such invitation")
    return guest


def feed_for_token(token: str) -> CalendarFeed:
    """The calendar subscription at this address, unless it was renewed; a 404
    otherwise. Whether it still works is :func:`feed_works`."""
    feed = (
        CalendarFeed.objects.select_related("user", "group")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar")
    return feed


def feed_works(feed: CalendarFeed) -> bool:
    """A group's address dies with its owner's membership (checked at every fetch); a
    person's own address works for as long as it is not renewed."""
    if feed.group is None:
        return True
    return feed.user is not None and is_member(feed.user, feed.group)
