"""A programme: how an organisation, or a partnership of organisations, starts its
professional learning groups and supports them until they run on their own."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.groups.models import Frequency, GroupMembership, GroupRole
from kahui.orgs.models import OrgMembership, OrgRole


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


def led_organisation_ids(user) -> models.QuerySet[OrgMembership, dict[str, Any]]:
    """The organisations where ``user`` is a coordinator or an administrator."""
    return OrgMembership.objects.filter(
        user=user, role__in=[OrgRole.COORDINATOR, OrgRole.ADMIN]
    ).values("organisation_id")


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def run_by(self, user) -> "ProgrammeQuerySet":
        """Programmes whose lead or partner organisation (or its cluster) has ``user``
        as a coordinator or an administrator."""
        led = led_organisation_ids(user)
        partnered = Programme.partners.through.objects.filter(
            Q(organisation_id__in=led) | Q(organisation__parent_id__in=led)
        ).values("programme_id")
        return self.filter(
            Q(organisation_id__in=led) | Q(organisation__parent_id__in=led) | Q(pk__in=partnered)
        )

    def visible_to(self, user) -> "ProgrammeQuerySet":
        """Those it runs, those it coaches and those whose groups it facilitates."""
        facilitated = GroupMembership.objects.filter(user=user, role=GroupRole.FACILITATOR).values(
            "group_id"
        )
        with_groups = Programme.groups.through.objects.filter(
            learninggroup_id__in=facilitated
        ).values("programme_id")
        coached = Programme.coaches.through.objects.filter(user=user).values("programme_id")
        return self.filter(
            Q(pk__in=self.run_by(user).values("pk")) | Q(pk__in=coached) | Q(pk__in=with_groups)
        )


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
    # Intervisie circles of the programme's facilitators (kept apart from its PLGs).
    circles = models.ManyToManyField(
        "groups.LearningGroup",
        verbose_name=_("intervisie circles"),
        blank=True,
        related_name="circle_of_programmes",
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

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def phase_number(self) -> int:
        return PHASE_ORDER.index(Phase(self.phase)) + 1

    def organisations(self) -> list:
        """The lead organisation first, then its partners."""
        return [self.organisation, *self.partners.order_by("name")]

    def current_version(self) -> "ProposalVersion | None":
        return self.proposal_versions.order_by("-number").first()


class ProgrammeEntry(models.Model):
    """Ties an entry of the activity log to the programme it is about, so the
    programme's page can show its own history (the log keys only groups and
    organisations)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="entries")
    entry = models.OneToOneField(
        "core.ActivityEntry", on_delete=models.CASCADE, related_name="programme_link"
    )

    def __str__(self) -> str:
        return f"{self.programme}: {self.entry}"


class Intake(TimeStamped):
    """The start-up conversation: what the school wishes, its context and aim, and the
    time and means it gives the groups."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="intake")
    held_on = models.DateField(_("date of the conversation"), null=True, blank=True)
    present = models.CharField(_("who was there"), max_length=500, blank=True)
    wishes = models.TextField(_("wishes"), max_length=3000, blank=True)
    context = models.TextField(_("context"), max_length=3000, blank=True)
    aim = models.TextField(_("aim of the learning groups"), max_length=3000, blank=True)
    hours_per_term = models.PositiveSmallIntegerField(
        _("hours per term for each participant"), null=True, blank=True
    )
    meeting_slots = models.CharField(
        _("times the school keeps free for meetings"), max_length=500, blank=True
    )
    resources = models.TextField(_("budget and other resources"), max_length=2000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class ProposalVersion(TimeStamped):
    """One version of the structure proposal. A new version starts agreement again."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="proposal_versions"
    )
    number = models.PositiveSmallIntegerField()
    fits_with = models.TextField(
        _("how it fits the school's other meetings and development plans"),
        max_length=3000,
        blank=True,
    )
    roles = models.TextField(_("roles"), max_length=3000, blank=True)
    note = models.CharField(_("what changed in this version"), max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_proposal_number")
        ]

    def __str__(self) -> str:
        return f"{self.programme} v{self.number}"


class PlannedGroup(models.Model):
    """A learning group as the proposal plans it; ``group`` is the draft made from it
    once every organisation agreed."""

    version = models.ForeignKey(
        ProposalVersion, on_delete=models.CASCADE, related_name="planned_groups"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("group name"), max_length=120)
    focus = models.TextField(_("focus"), max_length=2000)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), related_name="+"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="+"
    )
    group = models.OneToOneField(
        "groups.LearningGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_as",
    )

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.name


class ProposalComment(TimeStamped):
    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=3000)

    class Meta:
        ordering = ["created_at", "id"]


class Agreement(TimeStamped):
    """An organisation agreed to a version of the proposal: who for it, and when."""

    version = models.ForeignKey(
        ProposalVersion, on_delete=models.CASCADE, related_name="agreements"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="one_agreement_per_organisation"
            )
        ]


class KickoffKit(TimeStamped):
    """An organisation's own copy of the kick-off: its tasks and agenda, adapted from
    the built-in ones (which stay as they are)."""

    organisation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="kickoff_kit"
    )
    tasks = models.TextField(_("kick-off tasks, one a line"), max_length=3000)
    agenda = models.TextField(_("agenda of the kick-off"), max_length=5000)


class Kickoff(PublicId, TimeStamped):
    """The kick-off meeting of a programme, for every participant of its groups."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="kickoff")
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True)
    # Copied when it is scheduled, from the lead organisation's kit or the built-in one.
    tasks = models.JSONField(default=list)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class KickoffAnswer(TimeStamped):
    kickoff = models.ForeignKey(Kickoff, on_delete=models.CASCADE, related_name="answers")
    task = models.PositiveSmallIntegerField()  # the task's place in ``Kickoff.tasks``
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kickoff_answers"
    )
    text = models.TextField(_("your answer"), max_length=2000)

    class Meta:
        ordering = ["task", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kickoff", "task", "author"], name="one_answer_per_task"
            )
        ]
