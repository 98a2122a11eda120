import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.utils.translation import gettext_lazy as _

from kahui.core.models import Invitation, PublicId, TimeStamped
from kahui.core.roles import RoleLadder

# Invite codes avoid look-alike characters so they can be read aloud in a staff meeting.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class OrgKind(models.TextChoices):
    SCHOOL = "school", _("School")
    KURA = "kura", _("Kura")
    EARLY_LEARNING = "early_learning", _("Early-learning centre")
    CLUSTER = "cluster", _("Cluster or network")
    YOUTH_CARE = "youth_care", _("Youth-care organisation")


class OrgRole(models.TextChoices):
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMIN = "admin", _("Administrator")


# An admin can do all a coordinator can; an organisation always keeps an admin.
ORG_ROLES = RoleLadder(OrgRole.MEMBER, OrgRole.COORDINATOR, OrgRole.ADMIN)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def for_user(self, user) -> "OrganisationQuerySet":
        return self.filter(memberships__user=user)


class Organisation(PublicId, TimeStamped):
    """A school, kura, early-learning centre, or a cluster/network that contains them."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        limit_choices_to={"kind": OrgKind.CLUSTER},
    )
    city = models.CharField(_("town or city"), max_length=80, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=[("NZ", _("Aotearoa New Zealand")), ("NL", _("Netherlands")), ("", _("Other"))],
        blank=True,
    )
    description = models.TextField(_("about"), max_length=2000, blank=True)
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.KNOWN_LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "New members who have not chosen a language see Kāhui in this one, and new "
            "groups meet in it."
        ),
    )
    invite_code = models.CharField(
        _("invite code"), max_length=12, unique=True, default=new_invite_code
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="org_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class OrgMembership(TimeStamped):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=OrgRole.choices, default=OrgRole.MEMBER
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_org_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"

    def has_role(self, role: str) -> bool:
        return ORG_ROLES.at_least(self.role, role)


class OrgInviteQuerySet(models.QuerySet["OrgInvite"]):
    def pending(self) -> "OrgInviteQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class OrgInvite(Invitation):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invites")
    role = models.CharField(
        _("role"), max_length=20, choices=OrgRole.choices, default=OrgRole.MEMBER
    )

    objects = OrgInviteQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class PeriodKind(models.TextChoices):
    TERM = "term", _("Term")
    HOLIDAY = "holiday", _("Holiday or closure")


class SchoolPeriod(PublicId, models.Model):
    """A term or a holiday of an organisation; meeting series can follow terms."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    name = models.CharField(_("name"), max_length=80)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day}–{self.last_day})"


class LearningObjective(PublicId, TimeStamped):
    """A strategic learning objective of an organisation: what it wants its educators
    to learn about. Group goals and personal goals say which objective they serve."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(_("objective"), max_length=200)
    description = models.TextField(_("what it means for us"), max_length=2000, blank=True)
    active = models.BooleanField(_("current"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")

    def __str__(self) -> str:
        return self.title


def domain_and_parents(domain: str) -> list[str]:
    """``staff.kowhai.school.nz`` and every domain it lies under, most specific first:
    ``kowhai.school.nz``, ``school.nz``, ``nz``."""
    labels = domain.strip().lower().rstrip(".").split(".")
    return [".".join(labels[n:]) for n in range(len(labels)) if labels[n]]


class OrgDomainQuerySet(models.QuerySet["OrgDomain"]):
    def for_email(self, email: str) -> "OrgDomainQuerySet":
        """The ties covering the domain of ``email``: its own and those of the domains
        it lies under (``kowhai.school.nz`` covers ``staff.kowhai.school.nz``), the most
        specific first. The first decides (see docs/SSO.md)."""
        domain = email.rpartition("@")[2]
        return self.covering(domain)

    def covering(self, domain: str) -> "OrgDomainQuerySet":
        """The ties of ``domain`` and of the domains it lies under, most specific first."""
        return self.filter(domain__in=domain_and_parents(domain)).order_by(Length("domain").desc())


class OrgDomain(PublicId, TimeStamped):
    """An email domain tied to an organisation: sign-ins with a verified address at it
    (or at a subdomain of it) join the organisation, and the organisation may require
    them to sign in with their school account (SSO) rather than a password. Where ties
    are nested, the most specific decides."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("email domain"), max_length=253, unique=True)
    require_sso = models.BooleanField(_("require sign-in with the school account"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OrgDomainQuerySet.as_manager()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        constraints = [
            models.CheckConstraint(condition=Q(domain=Lower("domain")), name="org_domain_lowercase")
        ]

    def __str__(self) -> str:
        return self.domain
