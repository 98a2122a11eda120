"""Availability polls and weekly availability."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.groups.models import LearningGroup
from kahui.meetings import recurrence
from kahui.meetings import services as meeting_services
from kahui.meetings.models import Meeting
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.scheduling.activity import PollActivity
from kahui.scheduling.models import (
    Answer,
    AvailabilityPoll,
    PollAnswer,
    PollOption,
    PollResponse,
    WeeklyAvailability,
)


@dataclass(frozen=True)
class OptionPlan:
    day: date
    start: time
    duration_minutes: int
    format: str


def _notify_members(
    group: LearningGroup,
    *,
    category: str,
    title: str,
    url: str,
    template: str,
    context: dict[str, Any],
    skip=None,
) -> None:
    notify(
        users=[
            m.user
            for m in group.memberships.select_related("user__profile")
            if skip is None or m.user_id != skip.pk
        ],
        category=category,
        title=title,
        url=url,
        group=group,
        email_template=template,
        context={"group": group, **context},
    )


@transaction.atomic
def poll_create(
    *,
    group: LearningGroup,
    by,
    title: str,
    description: str,
    time_zone: str,
    options: Sequence[OptionPlan],
    deadline: datetime | None = None,
) -> AvailabilityPoll:
    """Propose candidate times. Options must be in the future; the deadline too."""
    if not options:
        raise KahuiError(_("Add at least one candidate time."))
    now = timezone.now()
    starts = []
    for option in options:
        if option.duration_minutes <= 0:
            raise KahuiError(_("A meeting must end after it starts."))
        # A time the clocks skip that night is refused, as for a meeting.
        start = meeting_services.meeting_start(
            start_date=option.day, start_time=option.start, time_zone=time_zone
        )
        if start <= now:
            raise KahuiError(_("Candidate times must be in the future."))
        starts.append(start)
    if deadline is not None and deadline <= now:
        raise KahuiError(_("The deadline must be in the future."))
    if len(set(starts)) != len(starts):
        raise KahuiError(_("Two candidate times are the same."))
    poll = AvailabilityPoll.objects.create(
        group=group,
        title=title,
        description=description,
        time_zone=time_zone,
        deadline=deadline,
        created_by=by,
    )
    PollOption.objects.bulk_create(
        PollOption(poll=poll, starts_at=start, duration_minutes=o.duration_minutes, format=o.format)
        for start, o in zip(starts, options, strict=True)
    )
    activity.record(
        actor=by,
        action=PollActivity.CREATED,
        group=group,
        target=title,
        ref={"poll": str(poll.public_id)},
    )
    poll_url = reverse("scheduling:poll", args=[group.public_id, poll.public_id])
    _notify_members(
        group,
        category=Category.POLLS,
        title=_("When can you meet? %(title)s") % {"title": title},
        url=poll_url,
        template="poll_created",
        context={"poll": poll, "by": by.display_name, "poll_url": poll_url},
        skip=by,
    )
    return poll


@transaction.atomic
def poll_answer(
    *, poll: AvailabilityPoll, user, answers: Mapping[int, str], comment: str = ""
) -> PollResponse:
    """Record ``user``'s answers (option id → yes / maybe / no), replacing earlier ones."""
    poll = AvailabilityPoll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open:
        raise KahuiError(_("This poll is closed; your answers were not saved."))
    option_ids = set(poll.options.values_list("id", flat=True))
    if set(answers) - option_ids:
        raise KahuiError(_("Some answers are for times that are not in this poll."))
    if any(value not in Answer.values for value in answers.values()):
        raise KahuiError(_("Answer yes, if need be or no."))
    for option_id, value in answers.items():
        PollAnswer.objects.update_or_create(
            option_id=option_id, user=user, defaults={"answer": value}
        )
    response, _created = PollResponse.objects.update_or_create(
        poll=poll, user=user, defaults={"comment": comment}
    )
    activity.record(actor=user, action=PollActivity.ANSWERED, group=poll.group, target=poll.title)
    return response


@transaction.atomic
def poll_close(*, poll: AvailabilityPoll, by) -> AvailabilityPoll:
    if poll.closed_at is None:
        poll.closed_at = timezone.now()
        poll.save(update_fields=["closed_at", "updated_at"])
        activity.record(actor=by, action=PollActivity.CLOSED, group=poll.group, target=poll.title)
    return poll


