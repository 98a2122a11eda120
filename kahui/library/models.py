import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.groups.stages import Stage


class ResourceKind(models.TextChoices):
    LINK = "link", _("Link")
    FILE = "file", _("File")
    NOTE = "note", _("Note")
    PRODUCT = "product", _("Shared product")


class ProductKind(models.TextChoices):
    """What a group makes together for daily practice (a shared product)."""

    LESSONS = "lessons", _("Lesson sequence")
    RUBRIC = "rubric", _("Rubric")
    GUIDE = "guide", _("Guide")
    OTHER = "other", _("Something else for practice")


class Principle(models.TextChoices):
    """The He Pikorua practice principles a resource can serve."""

    WHANAU = "whanau", _("Mokopuna and whānau-centred")
    STRENGTHS = "strengths", _("Strengths-based")
    COLLABORATIVE = "collaborative", _("Collaborative")
    CULTURAL = "cultural", _("Culturally affirming and responsive")
    INCLUSIVE = "inclusive", _("Inclusive")
    ECOLOGICAL = "ecological", _("Ecological")
    EVIDENCE = "evidence", _("Evidence-informed")
    EMPOWER = "empower", _("Mana motuhake — empowering others")


class Visibility(models.TextChoices):
    GROUP = "group", _("This group only")
    ORGANISATION = "organisation", _("Everyone in our organisation")
    PUBLIC = "public", _("Every Kāhui educator")


def upload_path(resource: "Resource", filename: str) -> str:
    # A random name on disk: the original name is kept for downloads only.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"resources/{resource.group.public_id}/{uuid.uuid4().hex}{suffix}"


class Resource(PublicId, TimeStamped):
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=upload_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(_("note"), max_length=50000, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("time to read or watch (minutes)"), null=True, blank=True
    )
    stage = models.CharField(
        _("He Pikorua stage it serves"), max_length=20, choices=Stage.choices, blank=True
    )
    principles = models.JSONField(_("practice principles"), default=list, blank=True)
    focus_areas = models.ManyToManyField(
        "core.FocusArea", verbose_name=_("tags"), blank=True, related_name="resources"
    )
    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility.choices, default=Visibility.GROUP
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A shared product (kind "product"): what it is, the version its text is at (each
    # save is checked against it, so nobody overwrites another member's save unseen),
    # and the group's inquiry round when it was begun (its stage is ``stage``), as plain
    # values copied from the group.
    product_kind = models.CharField(
        _("what it is"), max_length=20, choices=ProductKind.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "kind", "cycle"])]

    def __str__(self) -> str:
        return self.title

    @property
    def principle_labels(self) -> list[str]:
        labels = dict(Principle.choices)
        return [str(labels.get(code, code)) for code in self.principles]


class ProductVersion(models.Model):
    """Every saved version of a shared product, the first included; restoring an
    earlier one saves it again as the newest (``restored_from`` says which)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=50000)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "version"], name="one_product_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Collection(PublicId, TimeStamped):
    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="collections"
    )
    name = models.CharField(_("name"), max_length=120)
    resources = models.ManyToManyField(Resource, blank=True, related_name="collections")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
