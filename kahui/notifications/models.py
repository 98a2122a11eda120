from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId


class Category(models.TextChoices):
    INVITATIONS = "invitations", _("Invitations to groups and organisations")
    JOIN_REQUESTS = "join_requests", _("Requests to join and their answers")
    MENTIONS = "mentions", _("Mentions and replies")
    POLLS = "polls", _("Polls about meeting times")
    PROPOSALS = "proposals", _("Proposals to decide on and their outcomes")
    MEETINGS = "meetings", _("Meeting reminders and changes")
    CALENDAR = "calendar", _("Calendar invitations for my meetings")
    ACTIONS = "actions", _("Actions given to me and overdue actions")
    HEALTH = "health", _("Group health checks")
    KUDOS = "kudos", _("Kudos and recognition")
    REFLECTION = "reflection", _("Invitations to reflect and requests for feedback")
    DIGEST = "digest", _("Digest of what happened in my groups")
    ADMINISTRATION = "administration", _("Notices about organisations I administer")
    ACCOUNT = "account", _("My account and my data (exports ready to download)")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Straight away")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    OFF = "off", _("Not by email")


# What people get until they choose otherwise.
DEFAULT_DELIVERY = {
    Category.INVITATIONS: Delivery.IMMEDIATE,
    Category.JOIN_REQUESTS: Delivery.IMMEDIATE,
    Category.MENTIONS: Delivery.IMMEDIATE,
    Category.POLLS: Delivery.IMMEDIATE,
    Category.PROPOSALS: Delivery.IMMEDIATE,
    Category.MEETINGS: Delivery.IMMEDIATE,
    Category.CALENDAR: Delivery.IMMEDIATE,
    Category.ACTIONS: Delivery.DAILY,
    Category.HEALTH: Delivery.IMMEDIATE,
    Category.KUDOS: Delivery.WEEKLY,
    Category.REFLECTION: Delivery.DAILY,
    Category.DIGEST: Delivery.WEEKLY,
    Category.ADMINISTRATION: Delivery.IMMEDIATE,
    Category.ACCOUNT: Delivery.IMMEDIATE,
}


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(PublicId):
    """Something that happened that one person should know about (the bell)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    # Set for notifications that must exist only once (e.g. "this action is overdue").
    key = models.CharField(max_length=200, blank=True)
    group = models.ForeignKey(
        "groups.LearningGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="one_keyed_notification"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_preference_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.category} {self.delivery}"


class QuietHours(models.Model):
    """No email between these local times; it waits until the quiet hours end."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiet_hours"
    )
    starts = models.TimeField(_("quiet from"), null=True, blank=True)
    ends = models.TimeField(_("quiet until"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.starts}-{self.ends}"


class Dispatch(models.Model):
    """One email that must go out exactly once, named by an idempotency key
    (e.g. ``reminder:1440:<meeting>:<user>``). The unique key stops a second scheduler
    from queueing it again; ``sent_at`` stops a retried task from sending it twice.

    It goes to a person (``user``: their address at sending time, their quiet hours)
    or to a bare address (``email``): someone invited who has no account yet, a meeting
    guest, or an account email such as a verification link."""

    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    email = models.EmailField(blank=True)
    # Blank for account emails, which no preference can turn off.
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    # The message, rendered in the recipient's language when it was queued.
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # An iCalendar invitation (iMIP, RFC 6047) sent beside the text, with its METHOD.
    calendar = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="dispatch_has_a_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def recipient(self) -> str:
        """The address it goes to: the person's current one, or the bare address."""
        return self.user.email if self.user_id else self.email
