"""Scheduling and running meetings: series, agendas, minutes, decisions, actions,
attendance, duties, guests and calendar feeds. Views call these."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kahui.accounts.models import User
from kahui.core import activity, search
from kahui.core.errors import Conflict, KahuiError
from kahui.groups.activity import GroupActivity
from kahui.groups.models import Format, LearningGroup
from kahui.meetings import recurrence
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaTemplate,
    AgendaTemplateStep,
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    Decision,
    Meeting,
    MeetingGuest,
    MeetingSeries,
    MeetingStatus,
    MinutesRevision,
    NormReview,
)
from kahui.meetings.rotation import suggest_duties
from kahui.meetings.selectors import attendance_people, calendar_feed, suggested_protocol
from kahui.notifications.models import Category
from kahui.notifications.services import notify, queue_email
from kahui.orgs.models import PeriodKind, SchoolPeriod

# How far ahead a series without an end date is laid out as meetings.
HORIZON_DAYS = 370

# A series that is to end “after a while” when the group has no term dates.
DEFAULT_SERIES_WEEKS = 10


def _copy_agendas(meetings: Sequence[Meeting], template: AgendaTemplate | None) -> None:
    """Give each meeting its own copy of the protocol's steps (editable per meeting)."""
    steps = list(template.steps.all()) if template else []
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=step.position,
            title=step.title,
            kind=step.kind,
            minutes=step.minutes,
            guidance=step.guidance,
        )
        for meeting in meetings
        for step in steps
    )


def school_periods(
    group: LearningGroup,
) -> tuple[list[recurrence.DateRange], list[recurrence.DateRange]]:
    """The terms and holidays that apply to the group: its organisation's terms (or
    else its cluster's), and the holidays and closures of both."""
    org = group.organisation
    if org is None:
        return [], []
    sources = [org.pk] + ([org.parent_id] if org.parent_id else [])
    periods = list(SchoolPeriod.objects.filter(organisation_id__in=sources))
    own_terms = [p for p in periods if p.kind == PeriodKind.TERM and p.organisation_id == org.pk]
    terms = own_terms or [p for p in periods if p.kind == PeriodKind.TERM]
    holidays = [p for p in periods if p.kind == PeriodKind.HOLIDAY]
    return (
        [recurrence.DateRange(p.first_day, p.last_day) for p in terms],
        [recurrence.DateRange(p.first_day, p.last_day) for p in holidays],
    )


@dataclass(frozen=True)
class MeetingPlan:
    """What a facilitator fills in to schedule one meeting or a series."""

    title: str
    start_date: date
    start_time: time
    time_zone: str
    duration_minutes: int
    format: str
    location: str = ""
    online_url: str = ""
    template: AgendaTemplate | None = None
    rule: str = ""  # empty: a one-off meeting
    follow_terms: bool = False
    materials: str = ""

    def check(self) -> None:
        """Refuse a plan the schedule form would refuse: a first meeting in the past or
        too far ahead, or no room or link where the format needs one. Every way of
        scheduling (the form, a poll's chosen time) goes through this."""
        start_date_check(start_date=self.start_date, time_zone=self.time_zone)
        place_check(format=self.format, location=self.location, online_url=self.online_url)


def place_needs(format: str) -> dict[str, str]:
    """What a meeting of ``format`` must have, as field name → what to ask when it
    is missing: a room for people meeting in person, a link for those joining online.
    The forms ask from this, and the services check it with :func:`place_check`."""
    needs = {}
    if format in (Format.IN_PERSON, Format.HYBRID):
        needs["location"] = _("Say where people meet in person.")
    if format in (Format.ONLINE, Format.HYBRID):
        needs["online_url"] = _("Add the link people will use to join online.")
    return needs


class PlaceMissing(KahuiError):
    """A meeting lacks the room or the link its format needs."""

    def __init__(self, missing: dict[str, str]) -> None:
        super().__init__(" ".join(missing.values()))
        self.missing = missing


def place_check(*, format: str, location: str, online_url: str) -> None:
    """Refuse an unknown format, or a meeting without the room or link it needs."""
    if format not in Format.values:
        raise KahuiError(_("Choose in person, online or hybrid."))
    given = {"location": location, "online_url": online_url}
    missing = {name: ask for name, ask in place_needs(format).items() if not given[name].strip()}
    if missing:
        raise PlaceMissing(missing)


