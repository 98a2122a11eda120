from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.groups.models import Format


class WeeklyAvailability(TimeStamped):
    """The times a person is usually free, painted on a week in their own zone.

    ``yes`` and ``if_need_be`` are bitsets (bit k = cell k from Monday 00:00) stored
    as hexadecimal text, so one row holds a whole week."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_availability"
    )
    time_zone = models.CharField(_("time zone"), max_length=64)
    cell_minutes = models.PositiveSmallIntegerField(
        _("cell size"), choices=[(15, _("15 minutes")), (30, _("30 minutes"))], default=30
    )
    yes = models.TextField(default="0")
    if_need_be = models.TextField(default="0")

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone})"

    @property
    def yes_mask(self) -> int:
        return int(self.yes or "0", 16)

    @property
    def if_need_be_mask(self) -> int:
        return int(self.if_need_be or "0", 16)


class PollQuerySet(models.QuerySet["AvailabilityPoll"]):
    def open(self) -> "PollQuerySet":
        return self.filter(closed_at__isnull=True).filter(
            models.Q(deadline__isnull=True) | models.Q(deadline__gt=timezone.now())
        )


class AvailabilityPoll(PublicId, TimeStamped):
    """Candidate times for a meeting; members answer yes / if need be / no."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="polls"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("note to members"), max_length=1000, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    deadline = models.DateTimeField(_("answer by"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    chosen = models.ForeignKey(
        "PollOption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PollQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and (self.deadline is None or self.deadline > timezone.now())


class PollOption(PublicId, models.Model):
    poll = models.ForeignKey(AvailabilityPoll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.poll}: {self.starts_at:%Y-%m-%d %H:%M}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    IF_NEED_BE = "maybe", _("If need be")
    NO = "no", _("No")


class PollAnswer(models.Model):
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_answers"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="one_answer_per_option")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.answer}"


class PollResponse(TimeStamped):
    """That a person answered, and their comment."""

    poll = models.ForeignKey(AvailabilityPoll, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_responses"
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="one_response_per_poll")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.poll}"
