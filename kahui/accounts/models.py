import uuid

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECT_LABELS, YEAR_LEVEL_LABELS, EducatorRole
from kahui.core.models import PublicId


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(PublicId, AbstractUser):
    """An educator's account. People log in with their email address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        return self.email.split("@")[0]


def avatar_path(profile: "Profile", filename: str) -> str:
    # A random name each time: a new picture gets a new address, so no browser keeps
    # showing the old one. Under private/: never served from the media URL, only
    # through the access-checked view in kahui.people (see docs/DEPLOY.md).
    return f"private/avatars/{uuid.uuid4().hex}.webp"


class Profile(models.Model):
    """What colleagues see of an educator and what Kāhui uses to suggest groups."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=80)
    role = models.CharField(
        _("role"), max_length=20, choices=EducatorRole.choices, default=EducatorRole.TEACHER
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("school or organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subjects = models.JSONField(_("subjects / learning areas"), default=list, blank=True)
    year_levels = models.JSONField(_("year levels"), default=list, blank=True)
    interests = models.ManyToManyField(
        "core.FocusArea",
        verbose_name=_("interests and focus areas"),
        blank=True,
        related_name="profiles",
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.KNOWN_LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Set once the educator picks a language themselves (the switcher, the profile
    # page, or the switcher before signing up). Until then an organisation they join
    # gives them its default language.
    language_chosen = models.BooleanField(default=False, editable=False)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    findable = models.BooleanField(
        _("show me in people search and recommendations"),
        default=True,
        help_text=_(
            "Colleagues in your organisations and clusters can find you by your profile's "
            "interests, subjects and year levels. Your email address is never shown."
        ),
    )

    avatar = models.ImageField(_("picture"), upload_to=avatar_path, blank=True, max_length=200)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name

    @property
    def subject_labels(self) -> list[str]:
        return [str(SUBJECT_LABELS.get(code, code)) for code in self.subjects]

    @property
    def year_level_labels(self) -> list[str]:
        return [str(YEAR_LEVEL_LABELS.get(code, code)) for code in self.year_levels]
