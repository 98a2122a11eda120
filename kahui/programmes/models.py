"""A programme: how an organisation, or a partnership of organisations, starts its
professional learning groups and supports them until they run on their own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped


class Partnership(models.TextChoices):
    SINGLE = "single", _("One organisation")
    EARLY_PRIMARY = "early_primary", _("Early learning with primary")
    PRIMARY_SECONDARY = "primary_secondary", _("Primary with secondary")
    REGULAR_SPECIAL = "regular_special", _("Regular with special education")
    EDUCATION_YOUTH_CARE = "education_youth_care", _("Education with youth care")
    OTHER = "other", _("Another partnership")


class Phase(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PROPOSAL = "proposal", _("Structure proposal")
    KICK_OFF = "kick_off", _("Kick-off")
    RUNNING = "running", _("Running")
    SUPPORTED = "supported", _("Supported")
    INDEPENDENT = "independent", _("Running independently")


PHASE_ORDER = list(Phase)


class Programme(PublicId, TimeStamped):
    """Run by the coordinators of its lead organisation and of its partners; coaches
    support the facilitators of its groups."""

    name = models.CharField(_("programme name"), max_length=150)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    partners = models.ManyToManyField(
        "orgs.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_programmes",
    )
    partnership = models.CharField(
        _("kind of partnership"),
        max_length=30,
        choices=Partnership.choices,
        default=Partnership.SINGLE,
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.INTAKE)
    phase_changed_at = models.DateTimeField(null=True, blank=True)
    groups = models.ManyToManyField(
        "groups.LearningGroup",
        verbose_name=_("groups"),
        blank=True,
        related_name="programmes",
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coaches of the facilitators"),
        blank=True,
        related_name="coached_programmes",
    )
    # When support hands over to the groups, which then run on their own.
    support_ends_on = models.DateField(_("support hands over on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def phase_number(self) -> int:
        return PHASE_ORDER.index(Phase(self.phase)) + 1
