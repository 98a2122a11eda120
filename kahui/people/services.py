"""Writing the recommendation vectors of people and groups. Vectors are derived
data, not shared content: nothing here is recorded in the activity log."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from kahui.accounts.models import Profile
from kahui.groups.models import LearningGroup, Status
from kahui.people.encoders import IDF, current_encoder, is_lexical
from kahui.people.features import group_features, profile_features
from kahui.people.models import GroupVector, PersonVector, TextWeights
from kahui.people.similarity import fit_idf, to_bytes

BATCH = 500


def person_vectors_refresh(*, user_ids: Iterable[int]) -> int:
    """Compute and store the vectors of these people's profiles; returns how many."""
    encoder = current_encoder()
    ids = list(user_ids)
    written = 0
    for start in range(0, len(ids), BATCH):
        profiles = list(
            Profile.objects.filter(user_id__in=ids[start : start + BATCH]).prefetch_related(
                "interests"
            )
        )
        vectors = encoder.encode([profile_features(profile) for profile in profiles])
        with transaction.atomic():
            for profile, vector in zip(profiles, vectors, strict=True):
                PersonVector.objects.update_or_create(
                    user_id=profile.user_id,
                    defaults={"encoder": encoder.name, "data": to_bytes(vector)},
                )
        written += len(profiles)
    return written


def group_vectors_refresh(*, group_ids: Iterable[int]) -> int:
    """Compute and store the vectors of these groups; returns how many."""
    encoder = current_encoder()
    ids = list(group_ids)
    written = 0
    for start in range(0, len(ids), BATCH):
        groups = list(
            LearningGroup.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related(
                "focus_areas"
            )
        )
        vectors = encoder.encode([group_features(group) for group in groups])
        with transaction.atomic():
            for group, vector in zip(groups, vectors, strict=True):
                GroupVector.objects.update_or_create(
                    group_id=group.pk,
                    defaults={"encoder": encoder.name, "data": to_bytes(vector)},
                )
        written += len(groups)
    return written


def text_weights_fit() -> None:
    """Fit the lexical encoder's word weights on every profile's and group's text."""
    texts = list(Profile.objects.filter(user__is_active=True).values_list("bio", flat=True))
    texts += [group_features(group).text for group in _groups().prefetch_related("focus_areas")]
    TextWeights.objects.update_or_create(name=IDF, defaults={"data": to_bytes(fit_idf(texts))})


def vectors_rebuild() -> tuple[int, int]:
    """Every profile's and group's vector again (after changing the encoder, or to
    catch up on changes made while no worker ran), refitting the lexical word weights
    first; returns (people, groups)."""
    if is_lexical():
        text_weights_fit()
    people = person_vectors_refresh(
        user_ids=Profile.objects.filter(user__is_active=True).values_list("user_id", flat=True)
    )
    groups = group_vectors_refresh(group_ids=_groups().values_list("pk", flat=True))
    return people, groups


def _groups() -> QuerySet[LearningGroup]:
    return LearningGroup.objects.exclude(status=Status.ARCHIVED)
