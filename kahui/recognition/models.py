"""Recognition: kudos between members, the group's celebrated milestones, and each
person's professional-learning record (activities they log, and certificates a
facilitator confirms)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class Kudos(PublicId, TimeStamped):
    """A member's thanks to another member of the group for something they did."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="kudos"
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kudos_given"
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kudos_received"
    )
    text = models.CharField(_("what they did"), max_length=500)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("at a meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resource = models.ForeignKey(
        "library.Resource",
        verbose_name=_("for a resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    post = models.ForeignKey(
        "discussions.Post",
        verbose_name=_("for a message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "kudos"
        indexes = [models.Index(fields=["receiver", "group"])]
        constraints = [
            models.CheckConstraint(condition=~Q(giver=F("receiver")), name="no_kudos_to_oneself")
        ]

    def __str__(self) -> str:
        return f"{self.giver_id} → {self.receiver_id}: {self.text[:40]}"


class Milestone(models.TextChoices):
    FIRST_ROUND = "first_round", _("First inquiry round completed")
    GOAL_MET = "goal_met", _("A goal met")
    YEAR_OF_MEETING = "year_of_meeting", _("A year of meeting")


class Celebration(PublicId):
    """A milestone of the group, celebrated once: a notification to its members and a
    line in its activity. ``key`` tells one goal or one anniversary from another."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="celebrations"
    )
    milestone = models.CharField(max_length=20, choices=Milestone.choices)
    key = models.CharField(max_length=40, blank=True)
    # What is celebrated, in words kept from the moment (a goal's text, "2 years").
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "milestone", "key"], name="one_celebration_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.milestone} {self.key}"


class LearningKind(models.TextChoices):
    READING = "reading", _("Reading")
    OBSERVATION = "observation", _("Observation")
    COURSE = "course", _("Course or workshop")
    OTHER = "other", _("Other")


class LearningActivity(PublicId, TimeStamped):
    """Professional learning a person logs themselves, beside the meetings they
    attended. Only its owner sees it, and a facilitator of the ``group`` it was part
    of while confirming a certificate for that group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LearningKind.choices)
    done_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"))
    note = models.CharField(_("what it was"), max_length=500)
    group = models.ForeignKey(
        "groups.LearningGroup",
        verbose_name=_("part of the work of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-done_on", "-id"]
        verbose_name_plural = "learning activities"
        indexes = [models.Index(fields=["user", "done_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=24 * 60),
                name="learning_activity_minutes_in_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.done_on} ({self.minutes} min)"

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


class CertificateStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a facilitator")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def open(self) -> "CertificateQuerySet":
        """Asked for and not answered yet, or confirmed and not revoked."""
        return self.filter(status__in=[CertificateStatus.REQUESTED, CertificateStatus.CONFIRMED])


class Certificate(PublicId, TimeStamped):
    """A member's hours of professional learning with a group over a year, which they
    ask a facilitator of the group to confirm.

    What the certificate states is copied when a facilitator confirms it (the name,
    the group, the period and the hours, with the activities confirmed), so it never
    changes afterwards; a confirmed certificate carries a verification code that
    anyone can check on the public page until it is revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pd_certificates"
    )
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="pd_certificates"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.REQUESTED
    )
    message = models.CharField(_("message to the facilitators"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.CharField(_("reply"), max_length=500, blank=True)
    # What the confirmed certificate states, kept as it was confirmed.
    holder_name = models.CharField(max_length=150, blank=True)
    group_name = models.CharField(max_length=120, blank=True)
    issuer_name = models.CharField(max_length=150, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    meetings = models.PositiveIntegerField(default=0)
    meeting_minutes = models.PositiveIntegerField(default=0)
    activity_minutes = models.PositiveIntegerField(default=0)
    activities = models.JSONField(default=list, blank=True)
    code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group", "year"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="one_open_certificate_per_group_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.group_id} {self.year} ({self.status})"

    @property
    def total_minutes(self) -> int:
        return self.meeting_minutes + self.activity_minutes

    @property
    def activity_lines(self) -> list[dict[str, Any]]:
        """The confirmed activities, with their dates as dates and kinds in words."""
        return [
            {
                **line,
                "date": date.fromisoformat(line["date"]),
                "kind_label": LearningKind(line["kind"]).label,
            }
            for line in self.activities
        ]

    @property
    def hours(self) -> float:
        return round(self.total_minutes / 60, 2)

    @property
    def meeting_hours(self) -> float:
        return round(self.meeting_minutes / 60, 2)

    @property
    def activity_hours(self) -> float:
        return round(self.activity_minutes / 60, 2)

    @property
    def hours_plural(self) -> int:
        """The number that chooses "hour" or "hours": the hours when whole, otherwise
        one that takes the plural (“1.5 hours”)."""
        return int(self.hours) if float(self.hours).is_integer() else 2
