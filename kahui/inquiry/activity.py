"""What the activity log records about a group's inquiry. Their sentences are in
:data:`kahui.core.activity.ACTION_LABELS`.

Moves of a cycle that follows the group's own stages (He Pikorua) are recorded by the
group as ``group.stage_changed``; ``STAGE_MOVED`` records the moves of other models.
Goals keep their own history through the groups' services (``group.goal_added``,
``group.goal_changed``) and plan actions through meetings' (``meeting.action_added``)."""

from enum import StrEnum


class InquiryActivity(StrEnum):
    CYCLE_STARTED = "inquiry.cycle_started"
    CYCLE_CHANGED = "inquiry.cycle_changed"
    CYCLE_ENDED = "inquiry.cycle_ended"
    STAGE_MOVED = "inquiry.stage_moved"
    RECORD_SAVED = "inquiry.record_saved"
    TRIAL_ADDED = "inquiry.trial_added"
    GOAL_MEASURED = "inquiry.goal_measured"
    READING_ADDED = "inquiry.reading_added"
    REVISITS_SAVED = "inquiry.revisits_saved"