def repeat_rule_check(rule: str) -> None:
    """Refuse a repeat rule that cannot be read or repeats more than once a day,
    saying what a good one looks like (never the parser's own words)."""
    try:
        recurrence.validate_rule(rule)
    except recurrence.TooFrequent:
        raise KahuiError(
            _("A meeting can repeat at most once a day: use FREQ=DAILY, WEEKLY or MONTHLY.")
        ) from None
    except ValueError:
        raise KahuiError(
            _(
                "Not a valid rule. Write it like FREQ=WEEKLY;INTERVAL=2;BYDAY=TU: FREQ=DAILY, "
                "WEEKLY or MONTHLY, then parts such as INTERVAL=2, BYDAY=MO,TH, COUNT=10 or "
                "UNTIL=20271218, each NAME=VALUE, separated by semicolons."
            )
        ) from None


def _day(day: date) -> str:
    return formats.date_format(day, "l j F Y")


class ClockSkipsTime(KahuiError):
    """The clocks go forward over the time asked for, so it does not exist that day."""


def meeting_start(*, start_date: date, start_time: time, time_zone: str) -> datetime:
    """When one meeting at this local date and time starts (aware, UTC), by the rule
    of :func:`recurrence.wall_clock`. A single meeting at a time the clocks jump over
    is refused, naming the first time there is, so nobody's meeting moves unasked;
    a time that happens twice is the first of the two."""
    when = recurrence.wall_clock(start_date, start_time, time_zone)
    if when.skipped:
        raise ClockSkipsTime(
            _(
                "%(time)s does not exist on %(day)s in %(zone)s: the clocks go forward "
                "that night. Choose %(first)s or later, or another day."
            )
            % {
                "time": f"{start_time:%H:%M}",
                "day": _day(start_date),
                "zone": time_zone,
                "first": f"{when.local(time_zone):%H:%M}",
            }
        )
    return when.instant


def clock_change_note(when: recurrence.WallClock, time_zone: str) -> str:
    """What happens to a meeting on a night the clocks change, in a sentence."""
    if when.skipped:
        return _(
            "On %(day)s the clocks go forward over %(time)s, so that meeting starts at "
            "%(start)s, for its full length."
        ) % {
            "day": _day(when.day),
            "time": f"{when.asked:%H:%M}",
            "start": f"{when.local(time_zone):%H:%M}",
        }
    if when.asked.fold:  # a chosen instant, e.g. a poll's time, in the second of the two
        return _(
            "On %(day)s the clocks go back and %(time)s happens twice: the meeting is at "
            "the second %(time)s, after the clocks change."
        ) % {"day": _day(when.day), "time": f"{when.asked:%H:%M}"}
    return _(
        "On %(day)s the clocks go back and %(time)s happens twice: the meeting is at the "
        "first %(time)s, before the clocks change."
    ) % {"day": _day(when.day), "time": f"{when.asked:%H:%M}"}


def term_of(group: LearningGroup, day: date) -> recurrence.DateRange | None:
    """The term ``day`` falls in, or else the next one to begin after it (a first
    meeting in the holidays belongs to the coming term); None without term dates."""
    terms, _holidays = school_periods(group)
    ahead = sorted((term for term in terms if term.last >= day), key=lambda term: term.first)
    return next((term for term in ahead if day in term), ahead[0] if ahead else None)


class SeriesEnd:
    """How a series chosen from the simple patterns ends."""

    TERM = "term"  # the last day of the first meeting's term
    WEEKS = "weeks"  # DEFAULT_SERIES_WEEKS after the first meeting
    DATE = "date"  # a date the facilitator chooses
    OPEN = "open"  # never: laid out a year ahead, and more added as it goes


