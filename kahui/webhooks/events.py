"""Which recorded activity becomes which event, and what an event's payload holds.

Payloads carry only what the organisation's administrators see on its own pages:
names, dates, links and public ids. Never member-only content (a meeting's title and
minutes, an action's text, decisions, discussions), nor anything private (journals,
health answers, feedback): a receiver that needs more asks the API with a token."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.groups.activity import GroupActivity
from kahui.groups.models import LearningGroup, Status
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import ActionItem, Meeting
from kahui.orgs.activity import OrgActivity
from kahui.orgs.models import Organisation
from kahui.webhooks.models import Event, EventType


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def group_data(group: LearningGroup) -> dict[str, Any]:
    return {
        "id": str(group.public_id),
        "name": group.name,
        "url": absolute(reverse("groups:home", args=[group.public_id])),
    }


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": str(meeting.public_id),
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "time_zone": meeting.time_zone,
        "url": absolute(
            reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
        ),
    }


def action_data(action: ActionItem) -> dict[str, Any]:
    meeting = action.meeting
    if meeting is not None:
        url = reverse("meetings:detail", args=[action.group.public_id, meeting.public_id])
        url += f"#action-{action.public_id}"
    else:
        url = reverse("meetings:list", args=[action.group.public_id])
    return {
        "id": str(action.public_id),
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "url": absolute(url),
    }


def person_data(user) -> dict[str, Any]:
    return {"id": str(user.public_id), "name": user.display_name}


@dataclass(frozen=True)
class Happening:
    """An event about to be recorded: its type, its key and how to build its data
    (built only when some endpoint wants it)."""

    organisation: Organisation
    type: str
    key: str
    occurred_at: datetime
    data: Callable[[], dict[str, Any] | None]


def _meeting(entry: ActivityEntry) -> Meeting | None:
    meeting_id = entry.ref.get("meeting")
    if not meeting_id:
        return None
    return Meeting.objects.select_related("group").filter(public_id=meeting_id).first()


def _meeting_event(entry: ActivityEntry) -> dict[str, Any] | None:
    meeting = _meeting(entry)
    if meeting is None:
        return None
    data = {"group": group_data(meeting.group), "meeting": meeting_data(meeting)}
    if entry.action == MeetingActivity.SERIES_SCHEDULED:
        data["series"] = True
    return data


def _minutes_event(entry: ActivityEntry) -> dict[str, Any] | None:
    meeting = _meeting(entry)
    if meeting is None:
        return None
    return {"group": group_data(meeting.group), "meeting": meeting_data(meeting)}


EVENT_ACTIONS = {
    MeetingActivity.SCHEDULED,
    MeetingActivity.SERIES_SCHEDULED,
    MeetingActivity.MINUTES_SAVED,
    GroupActivity.ACTIVATED,
    GroupActivity.MEMBER_JOINED,
    OrgActivity.MEMBER_JOINED,
}


def happening_for(entry: ActivityEntry) -> Happening | None:
    """The event an activity entry stands for, if any: no query for the entries that
    stand for none, one (the group as it is now) for those that do."""
    action = entry.action
    if action not in EVENT_ACTIONS:
        return None
    group = None
    if entry.group_id:
        # Read again: the service's copy of the group may be older than its last change.
        group = (
            LearningGroup.objects.select_related("organisation").filter(pk=entry.group_id).first()
        )
        if group is None:
            return None
        organisation = group.organisation
    else:
        organisation = entry.organisation
    if organisation is None:
        return None
    when = entry.created_at
    ref = entry.ref or {}
    if action in (MeetingActivity.SCHEDULED, MeetingActivity.SERIES_SCHEDULED):
        if not ref.get("meeting"):
            return None
        return Happening(
            organisation,
            EventType.MEETING_SCHEDULED,
            f"meeting.scheduled:{ref['meeting']}",
            when,
            lambda: _meeting_event(entry),
        )
    if action == MeetingActivity.MINUTES_SAVED and ref.get("meeting"):
        # Once per meeting: when its minutes are first written, not at every edit.
        return Happening(
            organisation,
            EventType.MINUTES_PUBLISHED,
            f"minutes.published:{ref['meeting']}",
            when,
            lambda: _minutes_event(entry),
        )
    if action == GroupActivity.ACTIVATED and group is not None:
        # A group being set up is its facilitators' alone: it is news once it opens.
        return Happening(
            organisation,
            EventType.GROUP_CREATED,
            f"group.created:{group.public_id}",
            when,
            lambda: {"group": group_data(group)},
        )
    joined = action in (GroupActivity.MEMBER_JOINED, OrgActivity.MEMBER_JOINED)
    if joined and entry.actor is not None:
        if group is not None and group.status != Status.ACTIVE:
            return None
        actor = entry.actor
        place = f"group:{group.public_id}" if group is not None else "organisation"
        return Happening(
            organisation,
            EventType.MEMBER_JOINED,
            f"member.joined:{place}:{actor.public_id}:{entry.pk}",
            when,
            lambda: {
                "member": person_data(actor),
                "group": group_data(group) if group is not None else None,
            },
        )
    return None


def payload(event: Event) -> dict[str, Any]:
    """What is POSTed for ``event``."""
    return {
        "id": event.webhook_id,
        "type": event.type,
        "occurred_at": event.occurred_at.isoformat(),
        "organisation": {"slug": event.organisation.slug, "name": event.organisation.name},
        "data": event.data,
    }
