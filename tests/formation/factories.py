"""Cohorts and runs for the formation tests."""

from kahui.formation.models import CohortSource, FormationRun, RunStatus

INTERESTS = ["reading", "maths", "te reo", "wellbeing"]


def cohort_rows(count: int = 12, *, facilitators: int = 2, school: str = "Kōwhai") -> list[dict]:
    """``count`` people free on Monday and Wednesday afternoons, the first
    ``facilitators`` of them facilitators, interests in pairs of the four topics."""
    return [
        {
            "id": f"p{n:02d}",
            "user": "",
            "name": f"Person {n:02d}",
            "school": school if n % 2 else "Tōtara",
            "role": "facilitator" if n < facilitators else "teacher",
            "facilitator": n < facilitators,
            "year_levels": ["y4-6"],
            "subjects": ["english"],
            "interests": [INTERESTS[n % 4], INTERESTS[(n + 1) % 4]],
            "availability": "Mon 15:00-17:00;Wed 15:00-16:30",
        }
        for n in range(count)
    ]


def make_run(
    world, *, groups: list[list[str]] | None = None, rows: list[dict] | None = None, **rules
) -> FormationRun:
    """A finished run of the world's school: 12 people in two groups of six."""
    rows = rows if rows is not None else cohort_rows()
    ids = [row["id"] for row in rows]
    groups = groups if groups is not None else [ids[0::2], ids[1::2]]
    return FormationRun.objects.create(
        organisation=world.school,
        created_by=world.admin,
        name="Term 1 groups",
        source=CohortSource.CSV,
        cohort={"people": rows, "together": [], "apart": []},
        rules={"min_size": 6, "max_size": 12, "meeting_minutes": 60, **rules},
        status=RunStatus.DONE,
        progress=100,
        result={"groups": groups, "bound": 40, "simple_bound": 44, "engine_quality": 0},
    )