def series_until(
    *, group: LearningGroup, start_date: date, ends: str, until: date | None = None
) -> date | None:
    """The last day a series may meet on, or None for one that keeps going."""
    match ends:
        case SeriesEnd.TERM:
            term = term_of(group, start_date)
            if term is None:
                raise KahuiError(
                    _(
                        "There are no term dates for %(day)s yet, so the series cannot end "
                        "with the term. Choose another ending, or ask an administrator of "
                        "your school to add the terms."
                    )
                    % {"day": _day(start_date)}
                )
            return term.last
        case SeriesEnd.WEEKS:
            return start_date + timedelta(weeks=DEFAULT_SERIES_WEEKS, days=-1)
        case SeriesEnd.DATE:
            if until is None:
                raise KahuiError(_("Choose the date of the last meeting."))
            if until < start_date:
                raise KahuiError(_("The last date must be after the first meeting."))
            return until
        case SeriesEnd.OPEN:
            return None
    raise KahuiError(_("Choose how the series ends."))


def default_series_end(*, group: LearningGroup, start_date: date) -> tuple[date, bool]:
    """How a series that nobody said how to end ends, as the schedule form proposes:
    with the term of its first meeting, keeping to term time, where the school has
    term dates; otherwise after :data:`DEFAULT_SERIES_WEEKS`. Returns the last day
    and whether the series keeps to term time."""
    ends = SeriesEnd.TERM if term_of(group, start_date) is not None else SeriesEnd.WEEKS
    until = series_until(group=group, start_date=start_date, ends=ends)
    assert until is not None  # only an open-ended series has no last day
    return until, ends == SeriesEnd.TERM


@dataclass(frozen=True)
class Layout:
    """The meetings a plan makes, worked out before anything is saved: the schedule
    form shows it, and :func:`meetings_schedule` saves exactly this."""

    starts: list[datetime]  # aware, UTC
    time_zone: str
    skipped: list[date] = field(default_factory=list)  # left out: holidays, outside terms
    in_holidays: list[date] = field(default_factory=list)  # kept although in a holiday
    clock_changes: list[recurrence.WallClock] = field(default_factory=list)
    repeats: bool = False  # a series, not one meeting
    open_ended: bool = False  # more meetings are laid out as the year goes on

    @property
    def notes(self) -> list[str]:
        return [clock_change_note(when, self.time_zone) for when in self.clock_changes]

    @property
    def fingerprint(self) -> str:
        """Names these dates: a form that showed them sends it back with its save."""
        text = ";".join(
            [*(s.isoformat() for s in self.starts), *(d.isoformat() for d in self.skipped)]
        )
        return hashlib.sha256(f"{text};{self.open_ended}".encode()).hexdigest()[:16]


def start_date_check(*, start_date: date, time_zone: str) -> None:
    """Refuse a first meeting before today, or more than three years ahead, counted
    in the meeting's own time zone (the forms show this as their own error)."""
    today = datetime.now(ZoneInfo(time_zone)).date()
    if start_date < today:
        raise KahuiError(_("The first meeting cannot be in the past."))
    if start_date > today + timedelta(days=3 * 365):
        raise KahuiError(_("Plan at most three years ahead."))


def meetings_layout(*, group: LearningGroup, plan: MeetingPlan) -> Layout:
    """The meetings ``plan`` would make, or the KahuiError that refuses its dates (the
    form shows the dates while other fields, such as the room, still need fixing)."""
    start_date_check(start_date=plan.start_date, time_zone=plan.time_zone)
    if not plan.rule:
        starts = meeting_start(
            start_date=plan.start_date, start_time=plan.start_time, time_zone=plan.time_zone
        )
        when = recurrence.wall_clock(plan.start_date, plan.start_time, plan.time_zone)
        return Layout(
            starts=[starts],
            time_zone=plan.time_zone,
            clock_changes=[when] if when.repeated else [],
        )
    repeat_rule_check(plan.rule)
    terms, holidays = school_periods(group)
    if plan.follow_terms and not terms:
        raise KahuiError(
            _("Your organisation has no term dates yet. Ask an administrator to add them.")
        )
    expansion = recurrence.expand(
        rule=plan.rule,
        start_date=plan.start_date,
        start_time=plan.start_time,
        time_zone=plan.time_zone,
        horizon=plan.start_date + timedelta(days=HORIZON_DAYS),
        terms=terms,
        holidays=holidays,
        follow_terms=plan.follow_terms,
    )
    if not expansion.occurrences:
        raise KahuiError(_("This rule gives no meetings. Check the dates and the term calendar."))
    if expansion.truncated:
        raise KahuiError(
            _(
                "This rule would make more than %(max)d meetings. Repeat less often or "
                "choose an earlier “Repeat until” date."
            )
            % {"max": recurrence.MAX_OCCURRENCES}
        )
    zone = ZoneInfo(plan.time_zone)
    days = [start.astimezone(zone).date() for start in expansion.occurrences]
    known = max((term.last for term in terms), default=None)

    def in_holidays(day: date) -> bool:  # between terms we know of, or in a closure
        between = known is not None and day <= known and not any(day in t for t in terms)
        return between or any(day in holiday for holiday in holidays)

    rule = plan.rule.upper()
    return Layout(
        starts=expansion.occurrences,
        time_zone=plan.time_zone,
        skipped=expansion.skipped,
        in_holidays=[day for day in days if in_holidays(day)],
        clock_changes=expansion.clock_changes,
        repeats=True,
        open_ended="UNTIL=" not in rule and "COUNT=" not in rule,
    )


