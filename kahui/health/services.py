"""Health checks: the group's settings, opening a check (by a facilitator or on the
group's cadence), answering it, reminding those who have not, and closing it.

An answer is stored under a keyed hash of the check and the person, never with the
person, and only while the check is open: closing it writes the results (when enough
members answered, see :mod:`kahui.health.results`) and deletes every answer. The
README sets out what this protects against and what it does not."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup, Status
from kahui.health.activity import HealthActivity
from kahui.health.models import (
    MAX_THRESHOLD,
    Cadence,
    HealthAnswer,
    HealthCheck,
    HealthComment,
    HealthSettings,
    OpenFor,
)
from kahui.health.results import (
    CONDITIONS,
    MIN_THRESHOLD,
    Answer,
    effective_threshold,
    publish,
    valid_scores,
)
from kahui.notifications.models import Category
from kahui.notifications.services import notify

RESPONDENT_SALT = "kahui.health.respondent"
LONGEST_OPEN = timedelta(days=28, hours=2)  # four weeks, with room for a change of clocks
SHORTEST_OPEN = timedelta(hours=12)
# The reminder goes two days before a check closes, but never within a day of the
# notice that it opened.
REMIND_BEFORE = timedelta(days=2)
QUIET_AFTER_OPENING = timedelta(days=1)


# -- Who answered, without saying what ---------------------------------------------------


def respondent_token(check: HealthCheck, user, *, secret: str | None = None) -> str:
    """The key an answer is stored under: a keyed hash (HMAC-SHA256 with the site's
    secret key) of the check and the person. The same person gets the same key for
    the same check, so they can replace their answer; without the secret key, the
    database cannot tell whose answer it is."""
    return salted_hmac(
        RESPONDENT_SALT, f"{check.public_id}:{user.public_id}", secret=secret, algorithm="sha256"
    ).hexdigest()


def _tokens(check: HealthCheck, user) -> list[str]:
    """The person's key under the current secret, then under the fallbacks of a key
    being rotated (so an answer given before the rotation can still be replaced)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [respondent_token(check, user, secret=secret) for secret in secrets]


def answered_by(check: HealthCheck, users: Iterable[Any]) -> set[int]:
    """The ids of those ``users`` who have an answer in ``check`` (one query)."""
    users = list(users)
    owner = {token: user.pk for user in users for token in _tokens(check, user)}
    stored = HealthAnswer.objects.filter(health_check=check, respondent__in=list(owner))
    return {owner[token] for token in stored.values_list("respondent", flat=True)}


def answered_each(checks: Iterable[HealthCheck], user) -> set[int]:
    """The ids of those ``checks`` that ``user`` has answered (one query)."""
    checks = list(checks)
    owner = {token: check.pk for check in checks for token in _tokens(check, user)}
    stored = HealthAnswer.objects.filter(health_check__in=checks, respondent__in=list(owner))
    return {owner[token] for token in stored.values_list("respondent", flat=True)}


def _members(group: LearningGroup) -> list[Any]:
    return [m.user for m in group.memberships.select_related("user__profile")]


def _require_facilitator(group: LearningGroup, by) -> None:
    if not GroupMembership.objects.filter(
        group=group, user=by, role=GroupRole.FACILITATOR
    ).exists():
        raise NotAllowed(_("Only the group's facilitators can do this."))


# -- Settings -----------------------------------------------------------------------------


def settings_for(group: LearningGroup) -> HealthSettings:
    """The group's settings, or the defaults (unsaved) when none were chosen."""
    return HealthSettings.objects.filter(group=group).first() or HealthSettings(group=group)


