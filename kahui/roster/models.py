"""A roster import: the file as read and planned (the preview), kept on the server
until an administrator confirms it, then the background job's progress and result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Waiting for confirmation")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


# What a line of the plan does.
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


class RosterImportQuerySet(models.QuerySet["RosterImport"]):
    def finished(self) -> "RosterImportQuerySet":
        return self.filter(status__in=[ImportStatus.DONE, ImportStatus.FAILED])


class RosterImport(PublicId, TimeStamped):
    """One uploaded roster. ``lines`` are the good rows with what each will do
    (``create``, ``update`` or ``unchanged``, and the values read), ``bad_rows`` every
    row that cannot be imported with its number and reason, ``planned`` the counts of
    the preview and ``result`` the counts the job reached (the same, unless a line
    failed when it ran)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="roster_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    lines = models.JSONField(default=list, blank=True)
    bad_rows = models.JSONField(default=list, blank=True)
    planned = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    processed = models.PositiveIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} → {self.organisation}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def to_write(self) -> int:
        """How many lines the job works through (the unchanged ones too: it counts them)."""
        return len(self.lines)

    @property
    def progress(self) -> int:
        if self.finished:
            return 100
        return int(100 * self.processed / self.to_write) if self.to_write else 0


class InviteeDetails(TimeStamped):
    """What a confirmed import said about someone it invited (not yet a member): the
    school, subjects, year levels and interests of their row, each ``None`` for a
    blank cell. Applied to their profile when they accept the invitation, then
    deleted (see :mod:`kahui.roster.joining`)."""

    invite = models.OneToOneField(
        "orgs.OrgInvite", on_delete=models.CASCADE, related_name="roster_details"
    )
    roster_import = models.ForeignKey(
        RosterImport, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        "orgs.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subjects = models.JSONField(null=True, blank=True)
    year_levels = models.JSONField(null=True, blank=True)
    interests = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.invite}"
