"""Backdating: histories that span months, not one second.

The services stamp rows with the real time; :class:`Timeline` moves each build step's
stamps back to the moment the story says it happened, counted in school days."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, models
from django.utils import timezone

from kahui.core.models import ActivityEntry
from kahui.demo.data.calendars import SchoolCalendar, school_day_offsets
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE
from kahui.groups.models import Goal, GroupInvite, GroupMembership, JoinRequest, LearningGroup, Norm
from kahui.health.models import HealthSettings
from kahui.inquiry.models import (
    AssessmentDataSet,
    EvidenceItem,
    GoalMeasure,
    GoalReading,
    GoalRevisit,
    InquiryCycle,
    StageMove,
    StageRecord,
    StageRecordRevision,
    Trial,
)
from kahui.meetings.models import (
    ActionItem,
    AgendaTemplate,
    Attendance,
    Decision,
    Meeting,
    MeetingGuest,
    MeetingSeries,
    MinutesRevision,
    NormReview,
)
from kahui.orgs.models import Organisation, OrgMembership
from kahui.proposals.models import DecisionRules, Proposal, Response
from kahui.recognition.models import Celebration, Certificate, Kudos, LearningActivity
from kahui.reflection.models import (
    FeedbackAnswer,
    FeedbackRequest,
    GoalNote,
    JournalEntry,
    PersonalGoal,
    PortfolioItem,
    ReflectionAsk,
)
from kahui.retrospective.models import Retrospective

# Columns the services fill with "now"; a step's values are moved to its simulated time.
TIME_COLUMNS: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (ActivityEntry, ("created_at",)),
    (Organisation, ("created_at", "updated_at")),
    (OrgMembership, ("created_at", "updated_at")),
    (LearningGroup, ("created_at", "updated_at", "stage_changed_at")),
    (GroupMembership, ("created_at", "updated_at")),
    (Goal, ("created_at", "updated_at")),
    (Norm, ("created_at", "updated_at")),
    (GroupInvite, ("created_at", "updated_at", "accepted_at")),
    (JoinRequest, ("created_at", "updated_at", "decided_at")),
    (AgendaTemplate, ("created_at", "updated_at")),
    (MeetingSeries, ("created_at", "updated_at")),
    (Meeting, ("created_at", "updated_at")),
    (MinutesRevision, ("saved_at",)),
    (Decision, ("created_at", "updated_at")),
    (ActionItem, ("created_at", "updated_at", "completed_at")),
    (Attendance, ("created_at", "updated_at")),
    (NormReview, ("reviewed_at",)),
    (MeetingGuest, ("created_at", "updated_at")),
    (InquiryCycle, ("created_at", "updated_at", "stage_changed_at", "ended_at")),
    (StageMove, ("moved_at",)),
    (StageRecord, ("created_at", "updated_at")),
    (StageRecordRevision, ("saved_at",)),
    (Trial, ("created_at", "updated_at")),
    (GoalMeasure, ("created_at", "updated_at")),
    (GoalReading, ("created_at", "updated_at")),
    (GoalRevisit, ("created_at", "updated_at")),
    (EvidenceItem, ("created_at", "updated_at")),
    (AssessmentDataSet, ("created_at", "updated_at")),
    (DecisionRules, ("created_at", "updated_at")),
    # Not the deadline: an open proposal's lies ahead (the builder sets a past one).
    (Proposal, ("created_at", "updated_at", "closed_at")),
    (Response, ("created_at", "updated_at")),
    (Retrospective, ("created_at", "updated_at")),
    (HealthSettings, ("updated_at",)),
    (Kudos, ("created_at", "updated_at")),
    (Celebration, ("created_at",)),
    (LearningActivity, ("created_at", "updated_at")),
    (Certificate, ("created_at", "updated_at", "decided_at")),
    (PersonalGoal, ("created_at", "updated_at")),
    (GoalNote, ("created_at", "updated_at")),
    (JournalEntry, ("created_at", "updated_at", "shared_at")),
    (ReflectionAsk, ("created_at", "updated_at")),
    (FeedbackRequest, ("created_at", "updated_at")),
    (FeedbackAnswer, ("created_at", "updated_at", "answered_at")),
    (PortfolioItem, ("created_at", "updated_at")),
)


class Timeline:
    """Runs build steps "at" simulated moments in the past.

    Services stamp rows with the real time. Inside ``at(when)`` every such column
    written during the step (its value is at or after the step's real start) is
    rewritten to ``when``. Earlier steps already hold past times, so they are never
    touched again.

    The story's "days ago" are school days of the country whose time zone a step runs
    in (see :func:`school_day_offsets`)."""

    STORY_DAYS = 600  # school days back: the oldest step is the network founded 70 weeks ago

    def __init__(self, now: datetime, calendars: Sequence[SchoolCalendar]) -> None:
        self.now = now
        # One plain UPDATE per column, written once: a build runs about 750 steps.
        quote = connection.ops.quote_name
        self.rewrites = [
            f"UPDATE {quote(model._meta.db_table)} SET {quote(name)} = %s WHERE {quote(name)} >= %s"
            for model, columns in TIME_COLUMNS
            for name in (model._meta.get_field(column).column for column in columns)
        ]
        self.offsets: dict[str, list[int]] = {}
        for tz, org in ((NZ_TIME_ZONE, "cl"), (NL_TIME_ZONE, "nl")):
            periods = [p for c in calendars if c.organisation == org for p in c.periods]
            today = now.astimezone(ZoneInfo(tz)).date()
            self.offsets[tz] = school_day_offsets(today, periods, self.STORY_DAYS)

    def calendar_days(self, days_ago: float, tz: str) -> float:
        """``days_ago`` school days in ``tz``'s country, in calendar days."""
        offsets = self.offsets.get(tz)
        if not offsets:
            return days_ago
        whole = int(days_ago)
        if whole >= len(offsets):
            return offsets[-1] + days_ago - (len(offsets) - 1)
        return offsets[whole] + days_ago - whole

    def day(
        self, days_ago: float, hour: int, minute: int = 0, *, tz: str, school_days: bool = True
    ) -> datetime:
        """``hour:minute`` local time, ``days_ago`` (school) days before now, never in
        the future."""
        back = self.calendar_days(days_ago, tz) if school_days else days_ago
        local = (self.now - timedelta(days=back)).astimezone(ZoneInfo(tz))
        moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return min(moment, self.now - timedelta(minutes=20))

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        started = timezone.now()
        yield
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            for sql in self.rewrites:
                cursor.execute(sql, [adapt(when), adapt(started)])
