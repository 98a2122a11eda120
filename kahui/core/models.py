import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kahui.core.tokens import new_token


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicId(models.Model):
    """A random id for URLs, so integer keys never appear in public addresses."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class Invitation(PublicId, TimeStamped):
    """An invitation emailed to an address: its link's token, who sent it, and whether
    it was accepted (and by whom) or withdrawn. Groups and organisations each keep
    their own, with what the invitation is to."""

    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class FocusAreaStatus(models.TextChoices):
    """Where a focus area stands in the shared vocabulary.

    What someone types becomes a proposal: it stays with the group or the person who
    holds it until a coordinator or administrator of their organisation accepts it into
    the shared list that everyone is offered. A declined proposal stays where it is
    used and is never offered to anyone else."""

    ACCEPTED = "accepted", _("In the shared list")
    PROPOSED = "proposed", _("Waiting for review")
    DECLINED = "declined", _("Kept out of the shared list")


class FocusAreaQuerySet(models.QuerySet["FocusArea"]):
    def used(self) -> "FocusAreaQuerySet":
        return self.filter(models.Q(groups__isnull=False) | models.Q(profiles__isnull=False))

    def accepted(self) -> "FocusAreaQuerySet":
        return self.filter(status=FocusAreaStatus.ACCEPTED)

    def proposed(self) -> "FocusAreaQuerySet":
        return self.filter(status=FocusAreaStatus.PROPOSED)

    def offered(self, *, held=None) -> "FocusAreaQuerySet":
        """The choices a form offers: the shared list, and the ones the group or person
        already ``held`` (a queryset of theirs), so saving never drops their own."""
        shared = models.Q(status=FocusAreaStatus.ACCEPTED)
        if held is not None:
            shared |= models.Q(pk__in=held.values("pk"))
        return self.filter(shared)


class FocusArea(models.Model):
    """A topic educators learn about together (literacy, te reo Māori, inclusion…).

    Shared vocabulary for profiles, groups and resources, once accepted (see
    :class:`FocusAreaStatus`)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    # Anything new is a proposal; only a review (or the data migration that accepted
    # the areas there were before reviews) puts an area in the shared list.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FocusAreaStatus.choices,
        default=FocusAreaStatus.PROPOSED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:90] or uuid.uuid4().hex[:12]
        super().save(*args, **kwargs)


class ActivityEntryQuerySet(models.QuerySet["ActivityEntry"]):
    def for_group(self, group) -> "ActivityEntryQuerySet":
        return self.filter(group=group).select_related("actor__profile")


class ActivityEntry(models.Model):
    """Who changed what, and when: the audit trail behind every history page.

    ``changes`` maps a field name to ``{"label", "from", "to"}`` so a history page can
    show the old and new text of the vision, a goal or a norm."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "groups.LearningGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activity",
    )
    action = models.CharField(_("action"), max_length=60)
    target = models.CharField(_("about"), max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # Where it happened, for a feed's link (public ids such as {"thread": ..., "post":
    # ...}), and "to": the id of the person it was done to (whose answer was
    # accepted), so their feed can say "your".
    ref = models.JSONField(default=dict, blank=True)

    objects = ActivityEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "-created_at"])]
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")

    def __str__(self) -> str:
        return f"{self.action} {self.target}"


class SearchDocument(models.Model):
    """One searchable thing (resource, thread, post, minutes, decision, meeting,
    person, group) and who may find it: members of ``group``, members of
    ``organisation``, everyone, or whoever the rule registered for its kind allows
    (``kahui.core.search.audiences``). ``body`` is plain text: Markdown rendered, tags
    stripped."""

    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    group = models.ForeignKey(
        "groups.LearningGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    public = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # When the thing happened (a meeting's start, a post's writing): the recency in the
    # ranking and the date filter. People and groups have none.
    dated = models.DateTimeField(null=True, blank=True)
    # PostgreSQL keeps the indexed words here (GIN index); SQLite uses an FTS5 table.
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]
        indexes = [
            models.Index(fields=["group"]),
            models.Index(fields=["public"], condition=models.Q(public=True), name="public_docs"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SubmissionKey(models.Model):
    """One sending of a form that creates something, and where its result is: a second
    sending of the same form with the same content is answered with that address
    instead of a second record (see :mod:`kahui.core.submissions`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    digest = models.CharField(max_length=64)
    url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "digest"], name="one_result_per_submission"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.url}"


class PdfExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    RENDERING = "rendering", _("Laying out the pages")
    WRITING = "writing", _("Writing the PDF")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")


def pdf_export_path(export: "PdfExport", filename: str) -> str:
    # Under private/: never served from the media URL, only through the owner's
    # access-checked download (see docs/DEPLOY.md).
    return f"private/pdf/{export.public_id.hex}.pdf"


class PdfExport(PublicId):
    """A PDF too long to make while its owner waits: made by the task worker from the
    HTML rendered in their request (their language and time zone), kept for its owner
    to download, and forgotten after ``KAHUI_PDF_KEEP_HOURS`` (see
    :mod:`kahui.core.pdf`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pdf_exports"
    )
    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=200)
    # Where the owner goes back to from the progress page.
    back_url = models.CharField(max_length=500, blank=True)
    html = models.TextField(blank=True)  # emptied once the PDF is made
    status = models.CharField(
        max_length=10, choices=PdfExportStatus.choices, default=PdfExportStatus.QUEUED
    )
    pages = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=pdf_export_path, blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {PdfExportStatus.READY, PdfExportStatus.FAILED}
