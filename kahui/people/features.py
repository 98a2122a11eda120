"""Profiles and groups as the plain data that `similarity.py` turns into vectors."""

from kahui.accounts.models import Profile
from kahui.groups.models import LearningGroup
from kahui.people.similarity import Features


def profile_features(profile: Profile) -> Features:
    """What a profile says, as plain data (its interests should be prefetched)."""
    return Features(
        interests=[area.slug for area in profile.interests.all()],
        subjects=list(profile.subjects),
        year_levels=list(profile.year_levels),
        roles=[profile.role],
        text=profile.bio,
    )


def group_features(group: LearningGroup) -> Features:
    """What a group says it is for (its focus areas should be prefetched)."""
    return Features(
        interests=[area.slug for area in group.focus_areas.all()],
        subjects=list(group.learning_areas),
        year_levels=list(group.year_levels),
        text="\n".join(
            part
            for part in (group.name, group.purpose, group.vision, group.shared_learners)
            if part
        ),
    )
