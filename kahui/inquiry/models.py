"""A group's inquiry cycles and what each stage produces.

A cycle (a round of inquiry) follows one model of inquiry (``models_of_inquiry``) from
its first stage to its last; a group has at most one open cycle. Each stage keeps one
record of its texts (``StageRecord``, versioned like minutes) and who led it; trials,
goal measures and readings, and the goals to revisit are rows of their own. Meetings,
decisions and actions stay in meetings: they carry the round and stage they happened
in, and the inquiry reads them from there.

Evidence items and assessment data sets belong to a cycle and a stage and optionally
a goal, as trials and readings do; a data set tied to a goal adds the goal's reading
(``GoalReading.data_set``), which moves with it. A data set's rows carry learner codes
or group labels, never names."""

import math
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.groups.stages import Stage
from kahui.inquiry.models_of_inquiry import DEFAULT_MODEL, InquiryModel, InquiryStage, model_for

GROUP_STAGES = tuple(Stage.values)


def follows_group(model: InquiryModel) -> bool:
    """Whether ``model``'s stages are the group's own, He Pikorua's: a cycle of such a
    model moves the group's ``stage`` and ``cycle`` fields, which every other page
    (the group home, the cards, the meetings) reads."""
    return model.stage_keys == GROUP_STAGES


def finite(value: float) -> None:
    if not math.isfinite(value):
        raise ValidationError(_("Enter a number."))


class InquiryCycleQuerySet(models.QuerySet["InquiryCycle"]):
    def open(self) -> "InquiryCycleQuerySet":
        return self.filter(ended_at__isnull=True)

    def ended(self) -> "InquiryCycleQuerySet":
        return self.filter(ended_at__isnull=False)


class InquiryCycle(PublicId, TimeStamped):
    """One round of a group's inquiry: a question, the goals it serves, and the stages
    of its model of inquiry, one at a time."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="inquiry_cycles"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    model = models.CharField(_("model of inquiry"), max_length=30, default=DEFAULT_MODEL.key)
    question = models.CharField(_("inquiry question"), max_length=300)
    goals = models.ManyToManyField(
        "groups.Goal", verbose_name=_("goals"), blank=True, related_name="inquiry_cycles"
    )
    # The stage the cycle is in. A cycle that follows the group's own stages (He
    # Pikorua) moves the group with it, and while it is open the group's stage is the
    # one that counts (``InquiryCycle.stage_key``).
    stage = models.CharField(_("stage"), max_length=20)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    carried_forward = models.TextField(
        _("carried forward from the last round"), max_length=10000, blank=True
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycle"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InquiryCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="one_inquiry_cycle_per_round"),
            models.UniqueConstraint(
                fields=["group"], condition=Q(ended_at__isnull=True), name="one_open_inquiry_cycle"
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def inquiry_model(self) -> InquiryModel:
        return model_for(self.model)

    @property
    def follows_group(self) -> bool:
        """Whether the cycle's stages are the group's own (He Pikorua's), which the
        group's ``stage`` field holds for every page to show."""
        return follows_group(self.inquiry_model)

    @property
    def stage_key(self) -> str:
        """The stage the cycle is in now: the group's, while an open cycle follows it."""
        if self.is_open and self.follows_group:
            return self.group.stage
        return self.stage

    @property
    def current_stage(self) -> InquiryStage:
        return self.inquiry_model.stage(self.stage_key)


class StageMove(models.Model):
    """The cycle moved from one stage to the next (or started, or ended)."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField(max_length=20, blank=True)  # empty: the cycle started
    to_stage = models.CharField(max_length=20, blank=True)  # empty: the cycle ended
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["moved_at", "id"]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.from_stage or '…'} → {self.to_stage or '…'}"


class StageRecord(TimeStamped):
    """What the group wrote for one stage of a cycle: a text for each of the stage's
    fields (Markdown for the long ones), and who led the stage's work. Saved with
    optimistic locking on ``version``; every saved version is kept."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="records")
    stage = models.CharField(max_length=20)
    values = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who led this stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "stage"], name="one_record_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.stage}"


class StageRecordRevision(models.Model):
    """Every saved version of a stage record."""

    record = models.ForeignKey(StageRecord, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    values = models.JSONField(default=dict)
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["record", "version"], name="one_record_version")
        ]

    def __str__(self) -> str:
        return f"{self.record} v{self.version}"


