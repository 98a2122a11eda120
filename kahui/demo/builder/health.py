"""A group's health checks: its settings, a past check every few school weeks since
it settled in (each answered by most members, with comments, and closed), and one open
now that some members have answered already and the log-in personas have not."""

import math
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kahui.accounts.models import User
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.health import HEALTH
from kahui.demo.data.people import LOGIN_PERSONAS, NL_TIME_ZONE, NZ_TIME_ZONE, ORGANISATIONS, SEED
from kahui.groups.models import GroupMembership, LearningGroup
from kahui.health import services as health
from kahui.health.models import HealthCheck
from kahui.health.results import CONDITIONS

PAST_CHECKS = 5  # at most
MIN_PAST_CHECKS = 3  # a trend needs three points


class HealthHistory:
    def __init__(self, builder: Workshop, spec: GroupSpec, group: LearningGroup) -> None:
        self.b, self.spec, self.group = builder, spec, group
        self.story = HEALTH[spec.name]
        # Its own generator, so the checks never change anything else of the demo.
        self.rng = random.Random(f"{SEED}:health:{spec.name}")
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.tz = NL_TIME_ZONE if org_spec.country == "NL" else NZ_TIME_ZONE
        self.lead = builder.users[spec.facilitators[0]]
        self.personas = {builder.users[key].pk for _who, key in LOGIN_PERSONAS}

    def tell(self) -> None:
        gap, days = self._past_days()
        cadence = 6 if gap >= 25 else 4
        chosen = self.b.timeline.day(days[0] + 1, 16, 10, tz=self.tz)
        with self.b.timeline.at(chosen):
            health.health_settings_save(
                group=self.group,
                by=self.lead,
                cadence_weeks=cadence,
                open_days=7,
                threshold=self.story.threshold,
                now=chosen,
            )
        for index, days_ago in enumerate(days):
            # The first on demand; later ones on the cadence, or on demand while a
            # young group takes stock more often.
            by = self.lead if index == 0 or cadence == 4 else None
            opened_at = self.b.timeline.day(days_ago, 8, 15, tz=self.tz)
            self._past_check(opened_at, by, index, len(days))
        self._open_check()

    def _past_days(self) -> tuple[int, list[int]]:
        """When the past checks opened, in school days ago, oldest first: every six
        school weeks in a group that has been going a while, more often in a young
        one, from when enough members had joined to reach the threshold."""
        joined = sorted(self.group.memberships.values_list("created_at", flat=True))
        enough = joined[self.story.threshold - 1]
        for gap in (30, 25, 20, 15, 10, 8):
            days = [
                days_ago
                for days_ago in (2 + gap * n for n in range(1, PAST_CHECKS + 1))
                if self.b.timeline.day(days_ago, 8, 15, tz=self.tz) > enough
            ]
            if len(days) >= MIN_PAST_CHECKS:
                return gap, sorted(days, reverse=True)
        raise ValueError(f"{self.spec.name} is too young for a health check history")

    def _members_at(self, moment: datetime) -> list[User]:
        return [
            m.user
            for m in GroupMembership.objects.filter(group=self.group, created_at__lte=moment)
            .select_related("user")
            .order_by("created_at", "id")
        ]

    def _levels(self, index: int, count: int) -> dict[str, int]:
        """One member's answer at the ``index``-th of ``count`` checks: on the way from
        the story's first means to its latest, give or take a level."""
        share = index / (count - 1) if count > 1 else 1.0
        levels = {}
        for key in CONDITIONS:
            mean = self.story.first[key] + (self.story.latest[key] - self.story.first[key]) * share
            # Rounded up or down at random in proportion (so the group's mean stays
            # near the story's), and now and then a member who sees it quite differently.
            level = math.floor(mean + self.rng.random()) + self.rng.choice(
                (-1, 0, 0, 0, 0, 0, 0, 0, 0, 1)
            )
            levels[key] = min(5, max(1, level))
        return levels

    def _moments(self, start: datetime, end: datetime, count: int) -> list[datetime]:
        """``count`` moments between ``start`` and ``end``, in order, in waking hours."""
        zone = ZoneInfo(self.tz)
        found: list[datetime] = []
        for _attempt in range(50 * count):
            if len(found) == count:
                break
            moment = start + (end - start) * self.rng.random()
            if 7 <= moment.astimezone(zone).hour <= 21:
                found.append(moment)
        found += [start + (end - start) / 2] * (count - len(found))
        return sorted(found)

    def _past_check(self, opened_at: datetime, by: User | None, index: int, count: int) -> None:
        with self.b.timeline.at(opened_at):
            check = health.check_open(group=self.group, by=by, now=opened_at)
        members = self._members_at(opened_at)
        # Most answer; one or two may not, while enough remain for results.
        skip = self.rng.randint(0, max(0, min(2, len(members) - self.story.threshold)))
        answering = self.rng.sample(members, len(members) - skip)
        moments = self._moments(opened_at, check.closes_at - timedelta(hours=1), len(answering))
        comments = iter(self.story.comments[(index * 2) % len(self.story.comments) :])
        for number, (person, moment) in enumerate(zip(answering, moments, strict=True)):
            comment = next(comments, "") if number in (0, 2) else ""
            with self.b.timeline.at(moment):
                health.answer_save(
                    check=check,
                    by=person,
                    scores=self._levels(index, count),
                    comment=comment,
                    now=moment,
                )
        check.refresh_from_db()
        if check.is_open:
            with self.b.timeline.at(check.closes_at):
                health.check_close(check=check, now=check.closes_at)

    def _open_check(self) -> None:
        """Opened on the cadence two days ago (in any week, term or holiday, so one is
        always open), and answered by some members already."""
        opened_at = self.b.timeline.day(2, 8, 15, tz=self.tz, school_days=False)
        with self.b.timeline.at(opened_at):
            check: HealthCheck = health.check_open(group=self.group, now=opened_at)
        members = [m for m in self._members_at(opened_at) if m.pk not in self.personas]
        answering = self.rng.sample(members, min(len(members) - 1, max(1, len(members) // 2)))
        now = self.b.timeline.now - timedelta(minutes=30)
        for person, moment in zip(
            answering, self._moments(opened_at, now, len(answering)), strict=True
        ):
            with self.b.timeline.at(moment):
                health.answer_save(check=check, by=person, scores=self._levels(1, 1), now=moment)
