"""The timer a meeting shares: started, paused and moved between agenda steps by the
meeting's timekeeper or a facilitator, watched by everyone who has the meeting open."""

from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.meetings.access import can_run_clock
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import Meeting, MeetingClock


class ClockMove(StrEnum):
    START = "start"  # start the first step, or carry on after a pause
    PAUSE = "pause"
    NEXT = "next"  # on to the next step (after the last one, the agenda is finished)
    BACK = "back"  # back to the step before, from its beginning


@transaction.atomic
def clock_move(
    *,
    meeting: Meeting,
    by,
    move: ClockMove,
    seen_step: int | None = None,
    now: datetime | None = None,
) -> MeetingClock:
    """Run the shared timer of ``meeting`` (``by`` must be allowed to,
    :func:`~kahui.meetings.access.can_run_clock`). ``seen_step`` is the step the
    person's page showed: when someone else moved the timer on meanwhile, a "next" or
    "back" meant for the old step is dropped, so two presses never skip two steps."""
    if not can_run_clock(by, meeting):
        raise NotAllowed(_("Only the timekeeper or a facilitator runs the timer."))
    if meeting.is_cancelled:
        raise KahuiError(_("This meeting is cancelled."))
    steps = meeting.agenda.count()
    if not steps:
        raise KahuiError(_("This meeting has no agenda to keep time for."))
    now = now or timezone.now()
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one move at a time
    clock = MeetingClock.objects.filter(meeting=meeting).first()
    if clock is None:
        if move != ClockMove.START:
            raise KahuiError(_("Start the timer first."))
        clock = MeetingClock.objects.create(
            meeting=meeting, step=0, started_at=now, step_started_at=now, changed_by=by
        )
        activity.record(
            actor=by,
            action=MeetingActivity.CLOCK_STARTED,
            group=meeting.group,
            target=meeting.title,
        )
        return clock
    moved_on_meanwhile = seen_step is not None and seen_step != clock.step
    if moved_on_meanwhile and move in (ClockMove.NEXT, ClockMove.BACK):
        return clock
    clock.step = min(clock.step, steps)  # the agenda may have lost items since
    finished = clock.step >= steps
    if move == ClockMove.START:
        if finished:
            raise KahuiError(_("The agenda is finished."))
        if not clock.is_running:
            clock.step_started_at = now
    elif move == ClockMove.PAUSE:
        if clock.is_running:
            clock.step_elapsed = clock.elapsed(now)
            clock.step_started_at = None
    elif move == ClockMove.NEXT:
        if finished:
            raise KahuiError(_("The agenda is finished."))
        clock.step += 1
        clock.step_elapsed = 0
        if clock.step >= steps:
            clock.step_started_at = None
            activity.record(
                actor=by,
                action=MeetingActivity.CLOCK_FINISHED,
                group=meeting.group,
                target=meeting.title,
            )
        elif clock.is_running:
            clock.step_started_at = now
    elif move == ClockMove.BACK:
        # From the end the last step runs again; otherwise the timer keeps running or
        # stays paused as it was, and the step starts from its beginning.
        running = clock.is_running or finished
        clock.step = max(0, clock.step - 1)
        clock.step_elapsed = 0
        clock.step_started_at = now if running else None
    clock.changed_by = by
    clock.save()
    return clock