@transaction.atomic
def meetings_schedule(*, group: LearningGroup, by, plan: MeetingPlan) -> list[Meeting]:
    """Schedule a one-off meeting, or a series laid out as meetings up to its end
    (or a year ahead), as :func:`meetings_layout` lays them out. Returns the meetings
    created, first one first."""
    plan.check()
    layout = meetings_layout(group=group, plan=plan)
    if plan.template is not None and plan.template.group_id not in (None, group.pk):
        raise KahuiError(_("Choose one of this group's protocols."))
    # A group that has not chosen a default follows the built-in regular meeting.
    template = plan.template or suggested_protocol(group)
    base = {
        "group": group,
        "title": plan.title,
        "time_zone": plan.time_zone,
        "format": plan.format,
        "location": plan.location,
        "online_url": plan.online_url,
        "template": template,
        "materials": plan.materials,
        "facilitator": by,
    }
    # Lengths are added to instants, never to wall-clock times, so a meeting keeps
    # its length on the night the clocks change.
    duration = timedelta(minutes=plan.duration_minutes)
    if not plan.rule:
        (starts,) = layout.starts
        meeting = Meeting.objects.create(starts_at=starts, ends_at=starts + duration, **base)
        _copy_agendas([meeting], template)
        _suggest_duties_for(meeting)
        activity.record(
            actor=by, action=MeetingActivity.SCHEDULED, group=group, target=meeting.title
        )
        return [meeting]

    series = MeetingSeries.objects.create(
        group=group,
        title=plan.title,
        rule=plan.rule,
        start_date=plan.start_date,
        start_time=plan.start_time,
        time_zone=plan.time_zone,
        duration_minutes=plan.duration_minutes,
        format=plan.format,
        location=plan.location,
        online_url=plan.online_url,
        template=template,
        follow_terms=plan.follow_terms,
        skipped_dates=[day.isoformat() for day in layout.skipped],
        materials=plan.materials,
        created_by=by,
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            series=series, original_start=start, starts_at=start, ends_at=start + duration, **base
        )
        for start in layout.starts
    )
    _copy_agendas(meetings, template)
    _suggest_duties_for(meetings[0])
    activity.record(
        actor=by,
        action=MeetingActivity.SERIES_SCHEDULED,
        group=group,
        target=plan.title,
        changes={"rule": activity.change(_("Repeats"), "", plan.rule)},
    )
    return meetings


def series_extend(*, series: MeetingSeries, today: date | None = None) -> list[Meeting]:
    """Lay out more meetings for an open-ended series whose last meeting is near, so
    a group that keeps going keeps its calendar."""
    if "UNTIL=" in series.rule or "COUNT=" in series.rule:
        return []
    if recurrence.frequency(series.rule) not in recurrence.ALLOWED_FREQUENCIES:
        return []  # laid out before faster rules were refused: never add more
    today = today or timezone.localdate()
    last = series.meetings.order_by("-original_start").first()
    if last is None:
        return []
    last_start = last.original_start or last.starts_at
    if last_start.date() > today + timedelta(days=60):
        return []
    terms, holidays = school_periods(series.group) if series.follow_terms else ([], [])
    expansion = recurrence.expand(
        rule=series.rule,
        start_date=series.start_date,
        start_time=series.start_time,
        time_zone=series.time_zone,
        horizon=today + timedelta(days=HORIZON_DAYS),
        terms=terms,
        holidays=holidays,
        follow_terms=series.follow_terms,
        limit=recurrence.MAX_OCCURRENCES,
        after=last_start.astimezone(ZoneInfo(series.time_zone)).replace(tzinfo=None),
    )
    existing = set(series.meetings.values_list("original_start", flat=True))
    fresh = [
        start for start in expansion.occurrences if start > last_start and start not in existing
    ]
    duration = timedelta(minutes=series.duration_minutes)
    with transaction.atomic():  # never meetings without their agendas
        meetings = Meeting.objects.bulk_create(
            Meeting(
                group=series.group,
                series=series,
                original_start=start,
                starts_at=start,
                ends_at=start + duration,
                title=series.title,
                time_zone=series.time_zone,
                format=series.format,
                location=series.location,
                online_url=series.online_url,
                template=series.template,
                materials=series.materials,
                facilitator=last.facilitator,
            )
            for start in fresh
        )
        _copy_agendas(meetings, series.template)
    return meetings


