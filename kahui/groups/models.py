from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECT_LABELS, YEAR_LEVEL_LABELS
from kahui.core.models import Invitation, PublicId, TimeStamped
from kahui.core.roles import RoleLadder
from kahui.groups.sizing import SizeAssessment, assess_size
from kahui.groups.stages import STAGE_INFO, STAGE_ORDER, Stage, StageInfo


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Scope(models.TextChoices):
    INTERNAL = "internal", _("Internal — one school or organisation")
    EXTERNAL = "external", _("External — across schools or clusters")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    THREE_WEEKLY = "three_weekly", _("Every three weeks")
    MONTHLY = "monthly", _("Once a month")
    TWICE_A_TERM = "twice_a_term", _("Twice a term")


class Access(models.TextChoices):
    OPEN = "open", _("Open — anyone who can see the group may join")
    REQUEST = "request", _("On request — a facilitator approves each request")
    INVITE = "invite", _("Invitation only — not listed in Explore")


class Status(models.TextChoices):
    DRAFT = "draft", _("Being set up")
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class GroupKind(models.TextChoices):
    PLG = "plg", _("Professional learning group")
    # Facilitators of several groups learning from each other's cases.
    INTERVISIE = "intervisie", _("Intervisie circle for facilitators")


class GroupRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    MEMBER = "member", _("Member")


# A facilitator can do all a member can; a group always keeps a facilitator.
GROUP_ROLES = RoleLadder(GroupRole.MEMBER, GroupRole.FACILITATOR)


class LearningGroupQuerySet(models.QuerySet["LearningGroup"]):
    def active(self) -> "LearningGroupQuerySet":
        return self.filter(status=Status.ACTIVE)

    def discoverable_by(self, user) -> "LearningGroupQuerySet":
        """Groups listed in Explore for ``user``: active, not invitation-only, and
        either external (open to every educator) or internal to an organisation the
        user belongs to (directly, or through the cluster it belongs to)."""
        # Internal means within a cluster: staff of a cluster's schools find the
        # cluster's own internal groups, and a cluster's staff find its schools'.
        rows = list(user.org_memberships.values_list("organisation_id", "organisation__parent_id"))
        org_ids = [org_id for org_id, _parent in rows]
        near_ids = org_ids + [parent for _org, parent in rows if parent]
        partnered = LearningGroup.partners.through.objects.filter(organisation_id__in=org_ids)
        return self.active().filter(
            ~Q(access=Access.INVITE)
            & (
                Q(scope=Scope.EXTERNAL)
                | Q(organisation_id__in=near_ids)
                | Q(organisation__parent_id__in=org_ids)
                | Q(pk__in=partnered.values("learninggroup_id"))
            )
        )


