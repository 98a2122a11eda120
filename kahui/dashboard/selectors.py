"""What the dashboard reads across a person's groups: what is next for them, and
their feed. Each part is read by the selectors of the app that owns it, in a fixed
number of queries whatever the number of groups."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kahui.core.activity import FeedItem, feed
from kahui.groups import selectors as group_selectors
from kahui.groups.pages import WaitingItem, asked_of_member
from kahui.health import selectors as health_selectors
from kahui.meetings import selectors as meeting_selectors
from kahui.notifications.models import Category, Notification
from kahui.proposals import selectors as proposal_selectors
from kahui.scheduling import selectors as scheduling_selectors

# Mentions and replies older than this leave the dashboard (the bell keeps them).
MENTIONS_SHOWN_FOR = timedelta(days=30)
# The feed reads this many entries, so that repeated events can be told as one line.
FEED_WINDOW = 60


@dataclass
class NextUp:
    meetings: list[Any]
    actions: list[Any]
    polls: list[Any]
    proposals: list[Any]
    mentions: list[Notification]
    health_checks: list[Any]
    asked: list[WaitingItem]

    @property
    def answers_waiting(self) -> bool:
        return bool(self.polls or self.proposals)

    @property
    def asked_of_me(self) -> bool:
        return bool(self.health_checks or self.asked)


def next_up(user) -> NextUp:
    """What is next for ``user``: their coming meetings and duties, open actions,
    polls and proposals waiting for their answer, unread mentions and replies, and
    the health checks asked of them, with what the apps beside the dashboard ask
    (``kahui.groups.pages.asked_of_member``: reflections, feedback)."""
    return NextUp(
        meetings=meeting_selectors.next_meetings_of(user),
        actions=meeting_selectors.open_actions_of(user),
        polls=scheduling_selectors.polls_awaiting(user),
        proposals=proposal_selectors.awaiting_of(user),
        mentions=mentions_of(user),
        health_checks=health_selectors.checks_awaiting(user),
        asked=[item for asked in asked_of_member for item in asked(user)],
    )


def mentions_of(user, limit: int = 6) -> list[Notification]:
    """``user``'s unread mentions and replies of the last month, newest first."""
    return list(
        Notification.objects.unread()
        .filter(
            user=user,
            category=Category.MENTIONS,
            created_at__gte=timezone.now() - MENTIONS_SHOWN_FOR,
        )
        .select_related("group")
        .order_by("-created_at", "-id")[:limit]
    )


def recent_feed(user, limit: int = 10) -> list[FeedItem]:
    """The newest lines of ``user``'s feed, repeated events told as one line."""
    return feed(group_selectors.recent_activity(user, limit=FEED_WINDOW), viewer=user)[:limit]