def duties_for_next_meetings(*, within: timedelta = timedelta(days=14)) -> int:
    """Suggest the note-taker and timekeeper, in turn, for meetings coming up soon
    (the scheduler calls this, so rotation follows who actually took each turn)."""
    soon = timezone.now() + within
    count = 0
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        starts_at__gt=timezone.now(),
        starts_at__lte=soon,
        group__rotate_duties=True,
    ).filter(models.Q(note_taker__isnull=True) | models.Q(timekeeper__isnull=True))
    for meeting in meetings.select_related("group").order_by("starts_at"):
        _suggest_duties_for(meeting)
        count += 1
    return count


def _suggest_duties_for(meeting: Meeting) -> None:
    """Fill the note-taker and timekeeper in turn, if the group rotates duties."""
    group = meeting.group
    if not group.rotate_duties or (meeting.note_taker_id and meeting.timekeeper_id):
        return
    members = list(group.memberships.order_by("created_at", "id").values_list("user_id", flat=True))
    past = list(
        Meeting.objects.filter(group=group, starts_at__lt=meeting.starts_at)
        .held()
        .order_by("starts_at")
        .values_list("note_taker_id", "timekeeper_id")
    )
    note_taker, timekeeper = suggest_duties(
        members,
        [row[0] for row in past],
        [row[1] for row in past],
        exclude=frozenset({meeting.facilitator_id}) if len(members) > 2 else frozenset(),
    )
    meeting.note_taker_id = meeting.note_taker_id or note_taker
    meeting.timekeeper_id = meeting.timekeeper_id or timekeeper
    meeting.save(update_fields=["note_taker", "timekeeper", "updated_at"])


def _moved_start(meeting: Meeting, start_date: date, start_time: time) -> datetime:
    """The new start of ``meeting``: its own when the local date and time are left as
    they were (a meeting in the second of two 02:30s stays there), else by the rule
    of :func:`meeting_start`."""
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.time_zone))
    if (local.date(), local.time().replace(fold=0)) == (start_date, start_time.replace(fold=0)):
        return meeting.starts_at
    return meeting_start(start_date=start_date, start_time=start_time, time_zone=meeting.time_zone)