class LearningGroup(PublicId, TimeStamped):
    """A professional learning group (PLG): 6–12 educators learning together."""

    name = models.CharField(_("group name"), max_length=120)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
    )
    # Partner organisations share the group: each partner's coordinators oversee it.
    partners = models.ManyToManyField(
        "orgs.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_groups",
    )
    kind = models.CharField(
        _("kind of group"), max_length=20, choices=GroupKind.choices, default=GroupKind.PLG
    )
    focus_areas = models.ManyToManyField(
        "core.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="groups"
    )
    year_levels = models.JSONField(_("year levels"), default=list, blank=True)
    learning_areas = models.JSONField(_("subjects / learning areas"), default=list, blank=True)
    shared_learners = models.CharField(
        _("shared learners"),
        max_length=200,
        blank=True,
        help_text=_("A class, a team or a case the members teach or support together."),
    )
    purpose = models.TextField(_("purpose"), max_length=3000)
    vision = models.TextField(_("shared vision"), max_length=3000, blank=True)
    format = models.CharField(
        _("how you meet"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    scope = models.CharField(
        _("who it is for"), max_length=20, choices=Scope.choices, default=Scope.INTERNAL
    )
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, default=Frequency.FORTNIGHTLY
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    target_size = models.PositiveSmallIntegerField(
        _("target size"), default=8, validators=[MinValueValidator(2), MaxValueValidator(60)]
    )
    access = models.CharField(
        _("joining"), max_length=20, choices=Access.choices, default=Access.REQUEST
    )
    rotate_duties = models.BooleanField(
        _("rotate note-taker and timekeeper each meeting"), default=True
    )
    stage = models.CharField(
        _("He Pikorua stage"), max_length=20, choices=Stage.choices, default=Stage.CONNECT
    )
    cycle = models.PositiveSmallIntegerField(_("inquiry round"), default=1)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # When the group was archived (its last member left); empty while it is not.
    # Retention of closed groups counts from it (kahui/rights/retention.py).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Empty means the default reminders: one day and one hour before.
    reminder_minutes = models.JSONField(
        _("reminders before each meeting (minutes)"), default=list, blank=True
    )
    # The built-in protocols and starter texts the group is given come in this language.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.KNOWN_LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The built-in protocols and starter agreements come in this language."),
    )
    default_template = models.ForeignKey(
        "meetings.AgendaTemplate",
        verbose_name=_("default meeting protocol"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LearningGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning group")
        verbose_name_plural = _("learning groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_size__gte=2) & Q(target_size__lte=60),
                name="group_target_size_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def year_level_labels(self) -> list[str]:
        return [str(YEAR_LEVEL_LABELS.get(code, code)) for code in self.year_levels]

    @property
    def learning_area_labels(self) -> list[str]:
        return [str(SUBJECT_LABELS.get(code, code)) for code in self.learning_areas]

    @property
    def stage_info(self) -> StageInfo:
        return STAGE_INFO[Stage(self.stage)]

    @property
    def stage_number(self) -> int:
        return STAGE_ORDER.index(Stage(self.stage)) + 1

    def size(self, members: int | None = None) -> SizeAssessment:
        if members is None:
            members = getattr(self, "member_count", None)
        if members is None:
            members = self.memberships.count()
        return assess_size(members, self.target_size)


class GroupMembership(TimeStamped):
    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER
    )

    class Meta:
        ordering = ["role", "user__profile__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"

    @property
    def is_facilitator(self) -> bool:
        return self.role == GroupRole.FACILITATOR


class Goal(TimeStamped):
    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    evidence = models.CharField(_("how we will see progress"), max_length=500)
    objective = models.ForeignKey(
        "orgs.LearningObjective",
        verbose_name=_("organisation objective it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_goals",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Norm(TimeStamped):
    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="norms")
    text = models.CharField(_("agreement"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a facilitator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequestQuerySet(models.QuerySet["JoinRequest"]):
    def pending(self) -> "JoinRequestQuerySet":
        return self.filter(status=RequestStatus.PENDING)


class JoinRequest(PublicId, TimeStamped):
    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the facilitators"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.CharField(_("reply"), max_length=500, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.group} ({self.status})"


class GroupInviteQuerySet(models.QuerySet["GroupInvite"]):
    def pending(self) -> "GroupInviteQuerySet":
        return self.filter(
            accepted_at__isnull=True, declined_at__isnull=True, revoked_at__isnull=True
        )


class GroupInvite(Invitation):
    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="invites")
    role = models.CharField(max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER)
    message = models.TextField(_("personal message"), max_length=1000, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = GroupInviteQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.email} → {self.group}"

    @property
    def is_pending(self) -> bool:
        return super().is_pending and self.declined_at is None


class SupporterQuerySet(models.QuerySet["GroupSupporter"]):
    def active(self) -> "SupporterQuerySet":
        """Supporters who accepted and whom the group has not let go."""
        return self.filter(accepted_at__isnull=False, revoked_at__isnull=True)


class GroupSupporter(PublicId, TimeStamped):
    """Someone who is not a member but supports the group (an RTLB, a coach), with the
    group's consent: invited by a facilitator, active once they accept, and let go by
    the group (or leaving) at any time. Supporters see the charter, meetings, inquiry
    and shared work, add resources, comment on sense-making and join meetings; never a
    member's private writing."""

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporting"
    )
    role_note = models.CharField(_("how they support the group"), max_length=120, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SupporterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_current_supporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.group}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None
