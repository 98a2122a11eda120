from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class ThreadKind(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROBLEM = "problem", _("Problem of practice")
    QUESTION = "question", _("Question")
    CELEBRATION = "celebration", _("Celebration")


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible(self) -> "ThreadQuerySet":
        return self.filter(hidden_at__isnull=True)


class Thread(PublicId, TimeStamped):
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="threads"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ThreadKind.choices)
    title = models.CharField(_("title"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)
    accepted = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def takes_an_answer(self) -> bool:
        """Questions and problems of practice can have a reply marked as the answer."""
        return self.kind in (ThreadKind.QUESTION, ThreadKind.PROBLEM)


class Post(PublicId, TimeStamped):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts"
    )
    body = models.TextField(_("message"), max_length=20000)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The reader's own reactions, on posts listed for a reader (discussions.selectors),
    # every kind's reactions with who gave them, and the text with mentions marked.
    my_reactions: set[str]
    reaction_list: list[Any]
    reaction_total: int
    html: str

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edited_at", "-id"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class ReactionKind(models.TextChoices):
    THANKS = "thanks", _("Thanks")
    HELPFUL = "helpful", _("Helpful")
    CELEBRATE = "celebrate", _("Celebrate")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class ThreadRead(models.Model):
    """When a person last read a thread: what is new since then is unread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_read_mark")]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread_id}"
