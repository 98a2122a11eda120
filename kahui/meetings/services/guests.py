"""Guests: an outside expert invited to one meeting by an emailed link."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kahui.core import activity
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
