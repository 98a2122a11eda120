"""Background tasks of group formation, run by ``kahui worker``."""

from django.tasks import task

from kahui.formation.jobs import run_execute


@task()
def form_run(*, run_id: int) -> None:
    """Form the groups of a queued run (see :func:`kahui.formation.jobs.run_execute`)."""
    run_execute(run_id=run_id)
