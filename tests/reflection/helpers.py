"""What the reflection tests share: a second member, entries, a meeting that took place."""

from datetime import timedelta

from django.utils import timezone

from kahui.groups.models import GroupRole
from kahui.meetings.models import Meeting
from kahui.reflection import services
from tests.conftest import make_meeting, make_user


def second_member(world):
    """Another member of the world's group (a peer of ``world.member``)."""
    peer = make_user("pe@kowhai.example", "Pita Peer", organisation=world.school)
    world.group.memberships.create(user=peer, role=GroupRole.MEMBER)
    return peer


def write(world, *, title="After the running-records hui", body="Private words", **links):
    return services.entry_write(
        author=world.member, group=world.group, prompt="learned", title=title, body=body, **links
    )


def past_meeting(world, *, days_ago: int = 1, title: str = "Running records hui") -> Meeting:
    meeting = make_meeting(world, title=title)
    starts = timezone.now() - timedelta(days=days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting
