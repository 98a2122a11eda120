"""Creating and updating educators' accounts and profiles."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.accounts.models import Profile, User
from kahui.accounts.pictures import square_picture
from kahui.accounts.selectors import default_display_name
from kahui.core.errors import KahuiError
from kahui.core.focus_areas import clean_name, free_slug
from kahui.core.models import FocusArea, FocusAreaStatus


def profile_ensure(*, user: User, display_name: str = "", **fields) -> Profile:
    """Give ``user`` a profile if they have none yet (e.g. an operator's account)."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = Profile.objects.create(
            user=user, display_name=display_name or default_display_name(user), **fields
        )
    return profile


@transaction.atomic
def profile_update(
    *, profile: Profile, interests=None, new_interests: Sequence[str] = (), **fields
) -> Profile:
    """Save a profile; ``new_interests`` are focus areas named for the first time.
    A changed language counts as the educator's own choice (see
    :func:`profile_set_language`)."""
    if "language" in fields and fields["language"] != profile.language:
        profile.language_chosen = True
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if interests is not None or new_interests:
        chosen = list(interests if interests is not None else profile.interests.all())
        chosen += [focus_area_for_name(name, by=profile.user) for name in new_interests]
        profile.interests.set(chosen)
    return profile


def profile_set_language(*, profile: Profile, language: str) -> Profile:
    """The educator's own choice of interface language (from the language switcher).
    Once chosen, an organisation they join no longer sets it to its default."""
    if language not in dict(settings.LANGUAGES):
        raise KahuiError(_("Kāhui is not available in that language."))
    profile.language = language
    profile.language_chosen = True
    profile.save(update_fields=["language", "language_chosen"])
    return profile


def focus_area_for_name(name: str, *, by: User | None = None) -> FocusArea:
    """The focus area called ``name`` (in any letter case), proposed by ``by`` if it
    is new: it stays with whoever holds it until an organisation's review accepts it
    into the shared list (see kahui.core.focus_areas).

    Its web slug is made unique: “Maths talk!” after “Maths talk” becomes
    ``maths-talk-2`` rather than failing."""
    try:
        name = clean_name(name)
    except ValidationError as error:
        raise KahuiError(error.messages[0]) from error
    for _attempt in range(3):
        area = FocusArea.objects.filter(name__iexact=name).first()
        if area is not None:
            return area
        try:
            with transaction.atomic():
                return FocusArea.objects.create(
                    name=name,
                    slug=free_slug(name),
                    status=FocusAreaStatus.PROPOSED,
                    proposed_by=by,
                    proposed_at=timezone.now(),
                )
        except IntegrityError:
            continue  # someone made the same name or slug a moment ago: look again
    raise IntegrityError(f"Could not make a focus area called {name!r}")


def _forget_picture(name: str | None) -> None:
    """Delete a replaced or removed picture once the change is saved."""
    if name:
        storage = Profile._meta.get_field("avatar").storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_picture_set(*, profile: Profile, data: bytes) -> Profile:
    """Make ``data`` (an uploaded image) ``profile``'s picture: upright, square, 256
    pixels, WebP, without metadata. Raises ``pictures.PictureError`` for what is not a
    usable picture."""
    picture = square_picture(data)
    old = profile.avatar.name
    profile.avatar.save("avatar.webp", ContentFile(picture), save=False)
    profile.save(update_fields=["avatar"])
    _forget_picture(old)
    return profile


@transaction.atomic
def profile_picture_remove(*, profile: Profile) -> Profile:
    """Take ``profile``'s picture away: their initials show again."""
    old = profile.avatar.name
    profile.avatar = ""
    profile.save(update_fields=["avatar"])
    _forget_picture(old)
    return profile