@transaction.atomic
def health_settings_save(
    *,
    group: LearningGroup,
    by,
    cadence_weeks: int,
    open_days: int,
    threshold: int,
    now: datetime | None = None,
) -> HealthSettings:
    """Choose how often the group checks its health, for how long each check stays
    open, and how many answers it needs before results are shown (at least 3)."""
    _require_facilitator(group, by)
    if threshold < MIN_THRESHOLD:
        raise KahuiError(
            _("Results need at least %(n)s answers, so that no one's answer stands out.")
            % {"n": MIN_THRESHOLD}
        )
    if threshold > MAX_THRESHOLD:
        raise KahuiError(_("Choose at most %(n)s answers.") % {"n": MAX_THRESHOLD})
    if cadence_weeks not in Cadence.values or open_days not in OpenFor.values:
        raise KahuiError(_("Choose one of the options offered."))
    now = now or timezone.now()
    current = HealthSettings.objects.select_for_update().filter(
        group=group
    ).first() or HealthSettings(group=group)

    def shown(s: HealthSettings) -> dict[str, str]:
        return {
            "cadence_weeks": str(Cadence(s.cadence_weeks).label),
            "open_days": str(OpenFor(s.open_days).label),
            "threshold": str(s.threshold),
        }

    before = shown(current)
    if current.cadence_weeks != cadence_weeks or current.cadence_from is None:
        current.cadence_from = now
    current.cadence_weeks, current.open_days, current.threshold = (
        cadence_weeks,
        open_days,
        threshold,
    )
    current.updated_by = by
    current.save()
    changes = activity.field_changes(
        before,
        shown(current),
        {
            "cadence_weeks": _("How often"),
            "open_days": _("Open for"),
            "threshold": _("Answers needed for results"),
        },
    )
    if changes:
        activity.record(
            actor=by, action=HealthActivity.SETTINGS_CHANGED, group=group, changes=changes
        )
    return current


def next_due(health_settings: HealthSettings, last_opened: datetime | None) -> datetime | None:
    """When the cadence opens the next check: one period after the last one opened (or
    after the cadence was chosen, before the first). None when the cadence is off."""
    if not health_settings.cadence_weeks:
        return None
    start = last_opened or health_settings.cadence_from
    if start is None:
        return None
    return start + timedelta(weeks=health_settings.cadence_weeks)


# -- Opening --------------------------------------------------------------------------------


