"""Planning meetings: one meeting or a series, its rule, its end and the school terms
it follows, laid out as meetings before anything is saved; keeping open series laid
out a year ahead, and suggesting whose turn a duty is."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.groups.models import Format, LearningGroup
from kahui.meetings import recurrence
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import AgendaItem, AgendaTemplate, Meeting, MeetingSeries, MeetingStatus
from kahui.meetings.rotation import suggest_duties
from kahui.meetings.selectors import suggested_protocol
from kahui.meetings.services.indexing import meetings_index
from kahui.meetings.services.protocols import protocol_steps
from kahui.orgs.models import PeriodKind, SchoolPeriod

# How far ahead a series without an end date is laid out as meetings.
HORIZON_DAYS = 370

# A series that is to end “after a while” when the group has no term dates.
DEFAULT_SERIES_WEEKS = 10


def _copy_agendas(
    meetings: Sequence[Meeting], template: AgendaTemplate | None, group: LearningGroup
) -> None:
    """Give each meeting its own copy of the protocol's steps (editable per meeting),
    a built-in protocol's in the group's language."""
    steps = protocol_steps(template, group.language) if template else []
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, **vars(step))
        for meeting in meetings
        for position, step in steps
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


def _inquiry_stamp(group: LearningGroup) -> dict[str, Any]:
    """The group's inquiry round and stage, which meetings, decisions and actions keep
    as plain values so that the inquiry can show what happened in each stage."""
    return {"cycle": group.cycle, "stage": group.stage}


def meetings_follow_stage(*, group: LearningGroup) -> int:
    """Give the group's meetings still to come its current inquiry round and stage,
    so that each meeting is filed under the stage it is held in. Called when the group
    moves on; returns how many meetings changed."""
    return (
        Meeting.objects.filter(group=group, starts_at__gt=timezone.now())
        .exclude(cycle=group.cycle, stage=group.stage)
        .update(**_inquiry_stamp(group))
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
        **_inquiry_stamp(group),
    }
    # Lengths are added to instants, never to wall-clock times, so a meeting keeps
    # its length on the night the clocks change.
    duration = timedelta(minutes=plan.duration_minutes)
    if not plan.rule:
        (starts,) = layout.starts
        meeting = Meeting.objects.create(starts_at=starts, ends_at=starts + duration, **base)
        _copy_agendas([meeting], template, group)
        meetings_index([meeting])
        _suggest_duties_for(meeting)
        activity.record(
            actor=by,
            action=MeetingActivity.SCHEDULED,
            group=group,
            target=meeting.title,
            ref={"meeting": str(meeting.public_id)},
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
    _copy_agendas(meetings, template, group)
    meetings_index(meetings)
    _suggest_duties_for(meetings[0])
    activity.record(
        actor=by,
        action=MeetingActivity.SERIES_SCHEDULED,
        group=group,
        target=plan.title,
        changes={"rule": activity.change(_("Repeats"), "", plan.rule)},
        ref={"meeting": str(meetings[0].public_id)} if meetings else {},
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
                **_inquiry_stamp(series.group),
            )
            for start in fresh
        )
        _copy_agendas(meetings, series.template, series.group)
        meetings_index(meetings)
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
