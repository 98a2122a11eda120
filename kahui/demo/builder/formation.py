"""Forming groups: the cluster's coordinator forms groups from the cluster's educators
(those who painted no usual week count as free on weekday afternoons), and the run is
finished, so its board, scores and reasons are there to move people and publish."""

from kahui.demo.builder.workshop import Workshop
from kahui.formation import selectors, services
from kahui.formation.jobs import run_execute
from kahui.formation.models import CohortSource

# For the demo's educators who painted no usual week.
AFTER_SCHOOL = "Mon 15:00-17:00;Tue 15:00-17:00;Wed 15:00-17:00;Thu 15:00-17:00"
RUN_NAME = "Term 1 cluster groups"


def formation_run(builder: Workshop) -> None:
    cluster = builder.orgs["cl"]
    cohort = selectors.cohort_of_organisation(
        cluster, selectors.EducatorFilter(), default_availability=AFTER_SCHOOL
    )
    run = services.run_start(
        organisation=cluster,
        by=builder.users["cl.lead"],
        name=RUN_NAME,
        source=CohortSource.ORGANISATION,
        cohort=cohort,
        rules={
            "min_size": 6,
            "max_size": 12,
            "meeting_minutes": 60,
            "share": "",
            "mix": ["school", "role"],
            "together": [],
            "apart": [],
            "spread_facilitators": True,
            "seconds": 2,
        },
    )
    # Finished now, not by the worker: the demo shows a formed board at once (the queued
    # task finds the run done and leaves it).
    run_execute(run_id=run.pk)
