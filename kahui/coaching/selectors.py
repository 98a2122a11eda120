"""What the coaching pages show, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from kahui.coaching import access
from kahui.coaching.access import Pair
from kahui.coaching.models import (
    AdviceRequest,
    AdviceStatus,
    CoachingNote,
    Observation,
    PairRead,
    StepObservation,
)
from kahui.groups.pages import WaitingItem


@dataclass
class Person:
    """Someone on the coaching page: the other of a pair, and what waits there."""

    user: Any
    url: str
    open_requests: int = 0
    news: bool = False


@dataclass
class CoachingHome:
    coachees: list[Person]
    coaches: list[Person]
    open_requests: list[AdviceRequest]


def _reads(user) -> dict[tuple[int, int], datetime]:
    return {
        (row.coach_id, row.facilitator_id): row.read_at
        for row in PairRead.objects.filter(reader=user)
    }


def _latest_from_coaches(facilitator) -> dict[int, datetime]:
    """When each coach last wrote to ``facilitator``: a note, an answer or a shared
    observation (three queries)."""
    latest: dict[int, datetime] = {}
    rows = [
        CoachingNote.objects.filter(facilitator=facilitator)
        .exclude(author=facilitator)
        .values("coach_id")
        .annotate(last=Max("created_at")),
        AdviceRequest.objects.filter(facilitator=facilitator, status=AdviceStatus.ANSWERED)
        .values("coach_id")
        .annotate(last=Max("answered_at")),
        Observation.objects.filter(facilitator=facilitator, shared_at__isnull=False)
        .values("coach_id")
        .annotate(last=Max("shared_at")),
    ]
    for query in rows:
        for row in query:
            known = latest.get(row["coach_id"])
            if row["last"] and (known is None or row["last"] > known):
                latest[row["coach_id"]] = row["last"]
    return latest


def _news(latest: datetime | None, read: datetime | None) -> bool:
    return latest is not None and (read is None or latest > read)


def coaching_home(user) -> CoachingHome:
    """Whom ``user`` coaches (with the requests waiting for them) and who coaches them
    (with whether something new waits there)."""
    coachees = list(access.coachees_of(user))
    waiting = list(
        AdviceRequest.objects.filter(
            coach=user, status=AdviceStatus.OPEN, facilitator__in=[c.pk for c in coachees]
        ).select_related("facilitator__profile", "group", "meeting")
    )
    per_coachee: dict[int, int] = {}
    for found in waiting:
        per_coachee[found.facilitator_id] = per_coachee.get(found.facilitator_id, 0) + 1
    coaches = list(access.coaches_of(user))
    reads = _reads(user) if coaches else {}
    latest = _latest_from_coaches(user) if coaches else {}
    return CoachingHome(
        coachees=[
            Person(
                user=person,
                url=reverse("coaching:pair", args=[user.public_id, person.public_id]),
                open_requests=per_coachee.get(person.pk, 0),
            )
            for person in coachees
        ],
        coaches=[
            Person(
                user=person,
                url=reverse("coaching:pair", args=[person.public_id, user.public_id]),
                news=_news(latest.get(person.pk), reads.get((person.pk, user.pk))),
            )
            for person in coaches
        ],
        open_requests=waiting,
    )


@dataclass
class Entry:
    """One line of the pair's history, in time order."""

    kind: str  # "note", "advice", "observation"
    at: datetime
    record: Any
    form: Any = None  # the coach's answer to an open request


@dataclass
class PairPage:
    pair: Pair
    entries: list[Entry]
    open_requests: int
    groups: list[Any]


def pair_page(pair: Pair) -> PairPage:
    """The pair's notes, requests for advice and observations in time order (drafts
    for the coach only), in a fixed number of queries."""
    notes = CoachingNote.objects.of_pair(pair.coach, pair.facilitator).select_related(
        "author__profile"
    )
    requests = AdviceRequest.objects.of_pair(pair.coach, pair.facilitator).select_related(
        "group", "meeting"
    )
    observations = Observation.objects.of_pair(pair.coach, pair.facilitator).select_related(
        "meeting__group"
    )
    if not pair.viewer_is_coach:
        observations = observations.filter(shared_at__isnull=False)
    entries = [Entry("note", note.created_at, note) for note in notes]
    found = list(requests)
    entries += [Entry("advice", r.created_at, r) for r in found]
    entries += [Entry("observation", o.created_at, o) for o in observations]
    entries.sort(key=lambda entry: entry.at)
    return PairPage(
        pair=pair,
        entries=entries,
        open_requests=sum(1 for r in found if r.is_open),
        groups=list(access.shared_groups(pair.coach, pair.facilitator).order_by("name")),
    )


@dataclass
class Step:
    row: StepObservation
    starts_at: datetime


@dataclass
class ObservationPage:
    observation: Observation
    steps: list[Step]


def observation_page(observation: Observation) -> ObservationPage:
    """The observation with its steps and when each began (from the meeting's start
    and the steps' minutes): the agenda's step titles and times, nothing else of the
    meeting."""
    at = observation.meeting.starts_at
    steps = []
    for row in observation.steps.all():
        steps.append(Step(row=row, starts_at=at))
        at += timedelta(minutes=row.minutes)
    return ObservationPage(observation=observation, steps=steps)


def waiting_for(user) -> list[WaitingItem]:
    """For the facilitator home (``kahui.groups.pages.facilitator_needs``): a coaching
    reply waiting for ``user`` (a coach wrote, answered or shared since they last
    looked), and requests for advice waiting for ``user`` as a coach."""
    items = []
    coaches = list(access.coaches_of(user))
    if coaches:
        reads = _reads(user)
        latest = _latest_from_coaches(user)
        for coach in coaches:
            when = latest.get(coach.pk)
            if _news(when, reads.get((coach.pk, user.pk))):
                items.append(
                    WaitingItem(
                        kind="coaching",
                        text=_("A coaching reply from %(name)s is waiting")
                        % {"name": coach.display_name},
                        url=reverse("coaching:pair", args=[coach.public_id, user.public_id]),
                        due=when,
                    )
                )
    waiting = (
        AdviceRequest.objects.filter(
            coach=user,
            status=AdviceStatus.OPEN,
            facilitator__in=access.coachees_of(user).order_by().values("pk"),
        )
        .values("facilitator__public_id", "facilitator__profile__display_name")
        .annotate(count=Count("pk"), first=Max("created_at"))
        .order_by("first")
    )
    for row in waiting:
        facilitator_id = row["facilitator__public_id"]
        items.append(
            WaitingItem(
                kind="coaching",
                text=_("%(name)s asks you for advice")
                % {"name": row["facilitator__profile__display_name"]},
                url=reverse("coaching:pair", args=[user.public_id, facilitator_id]),
                due=row["first"],
            )
        )
    return items
