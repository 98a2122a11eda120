"""What apps above groups add to the group pages."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kahui.core.registry import PagePart, Registry

# Cards in the side column of the group home, below the requests to join. Each part's
# context function takes the group and the viewer's GroupAccess; the home is a cached
# fragment, so a part that goes stale at a known time sets EXPIRES_AT
# (kahui.core.fragments) and the earliest of them wins.
home_parts: Registry[PagePart] = Registry("cards in the side column of the group home")

# Figures on the cards of a member's groups (My groups, the dashboard): each is an
# annotation of LearningGroup, made for the viewing user and named as it is registered
# (kahui.discussions adds ``unread_threads``).
card_figures: Registry[Callable[[Any], Any]] = Registry("figures on the cards of a member's groups")


@dataclass(frozen=True)
class WaitingItem:
    """Something that needs a facilitator today (a meeting to prepare, a request to
    decide, a coaching reply): a line of the facilitator home, linking where to act."""

    kind: str  # a short code, for grouping and icons: "meeting", "coaching", ...
    text: str  # already translated, in words
    url: str
    group_name: str = ""
    due: datetime | None = None  # when it is due or happened (shown in the viewer's zone)


# What needs a facilitator, from the apps above groups: each function takes the user and
# returns a list of WaitingItem (few queries, however many groups they facilitate).
facilitator_needs: Registry[Callable[[Any], list[WaitingItem]]] = Registry(
    "what needs a facilitator on the facilitator home"
)

# What is asked of a person in their groups, from the apps beside the dashboard (an
# invitation to reflect, a colleague's request for feedback): each function takes the
# user and returns a list of WaitingItem, in a fixed number of queries.
asked_of_member: Registry[Callable[[Any], list[WaitingItem]]] = Registry(
    "what is asked of a person, on their dashboard"
)
