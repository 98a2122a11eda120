"""Reflection: a member's own learning goals within a group, their journal (private
unless they share an entry), the feedback they ask of colleagues, and the portfolio
they gather from all of it.

Everything here belongs to one person. What others may see is decided in
:mod:`kahui.reflection.access` and nowhere else."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class PersonalGoal(PublicId, TimeStamped):
    """A member's own goal within a group's focus, optionally serving one of the
    group's goals."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_goals"
    )
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="personal_goals"
    )
    text = models.CharField(_("my goal"), max_length=300)
    group_goal = models.ForeignKey(
        "groups.Goal",
        verbose_name=_("the group goal it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personal_goals",
    )
    objective = models.ForeignKey(
        "orgs.LearningObjective",
        verbose_name=_("the organisation objective it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personal_goals",
    )
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class NoteKind(models.TextChoices):
    PROGRESS = "progress", _("Progress")
    EVIDENCE = "evidence", _("Evidence")


class GoalNote(PublicId, TimeStamped):
    """A dated note of progress, or a piece of evidence (text and an optional link),
    against a personal goal."""

    goal = models.ForeignKey(PersonalGoal, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("kind"), max_length=10, choices=NoteKind.choices, default=NoteKind.PROGRESS
    )
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"), max_length=5000)
    link = models.URLField(_("link"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Prompt(models.TextChoices):
    """What an entry reflects on: Kāhui's own prompts."""

    LEARNED = "learned", _("What I learned")
    PRACTICE = "practice", _("How my practice changed")
    CONTRIBUTED = "contributed", _("What I contributed")
    GROUP_HELPED = "group_helped", _("How the group helped me")
    NEXT = "next", _("What I will try next")


PROMPT_HINTS = {
    Prompt.LEARNED: _("An idea, a finding or a surprise that stayed with you."),
    Prompt.PRACTICE: _("Something you now do differently in your classroom, and why."),
    Prompt.CONTRIBUTED: _("What you brought to the group: a question, a resource, a trial."),
    Prompt.GROUP_HELPED: _("A conversation, a colleague or a protocol that moved you on."),
    Prompt.NEXT: _("One small thing you will try, and how you will know it worked."),
}


class Sharing(models.TextChoices):
    PRIVATE = "private", _("Only me")
    FACILITATORS = "facilitators", _("The group's facilitators")
    GROUP = "group", _("The whole group")


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def shared_with_group(self) -> "JournalEntryQuerySet":
        return self.filter(sharing=Sharing.GROUP)


class JournalEntry(PublicId, TimeStamped):
    """One reflection. Private to its author unless they share it, one entry at a
    time, with the group or with its facilitators only."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="journal_entries"
    )
    prompt = models.CharField(_("prompt"), max_length=20, choices=Prompt.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("reflection"), max_length=20000)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cycle = models.ForeignKey(
        "inquiry.InquiryCycle",
        verbose_name=_("inquiry round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage = models.CharField(_("inquiry stage"), max_length=20, blank=True)
    goal = models.ForeignKey(
        PersonalGoal,
        verbose_name=_("personal goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    sharing = models.CharField(
        _("shared with"), max_length=20, choices=Sharing.choices, default=Sharing.PRIVATE
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["author", "-created_at"]),
            models.Index(fields=["group", "sharing"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_private(self) -> bool:
        return self.sharing == Sharing.PRIVATE


class ReflectionAsk(TimeStamped):
    """A facilitator invited the group to reflect on a meeting (once per meeting)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="reflection_ask"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class FeedbackAbout(models.TextChoices):
    LESSON_PLAN = "lesson_plan", _("A lesson plan")
    VIDEO = "video", _("A video of my teaching")
    CONTRIBUTION = "contribution", _("A contribution to the group")
    OTHER = "other", _("Something else")


class FeedbackRequest(PublicId, TimeStamped):
    """A member asks named colleagues of the same group for feedback on one thing."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_requests"
    )
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="feedback_requests"
    )
    about = models.CharField(_("feedback on"), max_length=20, choices=FeedbackAbout.choices)
    title = models.CharField(_("what it is"), max_length=200)
    text = models.TextField(_("what you would like feedback on"), max_length=5000)
    link = models.URLField(_("link"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class AnswerStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")


class FeedbackAnswer(PublicId, TimeStamped):
    """One colleague's part in a request: waiting, answered in three parts (what
    worked, a question, a suggestion), or declined. Only the asker reads answers."""

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="answers")
    colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_asked"
    )
    status = models.CharField(
        max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.WAITING
    )
    worked = models.TextField(_("What worked"), max_length=3000, blank=True)
    question = models.TextField(_("A question I have"), max_length=3000, blank=True)
    suggestion = models.TextField(_("A suggestion"), max_length=3000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "colleague"], name="one_answer_per_colleague"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.colleague_id}"


class Standard(models.TextChoices):
    """Professional standards a portfolio item can show, in Kāhui's words (after the
    Teaching Council of Aotearoa New Zealand's Standards | Ngā Paerewa)."""

    TREATY = "treaty", _("Honouring Te Tiriti o Waitangi partnership")
    LEARNING = "learning", _("Growing my practice through professional learning")
    RELATIONSHIPS = "relationships", _("Professional relationships that help learners")
    CULTURE = "culture", _("A learning-focused culture")
    DESIGN = "design", _("Designing learning from what I know of my learners")
    TEACHING = "teaching", _("Teaching that responds to learners")


class ItemKind(models.TextChoices):
    ENTRY = "entry", _("Journal entry")
    GOAL = "goal", _("Personal goal")
    RESOURCE = "resource", _("Resource I made")
    STAGE = "stage", _("Inquiry stage I led")
    KUDOS = "kudos", _("Kudos received")


class PortfolioItem(TimeStamped):
    """Something a member chose for their portfolio, with the standard it shows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_items"
    )
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    object_id = models.PositiveBigIntegerField()
    standard = models.CharField(_("standard"), max_length=20, choices=Standard.choices, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "object_id"], name="one_portfolio_item")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
