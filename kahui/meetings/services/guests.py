"""Guests: an outside expert invited to one meeting by an emailed link, and a group's
supporters (an RTLB, a coach), who say whether they come and then join the meeting as
a guest (attendance and its hours are the members')."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.access import is_supporter
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import Meeting, MeetingGuest
from kahui.notifications.models import Category
from kahui.notifications.services import queue_email


@transaction.atomic
def guest_invite(*, meeting: Meeting, by, name: str, email: str) -> MeetingGuest:
    guest = MeetingGuest.objects.create(meeting=meeting, name=name, email=email, invited_by=by)
    activity.record(
        actor=by, action=MeetingActivity.GUEST_INVITED, group=meeting.group, target=name
    )
    queue_email(
        key=f"guest:{guest.public_id}",
        email=email,
        category=Category.MEETINGS,
        template="meeting_guest",
        context={
            "meeting": meeting,
            "guest": guest,
            "inviter": by.display_name,
            "guest_url": reverse("meetings:guest", args=[guest.token]),
        },
    )
    return guest


@transaction.atomic
def guest_revoke(*, guest: MeetingGuest, by) -> None:
    guest.revoked_at = timezone.now()
    guest.save(update_fields=["revoked_at", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.GUEST_REVOKED, group=guest.meeting.group, target=guest.name
    )


def supporter_guest(meeting: Meeting, user) -> MeetingGuest | None:
    """The supporter's place at ``meeting`` as a guest, if they said they come."""
    return MeetingGuest.objects.filter(
        meeting=meeting, email__iexact=user.email, revoked_at__isnull=True
    ).first()


@transaction.atomic
def supporter_rsvp(*, meeting: Meeting, by, coming: bool) -> MeetingGuest | None:
    """A supporter of the meeting's group says whether they come: coming makes them a
    guest of the meeting (the facilitators see them among its guests); not coming
    withdraws that. Members answer nothing here: they are expected at every meeting."""
    if not is_supporter(by, meeting.group):
        raise NotAllowed(_("Only the group's supporters say here whether they come."))
    if meeting.is_cancelled or meeting.is_over:
        raise KahuiError(_("This meeting is over or cancelled."))
    guest = supporter_guest(meeting, by)
    if coming and guest is None:
        guest = MeetingGuest.objects.create(
            meeting=meeting, name=by.display_name, email=by.email, invited_by=by
        )
        activity.record(
            actor=by,
            action=MeetingActivity.SUPPORTER_COMING,
            group=meeting.group,
            target=meeting.title,
        )
    elif not coming and guest is not None:
        guest.revoked_at = timezone.now()
        guest.save(update_fields=["revoked_at", "updated_at"])
        activity.record(
            actor=by,
            action=MeetingActivity.SUPPORTER_NOT_COMING,
            group=meeting.group,
            target=meeting.title,
        )
        guest = None
    return guest
