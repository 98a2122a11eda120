"""Writing the recommendation vectors of people and groups. Vectors are derived
data, not shared content: nothing here is recorded in the activity log."""

from collections.abc import Callable, Iterable
from typing import Any

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
    return _vectors_refresh(
        list(user_ids),
        rows=lambda ids: Profile.objects.filter(user_id__in=ids).prefetch_related("interests"),
        features=profile_features,
        store=lambda profile, data, encoder: PersonVector.objects.update_or_create(
            user_id=profile.user_id, defaults={"encoder": encoder, "data": data}
        ),
    )


def group_vectors_refresh(*, group_ids: Iterable[int]) -> int:
    """Compute and store the vectors of these groups; returns how many."""
    return _vectors_refresh(
        list(group_ids),
        rows=lambda ids: LearningGroup.objects.filter(pk__in=ids).prefetch_related("focus_areas"),
        features=group_features,
        store=lambda group, data, encoder: GroupVector.objects.update_or_create(
            group_id=group.pk, defaults={"encoder": encoder, "data": data}
        ),
    )


def _vectors_refresh(
    ids: list[int],
    *,
    rows: Callable[[list[int]], QuerySet[Any]],
    features: Callable[[Any], Any],
    store: Callable[[Any, bytes, str], object],
) -> int:
    """Encode the rows with these ids in batches and store each one's vector."""
    encoder = current_encoder()
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = list(rows(ids[start : start + BATCH]))
        vectors = encoder.encode([features(row) for row in batch])
        with transaction.atomic():
            for row, vector in zip(batch, vectors, strict=True):
                store(row, to_bytes(vector), encoder.name)
        written += len(batch)
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