def meeting_move_check(*, meeting: Meeting, start_date: date, start_time: time) -> None:
    """Refuse moving ``meeting`` into the past, or to a time the clocks jump over
    (:class:`ClockSkipsTime`). Changing the room of a meeting that took place is
    fine, so a start left as it was is always accepted."""
    starts = _moved_start(meeting, start_date, start_time)
    if starts != meeting.starts_at and starts < timezone.now():
        raise KahuiError(_("A meeting cannot be moved into the past."))


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    by,
    start_date: date,
    start_time: time,
    duration_minutes: int,
    location: str,
    online_url: str,
    format: str,
    title: str | None = None,
    materials: str | None = None,
) -> Meeting:
    """Move or change one meeting (one occurrence of a series keeps its identity).
    A ``title`` or ``materials`` of None keeps the meeting's own."""
    meeting_move_check(meeting=meeting, start_date=start_date, start_time=start_time)
    place_check(format=format, location=location, online_url=online_url)
    starts = _moved_start(meeting, start_date, start_time)
    labels = {
        "title": _("Title"),
        "when": _("When"),
        "location": _("Room or place"),
        "materials": _("Materials"),
    }
    before = {
        "title": meeting.title,
        "when": timezone.localtime(meeting.starts_at, ZoneInfo(meeting.time_zone)).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "location": meeting.location,
        "materials": meeting.materials,
    }
    meeting.title = meeting.title if title is None else title
    meeting.materials = meeting.materials if materials is None else materials
    meeting.starts_at = starts
    meeting.ends_at = starts + timedelta(minutes=duration_minutes)
    meeting.location = location
    meeting.online_url = online_url
    meeting.format = format
    meeting.save()
    after = {
        "title": meeting.title,
        "when": timezone.localtime(starts, ZoneInfo(meeting.time_zone)).strftime("%Y-%m-%d %H:%M"),
        "location": location,
        "materials": meeting.materials,
    }
    changes = activity.field_changes(before, after, labels)
    activity.record(
        actor=by,
        action=MeetingActivity.CHANGED,
        group=meeting.group,
        target=meeting.title,
        changes=changes,
    )
    if changes:
        _tell_members(meeting, by, _("Changed: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str = "") -> Meeting:
    if meeting.is_cancelled:
        raise KahuiError(_("This meeting is already cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.CANCELLED, group=meeting.group, target=meeting.title
    )
    _tell_members(meeting, by, _("Cancelled: %(title)s") % {"title": meeting.title})
    return meeting


def _tell_members(meeting: Meeting, by, title: str) -> None:
    notify(
        users=[
            m.user
            for m in meeting.group.memberships.select_related("user__profile")
            if m.user_id != by.pk
        ],
        category=Category.MEETINGS,
        title=title,
        url=reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id]),
        group=meeting.group,
        email_template="meeting_changed",
        context={
            "meeting": meeting,
            "headline": title,
            "meeting_url": reverse(
                "meetings:detail", args=[meeting.group.public_id, meeting.public_id]
            ),
        },
    )


@transaction.atomic
def meeting_restore(*, meeting: Meeting, by) -> Meeting:
    """Put a cancelled meeting back on; members, who were told it was cancelled, are
    told it is back."""
    if not meeting.is_cancelled:
        raise KahuiError(_("This meeting is not cancelled, so there is nothing to restore."))
    meeting.status = MeetingStatus.SCHEDULED
    meeting.cancel_reason = ""
    meeting.save(update_fields=["status", "cancel_reason", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.RESTORED, group=meeting.group, target=meeting.title
    )
    _tell_members(meeting, by, _("Back on: %(title)s") % {"title": meeting.title})
    return meeting


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
    search.index(
        kind="minutes",
        object_id=locked.pk,
        group_id=locked.group_id,
        title=_("Minutes: %(title)s") % {"title": locked.title},
        body=text,
        url=reverse("meetings:detail", args=[locked.group.public_id, locked.public_id]),
    )
    activity.record(
        actor=by, action=MeetingActivity.MINUTES_SAVED, group=locked.group, target=locked.title
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def decision_record(*, meeting: Meeting, by, text: str) -> Decision:
    decision = Decision.objects.create(
        group=meeting.group, meeting=meeting, text=text, recorded_by=by
    )
    activity.record(actor=by, action=MeetingActivity.DECISION, group=meeting.group, target=text)
    search.index(
        kind="decision",
        object_id=decision.pk,
        group_id=meeting.group_id,
        title=_("Decision: %(title)s") % {"title": meeting.title},
        body=text,
        url=reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])
        + "#decisions",
    )
    return decision


def _check_member(group: LearningGroup, user) -> None:
    if user is not None and not group.memberships.filter(user=user).exists():
        raise KahuiError(_("The person must be a member of the group."))


def due_date_check(due_on: date | None) -> None:
    """Refuse a due date that is surely a slip: over a year ago or years ahead."""
    if due_on is None:
        return
    today = timezone.localdate()
    if due_on < today - timedelta(days=365):
        raise KahuiError(_("That due date is more than a year ago: check the year."))
    if due_on > today + timedelta(days=5 * 365):
        raise KahuiError(_("Choose a due date in the next five years."))


@transaction.atomic
def action_add(
    *, group: LearningGroup, by, text: str, owner=None, due_on: date | None = None, meeting=None
) -> ActionItem:
    _check_member(group, owner)
    due_date_check(due_on)
    action = ActionItem.objects.create(
        group=group, meeting=meeting, text=text, owner=owner, due_on=due_on, created_by=by
    )
    activity.record(actor=by, action=MeetingActivity.ACTION_ADDED, group=group, target=text)
    if owner is not None and owner != by:
        notify(
            users=[owner],
            category=Category.ACTIONS,
            title=_("New action for you: %(text)s") % {"text": text},
            url=reverse("meetings:my_actions"),
            group=group,
            email_template="action_assigned",
            context={"action": action, "group": group, "by": by.display_name},
        )
    return action


@transaction.atomic
def action_set_status(*, action: ActionItem, by, status: str) -> ActionItem:
    if status not in ActionStatus.values:
        raise KahuiError(_("Unknown status."))
    old = action.get_status_display()
    action.status = status
    action.completed_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "completed_at", "updated_at"])
    activity.record(
        actor=by,
        action=MeetingActivity.ACTION_STATUS,
        group=action.group,
        target=action.text,
        changes={"status": activity.change(_("Status"), old, action.get_status_display())},
    )
    return action


