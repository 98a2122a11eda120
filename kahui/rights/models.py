"""A member's export of their data, an organisation's retention rule for closed groups,
and the notice given before a closed group is deleted (see docs/DATA-RIGHTS.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    BUILDING = "building", _("Being put together")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be made")


def export_path(export: "DataExport", filename: str) -> str:
    # Under private/: never served from the media URL, only to its owner.
    return f"private/exports/{export.public_id.hex}.zip"


class DataExport(PublicId):
    """Everything Kāhui holds about one person, as a zip made by the task worker; kept
    for ``KEEP_DAYS`` and then deleted with its file."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file = models.FileField(upload_to=export_path, blank=True, max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export {self.public_id} ({self.status})"


class RetentionPolicy(models.Model):
    """How long an organisation keeps its closed (archived) groups: ``months`` after
    the group's last change, or for ever when it is empty."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="retention"
    )
    months = models.PositiveSmallIntegerField(
        _("keep closed groups for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep closed groups for ever."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.months or 'never'}"


class RetentionNotice(models.Model):
    """The admins were told that this closed group will be deleted; it is deleted once
    the notice is ``NOTICE_DAYS`` old, unless the group opened again."""

    group = models.OneToOneField(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="retention_notice"
    )
    noticed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.group}: noticed {self.noticed_at:%Y-%m-%d}"
