"""Reading health checks: the open one, the results of closed ones, the group home's
card, which checks the cadence opens next, and the latest result of many groups at
once (for the coordinators' pages).

Nothing here reads an answer: answers are only counted (how many so far) and, for
the person asking, whether they gave one."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Subquery

from kahui.core.fragments import EXPIRES_AT
from kahui.groups.models import GroupMembership, LearningGroup, Status
from kahui.health.models import HealthAnswer, HealthCheck, HealthSettings
from kahui.health.results import Results, effective_threshold, weakest
from kahui.health.services import answered_by, answered_each, next_due, settings_for


@dataclass(frozen=True)
class CheckResult:
    """A closed check with results: its numbers, each condition's mean and the
    weakest condition."""

    check: HealthCheck
    results: Results
    means: dict[str, float]
    weakest: str | None


def result_of(check: HealthCheck) -> CheckResult | None:
    results = check.results()
    if results is None:
        return None
    means = results.means()
    return CheckResult(check=check, results=results, means=means, weakest=weakest(means))


@dataclass(frozen=True)
class CheckSummary:
    """What anyone who may see a group's health is shown of one check, as its overview
    shows it: while open, only how many have answered; once closed, its results when
    enough answered (:meth:`HealthCheck.results`), otherwise only that too few did."""

    check: HealthCheck
    answers: int  # so far, while it is open
    members: int  # now, while it is open; when it closed, once closed
    withheld: str | None  # "open" or "too_few_answers"; None when results are shown
    result: CheckResult | None


WITHHELD_OPEN = "open"
WITHHELD_TOO_FEW = "too_few_answers"


def check_summary(check: HealthCheck) -> CheckSummary:
    """One check's summary: no query for a closed one, two for the open one."""
    if check.is_open:
        return CheckSummary(
            check=check,
            answers=answers_so_far(check),
            members=GroupMembership.objects.filter(group_id=check.group_id).count(),
            withheld=WITHHELD_OPEN,
            result=None,
        )
    result = result_of(check)
    return CheckSummary(
        check=check,
        answers=check.answers,
        members=check.members,
        withheld=None if result is not None else WITHHELD_TOO_FEW,
        result=result,
    )


def open_check(group: LearningGroup) -> HealthCheck | None:
    return HealthCheck.objects.filter(group=group).open().first()


def answers_so_far(check: HealthCheck) -> int:
    return HealthAnswer.objects.filter(health_check=check).count()


def has_answered(check: HealthCheck, user) -> bool:
    """Whether ``user`` has answered ``check`` (what, no one can read)."""
    return bool(answered_by(check, [user]))


def closed_checks(group: LearningGroup) -> list[HealthCheck]:
    """The group's closed checks, newest first."""
    return list(HealthCheck.objects.filter(group=group).closed())


def open_check_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The context of the card on the group home while a check is open, for members.
    The group home is cached for everyone with the same role, so the card says only
    that a check is open; whether this viewer has answered comes from
    ``health:status``."""
    if not access.is_member:
        return None
    check = open_check(group)
    if check is None:
        return None
    return {"health_check": check, EXPIRES_AT: check.closes_at}


@dataclass(frozen=True)
class Overview:
    """Everything the group's health page shows to one viewer."""

    settings: HealthSettings
    open_check: HealthCheck | None
    answers_so_far: int
    answered: bool
    members: int
    checks: list[HealthCheck]  # closed, newest first
    results: dict[int, CheckResult]  # of the published ones, by check id
    latest: CheckResult | None
    previous: CheckResult | None  # the published check before the latest
    comments: list[str]  # the latest result's, for members only
    next_due: datetime | None


def overview(group: LearningGroup, *, user, with_comments: bool) -> Overview:
    health_settings = settings_for(group)
    current = open_check(group)
    checks = closed_checks(group)
    published = [result for check in checks if (result := result_of(check)) is not None]
    results = {result.check.pk: result for result in published}
    latest = published[0] if published else None
    comments: list[str] = []
    if latest is not None and with_comments:
        comments = list(latest.check.comments.values_list("text", flat=True))
    last_opened = max(
        (c.opened_at for c in ([current] if current else []) + checks[:1]), default=None
    )
    return Overview(
        settings=health_settings,
        open_check=current,
        answers_so_far=answers_so_far(current) if current else 0,
        answered=has_answered(current, user) if current else False,
        members=GroupMembership.objects.filter(group=group).count(),
        checks=checks,
        results=results,
        latest=latest,
        previous=published[1] if len(published) > 1 else None,
        comments=comments,
        next_due=None if current else next_due(health_settings, last_opened),
    )


def checks_due(now: datetime) -> list[LearningGroup]:
    """Active groups whose cadence opens a check now: none is open, one period has
    passed since the last opened (or since the cadence was chosen), and the group
    has enough members to reach its threshold."""
    last_opened = (
        HealthCheck.objects.filter(group=OuterRef("group"))
        .order_by("-opened_at")
        .values("opened_at")[:1]
    )
    members = (
        GroupMembership.objects.filter(group=OuterRef("group"))
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    candidates = (
        HealthSettings.objects.filter(cadence_weeks__gt=0, group__status=Status.ACTIVE)
        .annotate(
            last_opened=Subquery(last_opened),
            has_open=Exists(HealthCheck.objects.open().filter(group=OuterRef("group"))),
            member_count=Subquery(members),
        )
        .filter(has_open=False)
        .select_related("group__organisation")
    )
    due = []
    for candidate in candidates:
        when = next_due(candidate, candidate.last_opened)
        enough = (candidate.member_count or 0) >= effective_threshold(candidate.threshold)
        if when is not None and when <= now and enough:
            due.append(candidate.group)
    return due


def latest_results(groups: Iterable[LearningGroup | int]) -> dict[int, CheckResult]:
    """Each group's latest result and weakest condition, keyed by group id, in one
    query however many groups there are. Groups without a published check are left
    out. Counts only, never comments: safe for overseers' pages."""
    group_ids = [g if isinstance(g, int) else g.pk for g in groups]
    latest = (
        HealthCheck.objects.published()
        .filter(group_id=OuterRef("group_id"))
        .order_by("-opened_at", "-id")
        .values("pk")[:1]
    )
    checks = HealthCheck.objects.published().filter(group_id__in=group_ids, pk=Subquery(latest))
    found = {}
    for check in checks:
        result = result_of(check)
        if result is not None:
            found[check.group_id] = result
    return found


def checks_awaiting(user) -> list[HealthCheck]:
    """The open checks of ``user``'s groups that ``user`` has not answered yet (two
    queries, whatever the number of groups)."""
    checks = list(
        HealthCheck.objects.open()
        .filter(group__in=GroupMembership.objects.filter(user=user).values("group"))
        .select_related("group")
        .order_by("closes_at", "id")
    )
    if not checks:
        return []
    answered = answered_each(checks, user)
    return [check for check in checks if check.pk not in answered]