class StageComment(PublicId, TimeStamped):
    """A comment on one stage's work, by a member or a supporter of the group (an
    RTLB's question on the sense-making, a coach's suggestion): the group reads it
    beside what it wrote; nobody edits what another wrote."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="comments")
    stage = models.CharField(max_length=20)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=3000)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["cycle", "stage"], name="stage_comment_lookup")]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.stage}: {self.body[:40]}"


class Trial(PublicId, TimeStamped):
    """One entry of the log of what was tried in practice, and what happened."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="trials")
    stage = models.CharField(max_length=20)
    strategy = models.CharField(_("what we tried"), max_length=300)
    outcome = models.TextField(_("what happened"), max_length=5000)
    tried_on = models.DateField(_("when"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.strategy


class GoalMeasure(PublicId, TimeStamped):
    """How a group goal is measured: what, on which unit or scale, where it started
    (the baseline, on ``starts_on``) and where the group aims to be by ``due_on``.

    Every goal a cycle serves has one, empty until the group sets it, so the goal has
    an address of its own on the inquiry pages."""

    goal = models.OneToOneField("groups.Goal", on_delete=models.CASCADE, related_name="measure")
    name = models.CharField(_("measure"), max_length=200, blank=True)
    unit = models.CharField(_("unit or scale"), max_length=40, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True, validators=[finite])
    target = models.FloatField(_("target"), null=True, blank=True, validators=[finite])
    starts_on = models.DateField(_("baseline taken on"), null=True, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)

    def __str__(self) -> str:
        return self.name or str(self.goal_id)

    @property
    def is_set(self) -> bool:
        return bool(self.name) and self.baseline is not None and self.target is not None


class GoalReading(TimeStamped):
    """One dated reading of a goal's measure, typed in (later also read from an
    assessment data set)."""

    measure = models.ForeignKey(GoalMeasure, on_delete=models.CASCADE, related_name="readings")
    taken_on = models.DateField(_("date"))
    value = models.FloatField(_("value"), validators=[finite])
    note = models.CharField(_("note"), max_length=300, blank=True)
    cycle = models.ForeignKey(
        InquiryCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="readings"
    )
    stage = models.CharField(max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The data set the reading was read from: it changes and goes with the data set.
    data_set = models.OneToOneField(
        "AssessmentDataSet",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reading",
    )

    class Meta:
        ordering = ["taken_on", "id"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} on {self.taken_on}"


class GoalRevisit(TimeStamped):
    """A goal the review says to revisit in the next round, and why."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="revisits")
    goal = models.ForeignKey("groups.Goal", on_delete=models.CASCADE, related_name="+")
    why = models.CharField(_("why"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "goal"], name="one_revisit_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.goal_id}"


class EvidenceKind(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    SAMPLE = "sample", _("Sample of learners' work")
    NOTE = "note", _("Note")
    LINK = "link", _("Link")


def evidence_path(item: "EvidenceItem", filename: str) -> str:
    # A random name on disk, as the library's files: the original name is kept for
    # downloads only, and nothing under the group's folder is served but through Kāhui.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"evidence/{item.cycle.group.public_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceItem(PublicId, TimeStamped):
    """Something the group gathered as evidence in a stage of a cycle: an observation,
    a sample of learners' work (a file), a note or a link; optionally for one goal."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="evidence")
    stage = models.CharField(_("stage"), max_length=20)
    goal = models.ForeignKey(
        "groups.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_items",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what it shows"), max_length=10000, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    gathered_on = models.DateField(_("gathered on"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class DataSetKind(models.TextChoices):
    DIAGNOSTIC = "diagnostic", _("Diagnostic")
    FORMATIVE = "formative", _("Formative")
    SUMMATIVE = "summative", _("Summative")
    BENCHMARK = "benchmark", _("Benchmark")


class Scale(models.TextChoices):
    NUMBERS = "numbers", _("Numbers (a score or a range)")
    LEVELS = "levels", _("Ordered levels")


class AssessmentDataSet(PublicId, TimeStamped):
    """Results of one assessment on one measure, taken on one day: a value per
    anonymised learner code or per group of learners. On a scale of levels a value is
    the level's position (1 for the first)."""

    cycle = models.ForeignKey(InquiryCycle, on_delete=models.CASCADE, related_name="data_sets")
    stage = models.CharField(_("stage"), max_length=20)
    goal = models.ForeignKey(
        "groups.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_sets",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DataSetKind.choices)
    title = models.CharField(_("title"), max_length=200)
    measure = models.CharField(_("measure"), max_length=120)
    taken_on = models.DateField(_("date"))
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices)
    minimum = models.FloatField(_("lowest value"), null=True, blank=True, validators=[finite])
    maximum = models.FloatField(_("highest value"), null=True, blank=True, validators=[finite])
    levels = models.JSONField(_("levels"), default=list, blank=True)
    source = models.CharField(max_length=200, blank=True)  # the imported file's name
    row_count = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["taken_on", "id"]
        indexes = [models.Index(fields=["cycle", "measure"])]

    def __str__(self) -> str:
        return self.title

    def level_name(self, value: float) -> str:
        index = int(value) - 1
        if self.scale == Scale.LEVELS and value == int(value) and 0 <= index < len(self.levels):
            return self.levels[index]
        return ""


class AssessmentRow(models.Model):
    """One value of a data set: for a learner code or a group label, never a name."""

    data_set = models.ForeignKey(AssessmentDataSet, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    code = models.CharField(_("learner code"), max_length=40, blank=True)
    label = models.CharField(_("group of learners"), max_length=80, blank=True)
    year_level = models.PositiveSmallIntegerField(_("year level"), null=True, blank=True)
    value = models.FloatField(_("value"), validators=[finite])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["data_set", "position"], name="one_row_per_position"),
            models.CheckConstraint(
                condition=~Q(code="") | ~Q(label=""), name="row_has_code_or_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code or self.label}: {self.value}"


class ExpectedLevel(models.Model):
    """The level a group expects at a year level on a measure: the standard a benchmark
    data set is held against."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="expected_levels"
    )
    measure = models.CharField(_("measure"), max_length=120)
    year_level = models.PositiveSmallIntegerField(_("year level"))
    expected = models.FloatField(_("expected level"), validators=[finite])

    class Meta:
        ordering = ["measure", "year_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "measure", "year_level"], name="one_expected_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} Y{self.year_level}: {self.expected}"
