"""Recommendations with reasons: colleagues a person could learn with and groups they
could join, ranked by the stored vectors (``similarity.py``) and explained in words
from what the two profiles (or the profile and the group) have in common.

Only people the viewer may see (``access.people_seen_by``) who show themselves
(``Profile.findable``) are suggested, never the viewer; only groups the viewer can
discover and is not in."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kahui.accounts.choices import SUBJECT_LABELS, YEAR_LEVEL_LABELS
from kahui.accounts.models import Profile, User
from kahui.groups.models import LearningGroup
from kahui.people.access import people_seen_by
from kahui.people.encoders import current_encoder
from kahui.people.features import profile_features
from kahui.people.models import GroupVector, PersonVector
from kahui.people.similarity import (
    Encoder,
    Vector,
    from_bytes,
    nearest,
    shared_free_cells,
    stack,
    text_similarity,
)
from kahui.scheduling.models import WeeklyAvailability
from kahui.scheduling.selectors import resample

SHOWN = 5
# Rank more than are shown: a close vector with nothing to say in words is passed over.
CONSIDERED = 4 * SHOWN
# The free texts count as a reason from these cosines on (two bios; a bio and a purpose).
TEXT_REASON = 0.45
GROUP_TEXT_REASON = 0.25
# Two people's usual weeks are compatible from this many shared free hours on.
SHARED_HOURS = 1


@dataclass
class Suggestion:
    """A colleague (``person``) or a group (``group``) with why, in words."""

    score: float
    reasons: list[str] = field(default_factory=list)
    person: User | None = None
    group: LearningGroup | None = None


@dataclass
class Viewer:
    """Whom recommendations are for, read once for both lists."""

    user: User
    encoder: Encoder
    profile: Profile | None
    vector: Vector | None
    interests: dict[str, str]  # slug: name


@dataclass
class Recommendations:
    colleagues: list[Suggestion]
    groups: list[Suggestion]


def _labels(codes: Sequence[str], labels: dict[str, object]) -> str:
    return str(get_text_list([str(labels.get(code, code)) for code in codes], _("and")))


def _names(slugs: Sequence[str], names: dict[str, str]) -> str:
    return str(get_text_list([names[slug] for slug in slugs], _("and")))


def recommendations_for(user: User, *, limit: int = SHOWN) -> Recommendations:
    """Colleagues and groups for ``user``, each list best first with its reasons."""
    viewer = viewer_of(user)
    return Recommendations(
        colleagues=colleagues_for(user, limit=limit, viewer=viewer),
        groups=groups_for(user, limit=limit, viewer=viewer),
    )


def viewer_of(user: User) -> Viewer:
    encoder = current_encoder()
    profile = Profile.objects.prefetch_related("interests").filter(user=user).first()
    if profile is None:
        return Viewer(user, encoder, None, None, {})
    stored = PersonVector.objects.filter(user=user, encoder=encoder.name).first()
    vector = from_bytes(bytes(stored.data), encoder.dims) if stored else None
    if vector is None:
        # Not computed yet (the worker has not run): this request works it out alone.
        vector = encoder.encode([profile_features(profile)])[0]
    interests = {area.slug: area.name for area in profile.interests.all()}
    return Viewer(user, encoder, profile, vector, interests)


def colleagues_for(
    user: User, *, limit: int = SHOWN, viewer: Viewer | None = None
) -> list[Suggestion]:
    """Colleagues ``user`` could learn with, best first, each with its reasons."""
    viewer = viewer or viewer_of(user)
    if viewer.vector is None or viewer.profile is None:
        return []
    encoder = viewer.encoder
    rows = list(
        PersonVector.objects.filter(
            encoder=encoder.name,
            user__in=people_seen_by(user),
            user__is_active=True,
            user__profile__findable=True,
        ).values_list("user_id", "data")
    )
    matrix = stack([bytes(data) for _id, data in rows], encoder.dims)
    ranked = nearest(viewer.vector, matrix, CONSIDERED)
    ids = [rows[row][0] for row, _score in ranked]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=ids)
        .select_related("user", "organisation")
        .prefetch_related("interests")
    }
    weeks = _usual_weeks([user.pk, *ids])
    suggestions = []
    for row, score in ranked:
        profile = profiles.get(rows[row][0])
        if profile is None:
            continue
        theirs = from_bytes(bytes(rows[row][1]), encoder.dims)
        reasons = person_reasons(
            viewer.profile,
            profile,
            viewer.interests,
            text=text_similarity(viewer.vector, theirs) if theirs is not None else 0.0,
            shared_hours=_shared_hours(weeks.get(user.pk), weeks.get(profile.user_id)),
        )
        if reasons:
            suggestions.append(Suggestion(score, reasons, person=profile.user))
        if len(suggestions) == limit:
            break
    return suggestions


def person_reasons(
    mine: Profile,
    theirs: Profile,
    my_interests: dict[str, str],
    *,
    text: float = 0.0,
    shared_hours: float = 0.0,
) -> list[str]:
    """Why ``theirs`` is worth meeting for the owner of ``mine``, in words."""
    reasons = []
    shared = [area.slug for area in theirs.interests.all() if area.slug in my_interests]
    if shared:
        reasons.append(
            ngettext(
                "You share a focus area: %(areas)s.",
                "You share focus areas: %(areas)s.",
                len(shared),
            )
            % {"areas": _names(shared, my_interests)}
        )
    years = [code for code in theirs.year_levels if code in mine.year_levels]
    if years:
        reasons.append(
            _("You both teach %(years)s.") % {"years": _labels(years, YEAR_LEVEL_LABELS)}
        )
    others = [code for code in theirs.subjects if code not in mine.subjects]
    if mine.subjects and others and (shared or years):
        subjects = _labels(others, SUBJECT_LABELS)
        if shared:
            reasons.append(
                _("They teach %(subjects)s, which you don't, around an interest you share.")
                % {"subjects": subjects}
            )
        else:
            reasons.append(
                _("They teach %(subjects)s, which you don't, at the same year levels.")
                % {"subjects": subjects}
            )
    if shared_hours >= SHARED_HOURS:
        hours = round(shared_hours)
        reasons.append(
            ngettext(
                "Your usual weeks fit: you are both free at the same times, "
                "about %(hours)s hour a week.",
                "Your usual weeks fit: you are both free at the same times, "
                "about %(hours)s hours a week.",
                hours,
            )
            % {"hours": hours}
        )
    if text >= TEXT_REASON:
        reasons.append(_("Your profiles describe similar work."))
    return reasons


def groups_for(user: User, *, limit: int = SHOWN, viewer: Viewer | None = None) -> list[Suggestion]:
    """Groups ``user`` could join, best first, each with its reasons: groups they can
    discover in Explore and are not in."""
    viewer = viewer or viewer_of(user)
    if viewer.vector is None or viewer.profile is None:
        return []
    encoder = viewer.encoder
    rows = list(
        GroupVector.objects.filter(
            encoder=encoder.name,
            group__in=LearningGroup.objects.discoverable_by(user).exclude(memberships__user=user),
        ).values_list("group_id", "data")
    )
    matrix = stack([bytes(data) for _id, data in rows], encoder.dims)
    ranked = nearest(viewer.vector, matrix, CONSIDERED)
    groups = LearningGroup.objects.in_bulk([rows[row][0] for row, _score in ranked])
    slugs: dict[int, list[str]] = {}
    for group_id, slug in LearningGroup.focus_areas.through.objects.filter(
        learninggroup_id__in=groups
    ).values_list("learninggroup_id", "focusarea__slug"):
        slugs.setdefault(group_id, []).append(slug)
    suggestions = []
    for row, score in ranked:
        group = groups.get(rows[row][0])
        if group is None:
            continue
        theirs = from_bytes(bytes(rows[row][1]), encoder.dims)
        reasons = group_reasons(
            viewer.profile,
            group,
            viewer.interests,
            group_interests=slugs.get(group.pk, []),
            text=text_similarity(viewer.vector, theirs) if theirs is not None else 0.0,
        )
        if reasons:
            suggestions.append(Suggestion(score, reasons, group=group))
        if len(suggestions) == limit:
            break
    return suggestions


def group_reasons(
    mine: Profile,
    group: LearningGroup,
    my_interests: dict[str, str],
    *,
    group_interests: Sequence[str],
    text: float = 0.0,
) -> list[str]:
    """Why ``group`` suits the owner of ``mine``, in words."""
    reasons = []
    shared = [slug for slug in group_interests if slug in my_interests]
    if shared:
        reasons.append(
            ngettext(
                "It works on %(areas)s, a focus area of yours.",
                "It works on %(areas)s, focus areas of yours.",
                len(shared),
            )
            % {"areas": _names(shared, my_interests)}
        )
    years = [code for code in group.year_levels if code in mine.year_levels]
    if years:
        reasons.append(
            _("It is for %(years)s, as you teach.") % {"years": _labels(years, YEAR_LEVEL_LABELS)}
        )
    subjects = [code for code in group.learning_areas if code in mine.subjects]
    if subjects:
        reasons.append(
            _("It covers %(subjects)s, which you teach.")
            % {"subjects": _labels(subjects, SUBJECT_LABELS)}
        )
    if text >= GROUP_TEXT_REASON:
        reasons.append(_("Its purpose is close to what your profile says."))
    return reasons


def _usual_weeks(user_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Each person's usual free week in 30-minute cells, with their zone's offset from
    UTC now in minutes (the "yes" cells only)."""
    now = timezone.now()
    weeks = {}
    for week in WeeklyAvailability.objects.filter(user_id__in=user_ids).only(
        "user_id", "time_zone", "cell_minutes", "yes"
    ):
        weeks[week.user_id] = (resample(week.yes_mask, week.cell_minutes), _offset(week, now))
    return weeks


def _offset(week: WeeklyAvailability, now: datetime) -> int:
    try:
        offset = now.astimezone(ZoneInfo(week.time_zone)).utcoffset()
    except (KeyError, ValueError):
        return 0
    return int(offset.total_seconds() // 60) if offset else 0


def _shared_hours(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 0.0
    return shared_free_cells(a[0], a[1], b[0], b[1], 30) * 30 / 60
