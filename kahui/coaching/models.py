"""Coaching of facilitators: what a coach and one facilitator keep between them.

Everything here belongs to a pair, a coach and a facilitator they coach (see
``access.py`` for who coaches whom). Nothing is tied to a group's pages: an advice
request or an observation names a group or meeting only to say what it is about."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class PairQuerySet(models.QuerySet):
    def of_pair(self, coach, facilitator) -> "PairQuerySet":
        return self.filter(coach=coach, facilitator=facilitator)


class PairOwned(models.Model):
    """A record kept by one coach with one facilitator, and read by those two only."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class CoachingNote(PairOwned, PublicId, TimeStamped):
    """A note in the conversation of a pair: the coach's, or the facilitator's reply."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"), max_length=5000)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["coach", "facilitator", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class AdviceStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class AdviceRequest(PairOwned, PublicId, TimeStamped):
    """A facilitator's question to their coach, perhaps about one of their groups or
    meetings, and the coach's answer."""

    question = models.TextField(_("your question"), max_length=4000)
    group = models.ForeignKey(
        "groups.LearningGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.OPEN
    )
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", answered_at__isnull=True)
                | models.Q(status="answered", answered_at__isnull=False),
                name="advice_answered_has_a_time",
            )
        ]

    def __str__(self) -> str:
        return self.question[:60]

    @property
    def is_open(self) -> bool:
        return self.status == AdviceStatus.OPEN


class Observation(PairOwned, PublicId, TimeStamped):
    """A coach's observation of a meeting the facilitator ran: per agenda step and
    overall, what went well, a question and a suggestion. A draft is the coach's alone
    until shared; then the two write their joint reflection on it (``reflection``,
    saved with optimistic locking on ``version``) and mark the debrief done."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    went_well = models.TextField(_("what went well"), max_length=4000, blank=True)
    question = models.TextField(_("a question"), max_length=4000, blank=True)
    suggestion = models.TextField(_("a suggestion"), max_length=4000, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    reflection = models.TextField(_("our reflection"), max_length=20000, blank=True)
    version = models.PositiveIntegerField(default=0)
    reflection_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reflection_at = models.DateTimeField(null=True, blank=True)
    debrief_done_at = models.DateTimeField(null=True, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_done(self) -> bool:
        return self.debrief_done_at is not None


class StepObservation(models.Model):
    """What the coach saw in one agenda step. The step's title and minutes are copied,
    so the observation stays as it was if the agenda changes afterwards."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="steps")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("step"), max_length=120)
    minutes = models.PositiveSmallIntegerField(default=0)
    went_well = models.TextField(_("what went well"), max_length=2000, blank=True)
    question = models.TextField(_("a question"), max_length=2000, blank=True)
    suggestion = models.TextField(_("a suggestion"), max_length=2000, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class PairRead(models.Model):
    """When one of a pair last opened the pair's page: what the other wrote since is
    new to them. Opening the page is what reading it means (as for a thread)."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "facilitator", "reader"], name="one_read_marker_per_reader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} read {self.coach_id}/{self.facilitator_id}"
