"""People in the search index: a findable, active person's name, role, organisation,
interests, subjects and bio, found by whom ``access.people_found_by`` allows (the rule
registered for the kind "person")."""

from collections.abc import Iterator

from django.urls import reverse

from kahui.accounts.choices import SUBJECT_LABELS
from kahui.accounts.models import Profile
from kahui.core import search

KIND = "person"


def _document(profile: Profile) -> search.Document:
    parts = [str(profile.get_role_display())]
    if profile.organisation is not None:
        parts.append(profile.organisation.name)
    parts += [area.name for area in profile.interests.all()]
    parts += [str(SUBJECT_LABELS.get(code, code)) for code in profile.subjects]
    parts.append(profile.bio)
    return search.Document(
        kind=KIND,
        object_id=profile.user_id,
        title=profile.display_name,
        body="\n".join(filter(None, parts)),
        url=reverse("people:person", args=[profile.user.public_id]),
        markdown=False,
    )


def _profiles():
    return Profile.objects.select_related("user", "organisation").prefetch_related("interests")


def person_index(user_id: int) -> None:
    """Index the person again, or take them out when they hide from search."""
    profile = _profiles().filter(user_id=user_id).first()
    if profile is None or not profile.findable or not profile.user.is_active:
        search.unindex(kind=KIND, object_id=user_id)
    else:
        search.index_many([_document(profile)])


def people_reindex() -> int:
    """Every findable person in the search index again (``kahui reindex-search``)."""

    def documents() -> Iterator[search.Document]:
        profiles = _profiles().filter(findable=True, user__is_active=True).order_by("pk")
        yield from (_document(p) for p in profiles.iterator(chunk_size=2000))

    return search.index_many(documents())