@dataclass(frozen=True)
class AttendanceRow:
    user_id: int
    status: str
    minutes_attended: int


def attendance_closed_reason(meeting: Meeting) -> str:
    """Why attendance cannot be recorded for ``meeting`` yet (empty when it can)."""
    if meeting.is_cancelled:
        return _("This meeting was cancelled, so there is no attendance to record.")
    if not meeting.has_started:
        return _("Attendance can be recorded once the meeting has started.")
    return ""


@transaction.atomic
def attendance_record(*, meeting: Meeting, by, rows: Sequence[AttendanceRow]) -> None:
    """Record who came and for how long; replaces earlier marks for these people.
    Only for the people :func:`~kahui.meetings.selectors.attendance_people` expects:
    who was a member when the meeting began, or is already marked or on duty there."""
    if reason := attendance_closed_reason(meeting):
        raise KahuiError(reason)
    expected = {user.pk for user in attendance_people(meeting)}
    for row in rows:
        if row.user_id not in expected:
            raise KahuiError(
                _("Attendance can only be recorded for people who were members at the meeting.")
            )
        if row.status not in AttendanceStatus.values:
            raise KahuiError(_("Unknown attendance status."))
        minutes = row.minutes_attended if row.status == AttendanceStatus.PRESENT else 0
        if minutes > meeting.duration_minutes * 2:
            raise KahuiError(_("Minutes attended look too long for this meeting."))
        Attendance.objects.update_or_create(
            meeting=meeting,
            user_id=row.user_id,
            defaults={"status": row.status, "minutes_attended": minutes, "recorded_by": by},
        )
    activity.record(
        actor=by, action=MeetingActivity.ATTENDANCE, group=meeting.group, target=meeting.title
    )


@transaction.atomic
def duties_assign(*, meeting: Meeting, by, facilitator, note_taker, timekeeper) -> Meeting:
    for person in (facilitator, note_taker, timekeeper):
        _check_member(meeting.group, person)
    meeting.facilitator = facilitator
    meeting.note_taker = note_taker
    meeting.timekeeper = timekeeper
    meeting.save(update_fields=["facilitator", "note_taker", "timekeeper", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.DUTIES, group=meeting.group, target=meeting.title
    )
    return meeting


@transaction.atomic
def norms_reviewed(
    *, group: LearningGroup, by, meeting: Meeting | None, note: str = ""
) -> NormReview:
    review = NormReview.objects.create(group=group, meeting=meeting, reviewed_by=by, note=note)
    activity.record(actor=by, action=GroupActivity.NORMS_REVIEWED, group=group, target=note)
    return review


@transaction.atomic
def template_copy(*, template: AgendaTemplate, group: LearningGroup, by) -> AgendaTemplate:
    """Copy a protocol into the group so it can be adapted."""
    copy = AgendaTemplate.objects.create(
        group=group,
        name=_("%(name)s (our version)") % {"name": template.name},
        description=template.description,
        copied_from=template,
    )
    AgendaTemplateStep.objects.bulk_create(
        AgendaTemplateStep(
            template=copy,
            position=step.position,
            title=step.title,
            kind=step.kind,
            minutes=step.minutes,
            guidance=step.guidance,
        )
        for step in template.steps.all()
    )
    activity.record(actor=by, action=MeetingActivity.TEMPLATE_COPIED, group=group, target=copy.name)
    return copy


@dataclass(frozen=True)
class StepEdit:
    title: str
    kind: str
    minutes: int
    guidance: str


@transaction.atomic
def agenda_save(*, meeting: Meeting, by, items: Sequence[StepEdit]) -> list[AgendaItem]:
    """Replace one meeting's agenda (its own copy of the protocol's steps) with
    ``items``, in that order; an empty list leaves the meeting without a fixed agenda."""
    before = [f"{item.title} ({item.minutes})" for item in meeting.agenda.all()]
    meeting.agenda.all().delete()
    agenda = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index, **vars(item))
        for index, item in enumerate(items, start=1)
    )
    after = [f"{item.title} ({item.minutes})" for item in agenda]
    activity.record(
        actor=by,
        action=MeetingActivity.AGENDA_CHANGED,
        group=meeting.group,
        target=meeting.title,
        changes=activity.field_changes(
            {"agenda": before}, {"agenda": after}, {"agenda": _("Agenda")}
        ),
    )
    return agenda


