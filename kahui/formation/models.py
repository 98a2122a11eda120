"""A formation run: the cohort and rules a coordinator chose, the job's progress, and
the groups it formed (as moved since) or why it could not form them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Forming groups")
    DONE = "done", _("Formed")
    CANNOT = "cannot", _("Could not form groups")
    FAILED = "failed", _("Failed")


class CohortSource(models.TextChoices):
    ORGANISATION = "organisation", _("The organisation's educators")
    FILTERED = "filtered", _("A filtered list of the organisation's educators")
    CSV = "csv", _("An uploaded CSV")


class FormationRun(PublicId, TimeStamped):
    """One run of the engine, kept whole so nothing is lost: ``cohort`` is a snapshot
    of the people (``{"people": [...], "together": [...], "apart": [...]}``), ``rules``
    the rules as chosen, ``result`` the groups (lists of person ids, as the
    coordinator moved them) with the engine's bound, and ``explanations`` why it
    could not form them (problem codes, people and figures, put in words when shown)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="formation_runs"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="formation_runs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(max_length=20, choices=CohortSource.choices)
    cohort = models.JSONField(default=dict)
    rules = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    explanations = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    groups = models.ManyToManyField("groups.LearningGroup", blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="formation_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.CANNOT, RunStatus.FAILED)
