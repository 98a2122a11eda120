"""Reading cohorts and runs: an organisation's educators as the engine's people, and
a stored run back as people, rules and groups."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kahui.accounts.models import User
from kahui.formation.board import Board, evaluate
from kahui.formation.csvio import Cohort
from kahui.formation.engine import DAYS, Mix, Person, Rules, Share, Window, parse_windows
from kahui.formation.models import FormationRun
from kahui.orgs.models import Organisation
from kahui.scheduling.models import WeeklyAvailability

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class EducatorFilter:
    role: str = ""
    year_level: str = ""
    subject: str = ""
    interest: str = ""
    school: Organisation | None = None

    @property
    def any(self) -> bool:
        return bool(self.role or self.year_level or self.subject or self.interest or self.school)


def schools_of(organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation and, for a cluster, its schools."""
    return Organisation.objects.filter(Q(pk=organisation.pk) | Q(parent=organisation)).order_by(
        "name"
    )


def educators(
    organisation: Organisation, only: EducatorFilter = EducatorFilter()
) -> QuerySet[User]:
    """The people of the organisation (and, for a cluster, its schools), with their
    profiles, interests and usual weeks; narrowed by ``only``. JSON lists are
    filtered in Python by :func:`matches`, so this reads the same on every database."""
    orgs = [only.school] if only.school else list(schools_of(organisation))
    found = (
        User.objects.filter(org_memberships__organisation__in=orgs, is_active=True)
        .select_related("profile__organisation", "weekly_availability")
        .prefetch_related("profile__interests")
        .distinct()
        .order_by("profile__display_name", "pk")
    )
    if only.role:
        found = found.filter(profile__role=only.role)
    if only.interest:
        found = found.filter(profile__interests__name__icontains=only.interest)
    return found


def matches(user: User, only: EducatorFilter) -> bool:
    profile = user.profile
    if only.year_level and only.year_level not in profile.year_levels:
        return False
    return not (only.subject and only.subject not in profile.subjects)


def week_text(week: WeeklyAvailability | None) -> str:
    """A painted usual week (the ``yes`` cells) as windows the engine reads, in the
    person's own time zone: ``Mon 15:30-17:00;Wed 15:00-16:30``."""
    if week is None:
        return ""
    mask = week.yes_mask
    size = week.cell_minutes
    parts = []
    cell = 0
    while mask >> cell:
        if (mask >> cell) & 1:
            run = 0
            while (mask >> (cell + run)) & 1:
                run += 1
            start, end = cell * size, (cell + run) * size
            # A run past midnight is cut at each day's end.
            while start < end:
                day, first = divmod(start, MINUTES_PER_DAY)
                last = min(end - day * MINUTES_PER_DAY, MINUTES_PER_DAY)
                if day < len(DAYS):
                    parts.append(str(Window(day, first, last)))
                start = (day + 1) * MINUTES_PER_DAY
            cell += run
        else:
            cell += 1
    return ";".join(parts)


def person_row(user: User, *, default_availability: str = "") -> dict[str, Any]:
    """One educator as a row of a run's cohort snapshot."""
    profile = user.profile
    availability = week_text(getattr(user, "weekly_availability", None)) or default_availability
    return {
        "id": str(user.public_id),
        "user": str(user.public_id),
        "name": profile.display_name,
        "school": profile.organisation.name if profile.organisation else "",
        "role": profile.role,
        "facilitator": profile.role == "facilitator",
        "year_levels": sorted(profile.year_levels),
        "subjects": sorted(profile.subjects),
        "interests": sorted(area.name for area in profile.interests.all()),
        "availability": availability,
    }


def people_of(run: FormationRun) -> list[Person]:
    return [
        Person(
            id=row["id"],
            name=row.get("name", ""),
            school=row.get("school", ""),
            role=row.get("role", ""),
            facilitator=bool(row.get("facilitator")),
            year_levels=frozenset(row.get("year_levels", ())),
            subjects=frozenset(row.get("subjects", ())),
            interests=frozenset(row.get("interests", ())),
            free=parse_windows(row.get("availability", "")),
        )
        for row in run.cohort.get("people", [])
    ]


def _pairs(rows: list[list[str]]) -> frozenset[tuple[str, str]]:
    return frozenset((a, b) if a <= b else (b, a) for a, b in rows)


def rules_of(run: FormationRun) -> Rules:
    r = run.rules
    return Rules(
        min_size=r.get("min_size", 6),
        max_size=r.get("max_size", 12),
        meeting_minutes=r.get("meeting_minutes", 60),
        share=Share(r.get("share", "")),
        mix=tuple(Mix(m) for m in r.get("mix", [])),
        together=_pairs(run.cohort.get("together", []) + r.get("together", [])),
        apart=_pairs(run.cohort.get("apart", []) + r.get("apart", [])),
        spread_facilitators=r.get("spread_facilitators", True),
        seconds=r.get("seconds", 5.0),
    )


def names_of(run: FormationRun) -> dict[str, str]:
    return {row["id"]: row.get("name") or row["id"] for row in run.cohort.get("people", [])}


def board_of(run: FormationRun) -> Board | None:
    groups = run.result.get("groups")
    if not groups:
        return None
    return evaluate(people_of(run), groups, rules_of(run))


def cohort_of_organisation(
    organisation: Organisation, only: EducatorFilter, *, default_availability: str = ""
) -> dict[str, Any]:
    """A cohort snapshot of the organisation's educators, as narrowed by ``only``."""
    rows = [
        person_row(user, default_availability=default_availability)
        for user in educators(organisation, only)
        if matches(user, only)
    ]
    return {"people": rows, "together": [], "apart": []}


def cohort_of_file(cohort: Cohort) -> dict[str, Any]:
    """A cohort snapshot of a read CSV file."""
    rows = [
        {
            "id": p.id,
            "user": "",
            "name": p.name,
            "school": p.school,
            "role": p.role,
            "facilitator": p.facilitator,
            "year_levels": sorted(p.year_levels),
            "subjects": sorted(p.subjects),
            "interests": sorted(p.interests),
            "availability": cohort.availability.get(p.id, ""),
        }
        for p in cohort.people
    ]
    return {
        "people": rows,
        "together": sorted(list(pair) for pair in cohort.together),
        "apart": sorted(list(pair) for pair in cohort.apart),
    }


def runs_of(organisation: Organisation) -> QuerySet[FormationRun]:
    return FormationRun.objects.filter(organisation=organisation).select_related(
        "programme", "created_by__profile"
    )