@transaction.atomic
def template_save(
    *, template: AgendaTemplate, by, name: str, description: str, steps: Sequence[StepEdit]
) -> AgendaTemplate:
    if template.is_builtin:
        raise KahuiError(_("Built-in protocols cannot be changed; copy one first."))
    if not steps:
        raise KahuiError(_("A protocol needs at least one step."))
    template.name = name
    template.description = description
    template.save()
    template.steps.all().delete()
    AgendaTemplateStep.objects.bulk_create(
        AgendaTemplateStep(template=template, position=index, **vars(step))
        for index, step in enumerate(steps, start=1)
    )
    activity.record(
        actor=by, action=MeetingActivity.TEMPLATE_CHANGED, group=template.group, target=name
    )
    return template


@transaction.atomic
def template_make_default(*, template: AgendaTemplate, group: LearningGroup, by) -> None:
    if template.group_id not in (None, group.pk):
        raise KahuiError(_("Choose one of this group's protocols."))
    group.default_template = template
    group.save(update_fields=["default_template", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.TEMPLATE_DEFAULT, group=group, target=template.name
    )


@transaction.atomic
def guest_invite(*, meeting: Meeting, by, name: str, email: str) -> MeetingGuest:
    guest = MeetingGuest.objects.create(meeting=meeting, name=name, email=email, invited_by=by)
    activity.record(
        actor=by, action=MeetingActivity.GUEST_INVITED, group=meeting.group, target=name
    )
    queue_email(
        key=f"guest:{guest.public_id}",
        email=email,
        category=Category.MEETINGS,
        template="meeting_guest",
        context={
            "meeting": meeting,
            "guest": guest,
            "inviter": by.display_name,
            "guest_url": reverse("meetings:guest", args=[guest.token]),
        },
    )
    return guest


@transaction.atomic
def guest_revoke(*, guest: MeetingGuest, by) -> None:
    guest.revoked_at = timezone.now()
    guest.save(update_fields=["revoked_at", "updated_at"])
    activity.record(
        actor=by, action=MeetingActivity.GUEST_REVOKED, group=guest.meeting.group, target=guest.name
    )


@transaction.atomic
def feed_for(*, user, group: LearningGroup | None = None) -> CalendarFeed:
    """The current calendar subscription of a person (for ``group``, or for all their
    groups), made if they have none: asking twice gives the same address."""
    # The person's row is locked, so two requests at once make one address.
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    return calendar_feed(user=user, group=group) or CalendarFeed.objects.create(
        user=user, group=group
    )


@transaction.atomic
def feed_reset(*, user=None, group: LearningGroup | None = None) -> CalendarFeed:
    """Revoke the old subscription address and make a new one."""
    CalendarFeed.objects.filter(user=user, group=group, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarFeed.objects.create(user=user, group=group)


def can_record_attendance(meeting: Meeting, user, is_facilitator: bool) -> bool:
    return is_facilitator or user.pk in {meeting.note_taker_id, meeting.facilitator_id}
