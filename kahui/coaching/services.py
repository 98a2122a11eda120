"""Writing coaching: notes, requests for advice, observations and their debrief.

Every write is recorded in the activity log without a group, an organisation or any
text (``activity.py``), and the other of the pair is told through
:func:`kahui.notifications.services.notify`, with no group, so nothing reaches a
group's pages."""

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.coaching import access
from kahui.coaching.activity import CoachingActivity
from kahui.coaching.models import (
    AdviceRequest,
    AdviceStatus,
    CoachingNote,
    Observation,
    PairRead,
    StepObservation,
)
from kahui.core import activity
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.notifications.models import Category
from kahui.notifications.services import notify


def pair_url(coach, facilitator) -> str:
    return reverse("coaching:pair", args=[coach.public_id, facilitator.public_id])


def _tell(*, user, title: str, url: str, key: str) -> None:
    """The bell and, as they prefer, an email: reflection's category, as coaching is
    feedback on one's own practice. No group, so no group page shows it."""
    notify(
        users=[user],
        category=Category.REFLECTION,
        title=title,
        url=url,
        email_template="coaching_update",
        context={"title": title, "url": url},
        key=key,
    )


def _record(by, code: CoachingActivity) -> None:
    activity.record(actor=by, action=code)


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise KahuiError(message)
    return value


@transaction.atomic
def note_add(*, coach, facilitator, by, text: str) -> CoachingNote:
    """Add a note to the pair's conversation: the coach's note, or the facilitator's
    reply. The other one is told."""
    access.check_pair(coach, facilitator)
    if by not in (coach, facilitator):
        raise NotAllowed(_("Only the coach and the facilitator write here."))
    text = _text(text, _("Write the note first."))
    note: CoachingNote = CoachingNote.objects.create(
        coach=coach, facilitator=facilitator, author=by, text=text
    )
    _record(by, CoachingActivity.NOTE_ADDED)
    other = facilitator if by == coach else coach
    title = _("%(who)s wrote a coaching note") % {"who": by.display_name}
    _tell(
        user=other,
        title=title,
        url=pair_url(coach, facilitator),
        key=f"coaching-note:{note.public_id}",
    )
    return note


@transaction.atomic
def advice_ask(*, coach, facilitator, by, question: str, group=None, meeting=None) -> AdviceRequest:
    """The facilitator asks their coach for advice, perhaps about one of the groups or
    meetings through which they are coached."""
    access.check_pair(coach, facilitator)
    if by != facilitator:
        raise NotAllowed(_("Only the facilitator asks their coach for advice."))
    question = _text(question, _("Write your question."))
    groups = access.shared_groups(coach, facilitator)
    if group is not None and not groups.filter(pk=group.pk).exists():
        raise KahuiError(_("Choose one of the groups your coach supports."))
    if meeting is not None:
        if not access.observable_meetings(coach, facilitator).filter(pk=meeting.pk).exists():
            raise KahuiError(_("Choose a meeting of a group your coach supports."))
        group = meeting.group
    found: AdviceRequest = AdviceRequest.objects.create(
        coach=coach, facilitator=facilitator, question=question, group=group, meeting=meeting
    )
    _record(by, CoachingActivity.ADVICE_ASKED)
    title = _("%(who)s asks you for advice") % {"who": facilitator.display_name}
    _tell(
        user=coach,
        title=title,
        url=pair_url(coach, facilitator),
        key=f"advice-ask:{found.public_id}",
    )
    return found


@transaction.atomic
def advice_answer(*, request: AdviceRequest, by, answer: str) -> AdviceRequest:
    """The coach answers; the request is answered and the facilitator told."""
    locked: AdviceRequest = AdviceRequest.objects.select_for_update().get(pk=request.pk)
    access.check_pair(locked.coach, locked.facilitator)
    access.check_coach(locked.coach, by)
    if not locked.is_open:
        raise KahuiError(_("This request is answered already."))
    locked.answer = _text(answer, _("Write your answer."))
    locked.status = AdviceStatus.ANSWERED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answer", "status", "answered_at", "updated_at"])
    _record(by, CoachingActivity.ADVICE_ANSWERED)
    title = _("%(who)s answered your request for advice") % {"who": by.display_name}
    _tell(
        user=locked.facilitator,
        title=title,
        url=pair_url(locked.coach, locked.facilitator),
        key=f"advice-answer:{locked.public_id}",
    )
    return locked


@transaction.atomic
def observation_start(*, coach, facilitator, by, meeting) -> Observation:
    """Begin the coach's draft observation of ``meeting``, with a row for each step of
    its agenda (title and minutes copied)."""
    access.check_pair(coach, facilitator)
    access.check_coach(coach, by)
    if not access.observable_meetings(coach, facilitator).filter(pk=meeting.pk).exists():
        raise KahuiError(_("Choose a meeting of a group this facilitator runs."))
    observation: Observation = Observation.objects.create(
        coach=coach, facilitator=facilitator, meeting=meeting
    )
    StepObservation.objects.bulk_create(
        StepObservation(
            observation=observation,
            agenda_item=item,
            position=index,
            title=item.title,
            minutes=item.minutes,
        )
        for index, item in enumerate(meeting.agenda.order_by("position", "id"))
    )
    _record(by, CoachingActivity.OBSERVATION_STARTED)
    return observation