def default_meeting_title(poll: AvailabilityPoll) -> str:
    """The title a meeting chosen from ``poll`` gets unless the facilitator types one:
    the poll's title, or, when that is a question (“When shall we meet?”), the group's
    name with “meeting”."""
    title = poll.title.strip()
    if title and not title.endswith("?"):
        return title
    return (_("%(group)s meeting") % {"group": poll.group.name})[:120]


@transaction.atomic
def poll_choose(
    *,
    poll: AvailabilityPoll,
    by,
    option: PollOption,
    title: str = "",
    repeat: str = "",
    location: str = "",
    online_url: str = "",
) -> list[Meeting]:
    """Turn the chosen time into a meeting (or the first of a series) and tell everyone.

    ``repeat`` is one of the patterns of :func:`recurrence.build_rule`; the series
    repeats on the weekday of the chosen time in the poll's time zone, whoever chooses
    it. A blank ``title`` becomes :func:`default_meeting_title`."""
    poll = AvailabilityPoll.objects.select_for_update().select_related("group").get(pk=poll.pk)
    if poll.meeting_id:
        raise KahuiError(_("A time was already chosen for this poll."))
    if option.poll_id != poll.pk:
        raise KahuiError(_("That time is not in this poll."))
    title = title.strip() or default_meeting_title(poll)
    local = option.starts_at.astimezone(ZoneInfo(poll.time_zone))
    repeat_rule, follow_terms = "", False
    if repeat:
        # Like a series from the schedule form: it ends with the term (or after ten
        # weeks without term dates) rather than running on through the holidays.
        until, follow_terms = meeting_services.default_series_end(
            group=poll.group, start_date=local.date()
        )
        try:
            repeat_rule = recurrence.build_rule(pattern=repeat, start=local.date(), until=until)
        except ValueError:
            raise KahuiError(_("Choose how the meeting repeats from the list.")) from None
    meetings = meeting_services.meetings_schedule(
        group=poll.group,
        by=by,
        plan=meeting_services.MeetingPlan(
            title=title,
            start_date=local.date(),
            start_time=local.time(),
            time_zone=poll.time_zone,
            duration_minutes=option.duration_minutes,
            format=option.format,
            location=location,
            online_url=online_url,
            rule=repeat_rule,
            follow_terms=follow_terms,
        ),
    )
    poll.chosen = option
    poll.meeting = meetings[0]
    poll.closed_at = poll.closed_at or timezone.now()
    poll.save(update_fields=["chosen", "meeting", "closed_at", "updated_at"])
    activity.record(
        actor=by,
        action=PollActivity.CHOSEN,
        group=poll.group,
        target=poll.title,
        ref={"poll": str(poll.public_id)},
    )
    meeting_url = reverse("meetings:detail", args=[poll.group.public_id, meetings[0].public_id])
    _notify_members(
        poll.group,
        category=Category.MEETINGS,
        title=_("Meeting time chosen: %(title)s") % {"title": title},
        url=meeting_url,
        template="poll_chosen",
        context={"poll": poll, "meeting": meetings[0], "meeting_url": meeting_url},
    )
    return meetings


def availability_for(user) -> WeeklyAvailability | None:
    return WeeklyAvailability.objects.filter(user=user).first()


@transaction.atomic
def availability_save(
    *, user, time_zone: str, cell_minutes: int, yes: int, if_need_be: int
) -> WeeklyAvailability:
    """Store a person's usual week. A cell is either yes or if need be, never both."""
    if cell_minutes not in (15, 30):
        raise KahuiError(_("Cells are 15 or 30 minutes."))
    cells = 7 * 24 * 60 // cell_minutes
    if yes >> cells or if_need_be >> cells or yes < 0 or if_need_be < 0:
        raise KahuiError(_("The week has more cells than expected; reload the page."))
    record, _created = WeeklyAvailability.objects.update_or_create(
        user=user,
        defaults={
            "time_zone": time_zone,
            "cell_minutes": cell_minutes,
            "yes": format(yes, "x"),
            "if_need_be": format(if_need_be & ~yes, "x"),
        },
    )
    return record
