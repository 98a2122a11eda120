"""Health checks: a group's settings, its checks, the answers of an open check and the
comments of a closed one. See the README for what is kept, for how long, and why."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId
from kahui.health.results import (
    CONDITIONS,
    DEFAULT_THRESHOLD,
    LEVELS,
    MIN_THRESHOLD,
    Results,
)

MAX_THRESHOLD = 20


class Cadence(models.IntegerChoices):
    OFF = 0, _("Off: only when a facilitator opens one")
    FOUR_WEEKS = 4, _("Every 4 weeks")
    SIX_WEEKS = 6, _("Every 6 weeks")
    EIGHT_WEEKS = 8, _("Every 8 weeks")
    TEN_WEEKS = 10, _("Every 10 weeks (about once a term)")
    TWELVE_WEEKS = 12, _("Every 12 weeks")


class OpenFor(models.IntegerChoices):
    THREE_DAYS = 3, _("3 days")
    FIVE_DAYS = 5, _("5 days")
    ONE_WEEK = 7, _("1 week")
    TEN_DAYS = 10, _("10 days")
    TWO_WEEKS = 14, _("2 weeks")


class HealthSettings(models.Model):
    """How a group runs its health checks. A group without a row has the defaults and
    no cadence: Kāhui does not start surveying a group until a facilitator chooses to."""

    group = models.OneToOneField(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="health_settings"
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        _("how often"), choices=Cadence.choices, default=Cadence.OFF
    )
    open_days = models.PositiveSmallIntegerField(
        _("how long each check stays open"), choices=OpenFor.choices, default=OpenFor.ONE_WEEK
    )
    threshold = models.PositiveSmallIntegerField(
        _("answers needed before results are shown"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(MAX_THRESHOLD)],
    )
    # When the cadence was last chosen: with no check yet, the first opens one period
    # after it.
    cadence_from = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("health check settings")
        verbose_name_plural = _("health check settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=MIN_THRESHOLD), name="health_threshold_at_least_3"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: every {self.cadence_weeks} weeks, threshold {self.threshold}"


class HealthCheckQuerySet(models.QuerySet["HealthCheck"]):
    def open(self) -> "HealthCheckQuerySet":
        return self.filter(closed_at__isnull=True)

    def closed(self) -> "HealthCheckQuerySet":
        return self.filter(closed_at__isnull=False)

    def published(self) -> "HealthCheckQuerySet":
        """Closed with enough answers to show results."""
        return self.closed().filter(published=True)


class HealthCheck(PublicId):
    """One round of the survey in a group: open from ``opened_at`` until
    ``closes_at`` (or until every member has answered), then closed for good.

    Its results are written once, when it closes, and only if at least ``threshold``
    members answered (see :mod:`kahui.health.results`); the answers themselves are
    deleted then."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="health_checks"
    )
    number = models.PositiveSmallIntegerField()  # 1, 2, 3 … in the group
    opened_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # Who opened it; None when the group's cadence did.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    threshold = models.PositiveSmallIntegerField()  # the group's, when it opened
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Written when it closes.
    answers = models.PositiveSmallIntegerField(default=0)
    members = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=False)
    tallies = models.JSONField(default=dict, blank=True)  # {condition: [n at 1, …, n at 5]}

    objects = HealthCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["group", "-opened_at"])]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="one_health_check_number"),
            # Two schedulers opening the group's next check at once: one wins.
            models.UniqueConstraint(
                fields=["group"], condition=Q(closed_at__isnull=True), name="one_open_health_check"
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=MIN_THRESHOLD), name="health_check_threshold_at_least_3"
            ),
            # Results exist only for checks that closed with enough answers.
            models.CheckConstraint(
                condition=Q(published=False)
                | (Q(closed_at__isnull=False) & Q(answers__gte=models.F("threshold"))),
                name="health_results_only_above_threshold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} health check {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def results(self) -> Results | None:
        """What the check shows: None while open or when too few answered."""
        if self.closed_at is None or not self.published:
            return None
        return Results(
            answers=self.answers,
            tallies={key: tuple(self.tallies[key]) for key in CONDITIONS if key in self.tallies},
        )


_LEVEL = [MinValueValidator(min(LEVELS)), MaxValueValidator(max(LEVELS))]


class HealthAnswer(models.Model):
    """One member's answer to an open check, kept only until it closes.

    It is not linked to the person: ``respondent`` is a keyed hash of the check and the
    person (:func:`kahui.health.services.respondent_token`), so the person can replace
    their answer while the check is open and a copy of the database alone cannot tell
    whose it is. It has no timestamps, so its time cannot be matched with anything
    else that was logged."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="+")
    respondent = models.CharField(max_length=64)
    time_access = models.PositiveSmallIntegerField(validators=_LEVEL)
    trust = models.PositiveSmallIntegerField(validators=_LEVEL)
    shared_vision = models.PositiveSmallIntegerField(validators=_LEVEL)
    structure = models.PositiveSmallIntegerField(validators=_LEVEL)
    safety = models.PositiveSmallIntegerField(validators=_LEVEL)
    depth = models.PositiveSmallIntegerField(validators=_LEVEL)
    comment = models.TextField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "respondent"], name="one_health_answer_each"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{key}__gte": 1}) & Q(**{f"{key}__lte": 5}),
                    name=f"health_answer_{key}_1_to_5",
                )
                for key in CONDITIONS
            ),
        ]

    def __str__(self) -> str:
        return "An answer"  # never anything that says whose or what


class HealthComment(models.Model):
    """A comment of a closed check that had enough answers: no author, no time, and
    read in alphabetical order. Members see them; overseers never do."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(max_length=1000)
    position = models.PositiveSmallIntegerField()  # alphabetical, from results.publish

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return "A comment"
