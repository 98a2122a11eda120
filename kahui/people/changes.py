"""When a profile or a group is saved (or its focus areas change), its recommendation
vector is computed again by the worker, once the change is committed, and a person is
indexed again for search. Saving is what happened; the receivers only queue the
refresh and update the index."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from kahui.accounts.models import Profile
from kahui.groups.models import LearningGroup
from kahui.people.indexing import person_index
from kahui.people.tasks import refresh_group_vector, refresh_person_vector

_CHANGES = {"post_add", "post_remove", "post_clear"}


@dataclass(frozen=True)
class _Refresh:
    """Queues one refresh after the commit; equal refreshes are queued once a commit."""

    kind: str
    pk: int

    def __call__(self) -> None:
        if self.kind == "person":
            refresh_person_vector.enqueue(user_id=self.pk)
        else:
            refresh_group_vector.enqueue(group_id=self.pk)


def _after_commit(refresh: _Refresh) -> None:
    pending = getattr(transaction.get_connection(), "run_on_commit", [])
    if any(entry[1] == refresh for entry in pending):
        return  # a story that saves a group ten times refreshes it once
    transaction.on_commit(refresh)


def _person_changed(user_id: int) -> None:
    _after_commit(_Refresh("person", user_id))


def _group_changed(group_id: int) -> None:
    _after_commit(_Refresh("group", group_id))


def _profile_saved(sender, instance: Profile, raw: bool = False, **kwargs) -> None:
    if not raw:
        _person_changed(instance.user_id)
        person_index(instance.user_id)


def _interests_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if action in _CHANGES and not reverse:
        _person_changed(instance.user_id)
        person_index(instance.user_id)


def _group_saved(sender, instance: LearningGroup, raw: bool = False, **kwargs) -> None:
    if not raw:
        _group_changed(instance.pk)


def _focus_areas_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if action in _CHANGES and not reverse:
        _group_changed(instance.pk)


def connect() -> None:
    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="people-profile-vector")
    m2m_changed.connect(
        _interests_changed, sender=Profile.interests.through, dispatch_uid="people-interests"
    )
    post_save.connect(_group_saved, sender=LearningGroup, dispatch_uid="people-group-vector")
    m2m_changed.connect(
        _focus_areas_changed,
        sender=LearningGroup.focus_areas.through,
        dispatch_uid="people-focus-areas",
    )
