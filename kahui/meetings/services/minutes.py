"""What a meeting records: its minutes (every version kept, a stale save refused),
its decisions and a review of the group's agreements."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity, search
from kahui.core.errors import Conflict
from kahui.groups.activity import GroupActivity
from kahui.groups.models import LearningGroup
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import Decision, Meeting, MinutesEditor, MinutesRevision, NormReview
from kahui.meetings.services.indexing import decision_document, minutes_document


class MinutesConflict(Conflict):
    """Someone saved the minutes after this editor loaded them."""

    def __init__(self, theirs: str, version: int) -> None:
        super().__init__(
            _(
                "Someone else saved the minutes while you were writing. Both versions are "
                "below: merge them into the box and save again."
            )
        )
        self.theirs = theirs
        self.version = version


@transaction.atomic
def minutes_save(*, meeting: Meeting, by, text: str, version: int) -> Meeting:
    """Save the minutes if nobody else saved since ``version``; every save is kept."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_version != version:
        raise MinutesConflict(locked.minutes, locked.minutes_version)
    if locked.minutes == text:
        return locked
    new_version = version + 1
    updated = Meeting.objects.filter(pk=locked.pk, minutes_version=version).update(
        minutes=text, minutes_version=new_version, updated_at=timezone.now()
    )
    if not updated:  # a concurrent save won the race on a database without row locks
        locked.refresh_from_db()
        raise MinutesConflict(locked.minutes, locked.minutes_version)
    MinutesRevision.objects.create(meeting=locked, version=new_version, text=text, saved_by=by)
    locked.minutes = text
    search.index_many([minutes_document(locked)])
    activity.record(
        actor=by,
        action=MeetingActivity.MINUTES_SAVED,
        group=locked.group,
        target=locked.title,
        ref={"meeting": str(locked.public_id)},
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def decision_record(*, meeting: Meeting, by, text: str) -> Decision:
    decision = Decision.objects.create(
        group=meeting.group,
        meeting=meeting,
        text=text,
        recorded_by=by,
        cycle=meeting.group.cycle,
        stage=meeting.group.stage,
    )
    activity.record(
        actor=by,
        action=MeetingActivity.DECISION,
        group=meeting.group,
        target=text,
        ref={"meeting": str(meeting.public_id)},
    )
    search.index_many([decision_document(decision)])
    return decision


@transaction.atomic
def norms_reviewed(
    *, group: LearningGroup, by, meeting: Meeting | None, note: str = ""
) -> NormReview:
    review = NormReview.objects.create(group=group, meeting=meeting, reviewed_by=by, note=note)
    activity.record(actor=by, action=GroupActivity.NORMS_REVIEWED, group=group, target=note)
    return review


@transaction.atomic
def minutes_editing(*, meeting: Meeting, by, now=None) -> None:
    """``by`` has the minutes open for editing now (their page says so every twenty
    seconds or so); not a change of the minutes, so nothing is logged."""
    MinutesEditor.objects.update_or_create(
        meeting=meeting, user=by, defaults={"seen_at": now or timezone.now()}
    )


@transaction.atomic
def minutes_editing_stopped(*, meeting: Meeting, by) -> None:
    """``by`` left the minutes (closed the page or saved)."""
    MinutesEditor.objects.filter(meeting=meeting, user=by).delete()