@transaction.atomic
def check_open(
    *,
    group: LearningGroup,
    by=None,
    closes_at: datetime | None = None,
    now: datetime | None = None,
) -> HealthCheck:
    """Open a health check: by a facilitator (``by``), or on the group's cadence
    (``by=None``, from the scheduler). Members are told through their notification
    preferences. Refused while another check is open, in a group that is not active,
    and in a group too small ever to reach its threshold."""
    now = now or timezone.now()
    if by is not None:
        _require_facilitator(group, by)
    if group.status != Status.ACTIVE:
        raise KahuiError(_("Only an open group can check its health."))
    health_settings = settings_for(group)
    threshold = effective_threshold(health_settings.threshold)
    members = _members(group)
    if len(members) < threshold:
        raise KahuiError(
            _(
                "The group has %(members)s members, and results need at least %(n)s "
                "answers: a check now could never show any."
            )
            % {"members": len(members), "n": threshold}
        )
    if closes_at is None:
        closes_at = now + timedelta(days=health_settings.open_days)
    if closes_at < now + SHORTEST_OPEN:
        raise KahuiError(_("Give people at least until tomorrow to answer."))
    if closes_at > now + LONGEST_OPEN:
        raise KahuiError(_("A check stays open for four weeks at most."))
    if HealthCheck.objects.filter(group=group).open().exists():
        raise KahuiError(_("A health check is open already."))
    number = (HealthCheck.objects.filter(group=group).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            check = HealthCheck.objects.create(
                group=group,
                number=number,
                opened_at=now,
                closes_at=closes_at,
                opened_by=by,
                threshold=threshold,
            )
    except IntegrityError as error:  # another scheduler or facilitator was quicker
        raise KahuiError(_("A health check is open already.")) from error
    activity.record(
        actor=by,
        action=HealthActivity.OPENED if by is not None else HealthActivity.OPENED_ON_CADENCE,
        group=group,
    )
    answer_url = reverse("health:answer", args=[group.public_id])
    notify(
        users=members,
        category=Category.HEALTH,
        title=_("How is %(group)s going? A health check is open") % {"group": group.name},
        url=answer_url,
        group=group,
        email_template="health_opened",
        context={"group": group, "check": check, "answer_url": answer_url},
        key=f"health-opened:{check.pk}",
    )
    return check


# -- Answering --------------------------------------------------------------------------------


def answer_save(
    *, check: HealthCheck, by, scores: Mapping[str, int], comment: str = "", now=None
) -> bool:
    """Save ``by``'s answer to an open check, replacing their earlier one if they
    had answered. True when it replaced one. The check closes at once when every
    member has answered."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = HealthCheck.objects.select_for_update().select_related("group").get(pk=check.pk)
        if not GroupMembership.objects.filter(group=locked.group, user=by).exists():
            raise NotAllowed(_("Only the group's members answer its health check."))
        if locked.closed_at is not None or locked.closes_at <= now:
            raise KahuiError(_("This health check has closed."))
        if not valid_scores(scores):
            raise KahuiError(_("Choose a level from 1 to 5 for every condition."))
        tokens = _tokens(locked, by)
        earlier = HealthAnswer.objects.filter(health_check=locked, respondent__in=tokens)
        replaced, _count = earlier.delete()
        HealthAnswer.objects.create(
            health_check=locked,
            respondent=tokens[0],
            comment=comment.strip()[:1000],
            **{key: int(scores[key]) for key in CONDITIONS},
        )
        members = _members(locked.group)
        if len(answered_by(locked, members)) == len(members):
            _close(locked, now)
    return bool(replaced)


# -- Reminding and closing -------------------------------------------------------------------


def remind_due(check: HealthCheck, now: datetime) -> bool:
    """Whether the reminder of ``check`` is due at ``now``."""
    remind_at = max(check.closes_at - REMIND_BEFORE, check.opened_at + QUIET_AFTER_OPENING)
    return check.is_open and check.reminded_at is None and remind_at <= now < check.closes_at


def check_remind(*, check: HealthCheck, now: datetime | None = None) -> int:
    """Remind the members who have not answered, once per check; how many were
    reminded (0 when it was done before or is not due)."""
    now = now or timezone.now()
    if not remind_due(check, now):
        return 0
    with transaction.atomic():
        # Claimed in one statement: of two schedulers, one reminds.
        claimed = HealthCheck.objects.filter(
            pk=check.pk, reminded_at__isnull=True, closed_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return 0
        group = check.group
        members = _members(group)
        answered = answered_by(check, members)
        waiting = [user for user in members if user.pk not in answered]
        answer_url = reverse("health:answer", args=[group.public_id])
        notify(
            users=waiting,
            category=Category.HEALTH,
            title=_("The health check in %(group)s closes soon") % {"group": group.name},
            url=answer_url,
            group=group,
            email_template="health_reminder",
            context={"group": group, "check": check, "answer_url": answer_url},
            key=f"health-reminder:{check.pk}",
        )
    return len(waiting)


@transaction.atomic
def check_close(*, check: HealthCheck, now: datetime | None = None) -> HealthCheck:
    """Close ``check``: write its results if enough members answered, delete every
    answer, and tell the members. Closing a closed check changes nothing."""
    locked = HealthCheck.objects.select_for_update().select_related("group").get(pk=check.pk)
    if locked.closed_at is None:
        _close(locked, now or timezone.now())
    return locked


def _close(check: HealthCheck, now: datetime) -> None:
    """Inside the caller's transaction, with ``check`` locked."""
    stored = HealthAnswer.objects.filter(health_check=check)
    answers = [
        Answer(scores={key: getattr(a, key) for key in CONDITIONS}, comment=a.comment)
        for a in stored
    ]
    published = publish(answers, threshold=check.threshold)
    group = check.group
    members = _members(group)
    check.closed_at = now
    check.answers = len(answers)
    check.members = len(members)
    if published is not None:
        check.published = True
        check.tallies = {key: list(counts) for key, counts in published.tallies.items()}
        HealthComment.objects.bulk_create(
            HealthComment(health_check=check, text=text, position=position)
            for position, text in enumerate(published.comments)
        )
    check.save(
        update_fields=["closed_at", "answers", "members", "published", "tallies"],
    )
    stored.delete()
    activity.record(actor=None, action=HealthActivity.CLOSED, group=group)
    notify(
        users=members,
        category=Category.HEALTH,
        title=(
            _("The health check in %(group)s has closed: see how the group is going")
            if published is not None
            else _("The health check in %(group)s closed with too few answers to show results")
        )
        % {"group": group.name},
        url=reverse("health:overview", args=[group.public_id]),
        group=group,
    )
