"""Reading polls and availability."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from kahui.accounts.models import User
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
from kahui.meetings.models import Meeting, MeetingStatus
from kahui.scheduling import slots
from kahui.scheduling.models import (
    Answer,
    AvailabilityPoll,
    PollAnswer,
    PollOption,
    WeeklyAvailability,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class AnswerCounts(TypedDict):
    yes: int
    maybe: int
    no: int


def polls_of(group: LearningGroup) -> QuerySet[AvailabilityPoll]:
    return (
        group.polls.annotate(responders=Count("responses", distinct=True))
        .select_related("chosen", "meeting")
        .order_by("-created_at", "-pk")
    )


def ranked_options(poll: AvailabilityPoll) -> "list[WithAnnotations[PollOption, AnswerCounts]]":
    """The poll's options, best first: most people can come, then fewest "if need be",
    then earliest. Each option carries ``yes``, ``maybe`` and ``no`` counts."""
    options = poll.options.annotate(
        yes=Count("answers", filter=Q(answers__answer=Answer.YES)),
        maybe=Count("answers", filter=Q(answers__answer=Answer.IF_NEED_BE)),
        no=Count("answers", filter=Q(answers__answer=Answer.NO)),
    )
    return sorted(options, key=lambda o: (-(o.yes + o.maybe), o.maybe, o.starts_at))


@dataclass(frozen=True)
class GridRow:
    user: object
    answers: list[str]  # per option, in option order; "" when not answered
    comment: str


def answer_grid(
    poll: AvailabilityPoll, options: Sequence[PollOption]
) -> tuple[list[GridRow], list[User]]:
    """One row per member who answered, and the members who have not answered yet."""
    members = [
        m.user
        for m in poll.group.memberships.select_related("user__profile").order_by(
            "user__profile__display_name"
        )
    ]
    answers = {
        (a.option_id, a.user_id): a.answer for a in PollAnswer.objects.filter(option__poll=poll)
    }
    comments = dict(poll.responses.values_list("user_id", "comment"))
    rows, waiting = [], []
    for user in members:
        if user.pk not in comments:
            waiting.append(user)
            continue
        rows.append(
            GridRow(
                user=user,
                answers=[answers.get((o.pk, user.pk), "") for o in options],
                comment=comments[user.pk],
            )
        )
    return rows, waiting


def my_answers(poll: AvailabilityPoll, user) -> dict[int, str]:
    return dict(
        PollAnswer.objects.filter(option__poll=poll, user=user).values_list("option_id", "answer")
    )


def people_of(
    group: LearningGroup, *, busy_from: datetime, busy_to: datetime
) -> list[slots.Person]:
    """The group's members as inputs to the finder: their usual week, whether they
    are required (facilitators), and the Kāhui meetings they already have."""
    memberships = list(group.memberships.select_related("user"))
    user_ids = [m.user_id for m in memberships]
    weeks = {w.user_id: w for w in WeeklyAvailability.objects.filter(user_id__in=user_ids)}
    busy: dict[int, list[tuple[datetime, datetime]]] = {uid: [] for uid in user_ids}
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.SCHEDULED,
            starts_at__lt=busy_to,
            ends_at__gt=busy_from,
            group__memberships__user_id__in=user_ids,
        )
        .values_list("group__memberships__user_id", "starts_at", "ends_at")
        .distinct()
    )
    for user_id, start, end in meetings:
        busy[user_id].append((start, end))
    people = []
    for membership in memberships:
        week = weeks.get(membership.user_id)
        if week is None:
            continue
        people.append(
            slots.Person(
                id=membership.user_id,
                time_zone=week.time_zone,
                yes=resample(week.yes_mask, week.cell_minutes),
                if_need_be=resample(week.if_need_be_mask, week.cell_minutes),
                required=membership.role == GroupRole.FACILITATOR,
                busy=busy[membership.user_id],
            )
        )
    return people


def resample(mask: int, cell_minutes: int, target: int = 30) -> int:
    """A 15-minute week as a 30-minute week (a half hour counts when both quarters do)."""
    if cell_minutes == target:
        return mask
    result = 0
    for cell in range(7 * 24 * 60 // target):
        if (mask >> (2 * cell)) & 0b11 == 0b11:
            result |= 1 << cell
    return result


def members_without_availability(group: LearningGroup) -> QuerySet[GroupMembership]:
    return group.memberships.filter(user__weekly_availability__isnull=True).select_related(
        "user__profile"
    )


def finder_window(today: date | None = None) -> tuple[date, datetime, datetime]:
    first = (today or timezone.localdate()) + timedelta(days=7)
    start = timezone.make_aware(
        datetime.combine(first - timedelta(days=first.weekday()), datetime.min.time())
    )
    return first, start, start + timedelta(weeks=4, days=1)


def polls_awaiting(user) -> list[AvailabilityPoll]:
    """The open polls of ``user``'s groups that ``user`` has not answered yet,
    closing soonest first."""
    return list(
        AvailabilityPoll.objects.open()
        .filter(group__in=GroupMembership.objects.filter(user=user).values("group"))
        .exclude(responses__user=user)
        .select_related("group")
        .order_by(F("deadline").asc(nulls_last=True), "id")
    )
