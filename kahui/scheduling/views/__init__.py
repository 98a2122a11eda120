"""Finding times: availability polls, each person's usual week, the group's heat-map
and the best-time finder.

The pages are split by what they are for; the URL table reads them all from here."""

from kahui.scheduling.views.availability import availability, group_times
from kahui.scheduling.views.polls import (
    poll_answer,
    poll_choose,
    poll_close,
    poll_create,
    poll_detail,
    poll_list,
)

__all__ = [
    "availability",
    "group_times",
    "poll_answer",
    "poll_choose",
    "poll_close",
    "poll_create",
    "poll_detail",
    "poll_list",
]
