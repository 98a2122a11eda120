from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.core.tokens import new_token
from kahui.groups.models import Format
from kahui.meetings.protocols import builtin_text


class StepKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in / whakawhanaungatanga")
    NORMS = "norms", _("Our agreements")
    REVIEW_ACTIONS = "review_actions", _("Review of last actions")
    LEARNING = "learning", _("Focus learning")
    EVIDENCE = "evidence", _("Looking at evidence or student work")
    DISCUSSION = "discussion", _("Discussion")
    PLANNING = "planning", _("Planning and next steps")
    REFLECTION = "reflection", _("Reflection and check-out")


class AgendaTemplateQuerySet(models.QuerySet["AgendaTemplate"]):
    def for_group(self, group) -> "AgendaTemplateQuerySet":
        """Built-in protocols and the group's own copies."""
        return self.filter(Q(group__isnull=True) | Q(group=group))


class AgendaTemplate(PublicId, TimeStamped):
    """A protocol: a fixed, timed structure of activities for a meeting."""

    group = models.ForeignKey(
        "groups.LearningGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agenda_templates",
    )
    key = models.SlugField(max_length=40, blank=True)  # built-in protocols only
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("when to use it"), max_length=1000, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AgendaTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(group__isnull=True), name="one_builtin_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def is_builtin(self) -> bool:
        return self.group_id is None

    # A built-in protocol is stored in English and shown in the reader's language;
    # a group's own protocol as the group wrote it.
    @property
    def shown_name(self) -> str:
        return builtin_text(self.name) if self.is_builtin else self.name

    @property
    def shown_description(self) -> str:
        return builtin_text(self.description) if self.is_builtin else self.description


class AgendaTemplateStep(models.Model):
    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("step"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StepKind.choices, default=StepKind.DISCUSSION
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    guidance = models.TextField(_("guidance"), max_length=1000, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        return builtin_text(self.title) if self.template.is_builtin else self.title

    @property
    def shown_guidance(self) -> str:
        return builtin_text(self.guidance) if self.template.is_builtin else self.guidance


class MeetingSeries(PublicId, TimeStamped):
    """A repeating meeting: an RFC 5545 rule in a time zone, for one group."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="meeting_series"
    )
    title = models.CharField(_("title"), max_length=120)
    rule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=300)
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("start time"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    location = models.CharField(_("room or place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    template = models.ForeignKey(
        AgendaTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_terms = models.BooleanField(_("only in term time"), default=False)
    skipped_dates = models.JSONField(default=list, blank=True)
    # Given to each meeting laid out later, as to the first ones.
    materials = models.TextField(_("materials for the meeting"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["start_date"]

    def __str__(self) -> str:
        return self.title

    @property
    def skipped_days_ahead(self) -> list[date]:
        """The holiday dates the series still has to skip (today included)."""
        today = datetime.now(ZoneInfo(self.time_zone)).date()
        days = (date.fromisoformat(day) for day in self.skipped_dates)
        return [day for day in days if day >= today]


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def held(self) -> "MeetingQuerySet":
        return self.filter(status=MeetingStatus.SCHEDULED)


class Meeting(PublicId, TimeStamped):
    """One meeting of a group, alone or as an occurrence of a series."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="meetings"
    )
    series = models.ForeignKey(
        MeetingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    # RFC 5545 RECURRENCE-ID: the occurrence's original start, kept when it is moved.
    original_start = models.DateTimeField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    location = models.CharField(_("room or place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Calendar invitations (iTIP SEQUENCE): raised by each change members' calendars must
    # follow; ``invited_sequence`` is the last one sent as an invitation (None: none yet).
    sequence = models.PositiveIntegerField(default=0)
    invited_sequence = models.PositiveIntegerField(null=True, blank=True)
    template = models.ForeignKey(
        AgendaTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("note-taker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    timekeeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("timekeeper"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_version = models.PositiveIntegerField(default=0)
    materials = models.TextField(_("materials for the meeting"), max_length=5000, blank=True)
    # The group's inquiry round and stage when the meeting is held: copied from the group
    # when it is scheduled, and again while it is still to come when the group moves on.
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["series", "original_start"],
                condition=Q(series__isnull=False),
                name="one_meeting_per_occurrence",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_moved(self) -> bool:
        return self.original_start is not None and self.original_start != self.starts_at


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("step"), max_length=120)
    kind = models.CharField(max_length=20, choices=StepKind.choices, default=StepKind.DISCUSSION)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class MinutesRevision(models.Model):
    """Every saved version of a meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_version")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.version}"


class Decision(PublicId, TimeStamped):
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="decisions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionLevel(models.TextChoices):
    """Who a planned action is for: the three levels a group plans at in Tātai."""

    UNIVERSAL = "universal", _("Universal — all learners")
    TARGETED = "targeted", _("Targeted — some learners")
    INDIVIDUAL = "individual", _("Individual — one learner")


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> "ActionItemQuerySet":
        return self.filter(status=ActionStatus.OPEN)


class ActionItem(PublicId, TimeStamped):
    """Something a member agreed to do; it comes back at each meeting until done."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="actions"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(_("for whom"), max_length=20, choices=ActionLevel.choices, blank=True)
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == ActionStatus.OPEN
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Apologies")
    ABSENT = "absent", _("Absent")


class Attendance(TimeStamped):
    """Who came, for how long. Minutes attended become professional-learning hours."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    minutes_attended = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(1440)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(status="present") | Q(minutes_attended=0),
                name="only_present_people_have_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}: {self.status}"


class NormReview(models.Model):
    """The group looked at its agreements together (prompted once a term)."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="norm_reviews"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed, if anything"), max_length=500, blank=True)

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.group} {self.reviewed_at:%Y-%m-%d}"


class MeetingGuest(PublicId, TimeStamped):
    """An outside expert invited to one meeting: sees its agenda and materials only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CalendarFeed(TimeStamped):
    """A private, revocable calendar subscription: a person's or a group's meetings."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    group = models.ForeignKey(
        "groups.LearningGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(group__isnull=False),
                name="feed_belongs_to_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.token[:6]


class MeetingClock(models.Model):
    """The timekeeper everyone at a meeting shares: which agenda step it is in, and how
    long that step has run. Made when the timer is first started.

    Time in the current step is ``step_elapsed`` seconds banked before the last pause,
    plus the time since ``step_started_at`` while it runs (None while paused)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, primary_key=True, related_name="clock"
    )
    # The agenda item's index (0 is the first); the number of items once it is finished.
    step = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField()
    step_started_at = models.DateTimeField(null=True, blank=True)
    step_elapsed = models.PositiveIntegerField(default=0)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.meeting} step {self.step}"

    @property
    def is_running(self) -> bool:
        return self.step_started_at is not None

    def elapsed(self, now: datetime) -> int:
        """Seconds spent in the current step at ``now``."""
        running = (now - self.step_started_at).total_seconds() if self.step_started_at else 0
        return self.step_elapsed + max(0, int(running))


class MinutesEditor(models.Model):
    """Someone has the minutes of a meeting open for editing: their page says so every
    twenty seconds or so, and the others see their name while it is recent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_minutes_editor")
        ]

    def __str__(self) -> str:
        return f"{self.user} editing {self.meeting}"
