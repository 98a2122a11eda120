"""A group's retrospective at the end of an inquiry round: how the group itself worked,
and what it keeps or changes for the next round (adapt and evolve)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class Area(models.TextChoices):
    """What a group may change about how it works, in the order the page asks."""

    GOALS = "goals", _("Our goals")
    AGREEMENTS = "agreements", _("Our agreements")
    CADENCE = "cadence", _("How often and how long we meet")
    FORMAT = "format", _("How we meet: in person, online or hybrid")
    MEMBERSHIP = "membership", _("Who is in the group")


class Choice(models.TextChoices):
    KEEP = "keep", _("Keep it as it is")
    CHANGE = "change", _("Change it")


class Retrospective(PublicId, TimeStamped):
    """One per inquiry round, written at its last stage; it stays readable afterwards."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="retrospectives"
    )
    cycle = models.OneToOneField(
        "inquiry.InquiryCycle", on_delete=models.CASCADE, related_name="retrospective"
    )
    worked = models.TextField(_("what helped us work well together"), blank=True, max_length=4000)
    hindered = models.TextField(_("what got in our way"), blank=True, max_length=4000)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.group}: round {self.cycle.number}"


class AreaChoice(models.Model):
    """What the group chose for one area, and the change it has in mind."""

    retrospective = models.ForeignKey(
        Retrospective, on_delete=models.CASCADE, related_name="choices"
    )
    area = models.CharField(max_length=20, choices=Area.choices)
    choice = models.CharField(max_length=10, choices=Choice.choices, default=Choice.KEEP)
    note = models.TextField(_("what we will change, and how"), blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["retrospective", "area"], name="one_choice_per_area")
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.area}: {self.choice}"