@dataclass
class Notes:
    """What went well, a question, a suggestion: for a step or for the whole meeting."""

    went_well: str = ""
    question: str = ""
    suggestion: str = ""


@dataclass
class ObservationEdit:
    overall: Notes
    steps: dict[int, Notes] = field(default_factory=dict)  # by StepObservation id


@transaction.atomic
def observation_save(*, observation: Observation, by, edit: ObservationEdit) -> Observation:
    """The coach writes up the observation, per step and overall; it can be changed
    until the debrief is done."""
    locked: Observation = Observation.objects.select_for_update().get(pk=observation.pk)
    access.check_pair(locked.coach, locked.facilitator)
    access.check_coach(locked.coach, by)
    if locked.is_done:
        raise KahuiError(_("The debrief is done: the observation stays as it was."))
    for name in ("went_well", "question", "suggestion"):
        setattr(locked, name, getattr(edit.overall, name).strip())
    locked.save()
    rows = list(locked.steps.all())
    for row in rows:
        notes = edit.steps.get(row.pk, Notes())
        row.went_well, row.question, row.suggestion = (
            notes.went_well.strip(),
            notes.question.strip(),
            notes.suggestion.strip(),
        )
    StepObservation.objects.bulk_update(rows, ["went_well", "question", "suggestion"])
    _record(by, CoachingActivity.OBSERVATION_SAVED)
    return locked


@transaction.atomic
def observation_share(*, observation: Observation, by) -> Observation:
    """Share the draft with the facilitator, who is told; from now on the two write
    their joint reflection."""
    locked: Observation = Observation.objects.select_for_update().get(pk=observation.pk)
    access.check_pair(locked.coach, locked.facilitator)
    access.check_coach(locked.coach, by)
    if locked.is_shared:
        return locked
    if not (locked.went_well or locked.question or locked.suggestion) and not any(
        step.went_well or step.question or step.suggestion for step in locked.steps.all()
    ):
        raise KahuiError(_("Write something about the meeting before you share it."))
    locked.shared_at = timezone.now()
    locked.save(update_fields=["shared_at", "updated_at"])
    _record(by, CoachingActivity.OBSERVATION_SHARED)
    title = _("%(who)s shared an observation of “%(meeting)s”") % {
        "who": by.display_name,
        "meeting": locked.meeting.title,
    }
    _tell(
        user=locked.facilitator,
        title=title,
        url=reverse("coaching:observation", args=[locked.public_id]),
        key=f"observation-shared:{locked.public_id}",
    )
    return locked


class ReflectionConflict(Conflict):
    """The other of the pair saved the joint reflection after this one opened it."""

    def __init__(self, observation: Observation) -> None:
        super().__init__(
            _(
                "The other person saved the reflection while you were writing. Their text is "
                "shown with yours: bring them together in the box and save again."
            )
        )
        self.text = observation.reflection
        self.version = observation.version
        self.by = observation.reflection_by


@transaction.atomic
def reflection_save(*, observation: Observation, by, text: str, version: int) -> Observation:
    """Save the pair's joint reflection if nobody saved it since ``version``
    (optimistic locking, as minutes and shared products are saved)."""
    locked: Observation = Observation.objects.select_for_update().get(pk=observation.pk)
    access.check_one_of(locked, by)
    if not locked.is_shared:
        raise KahuiError(_("The reflection opens once the coach shares the observation."))
    if locked.is_done:
        raise KahuiError(_("The debrief is done: the reflection stays as it was."))
    if locked.version != version:
        raise ReflectionConflict(locked)
    text = text.strip()
    if text == locked.reflection:
        return locked
    updated = Observation.objects.filter(pk=locked.pk, version=version).update(
        reflection=text,
        version=version + 1,
        reflection_by=by,
        reflection_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not updated:  # a concurrent save won on a database without row locks
        locked.refresh_from_db()
        raise ReflectionConflict(locked)
    _record(by, CoachingActivity.REFLECTION_SAVED)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def debrief_done(*, observation: Observation, by) -> Observation:
    """Either of the pair marks the debrief done; the observation and the reflection
    then stay as they are."""
    locked: Observation = Observation.objects.select_for_update().get(pk=observation.pk)
    access.check_one_of(locked, by)
    if not locked.is_shared:
        raise KahuiError(_("Share the observation before the debrief."))
    if locked.is_done:
        return locked
    locked.debrief_done_at = timezone.now()
    locked.save(update_fields=["debrief_done_at", "updated_at"])
    _record(by, CoachingActivity.DEBRIEF_DONE)
    other = locked.facilitator if by == locked.coach else locked.coach
    title = _("%(who)s marked the debrief of “%(meeting)s” done") % {
        "who": by.display_name,
        "meeting": locked.meeting.title,
    }
    _tell(
        user=other,
        title=title,
        url=reverse("coaching:observation", args=[locked.public_id]),
        key=f"debrief-done:{locked.public_id}",
    )
    return locked


def pair_mark_read(*, coach, facilitator, reader) -> None:
    """The reader's own marker that they have read the pair's page (written when they
    open it, as a thread is marked read)."""
    PairRead.objects.update_or_create(
        coach=coach, facilitator=facilitator, reader=reader, defaults={"read_at": timezone.now()}
    )
