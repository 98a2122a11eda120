"""Background tasks of the roster, run by ``kahui worker``."""

from django.tasks import task

from kahui.roster.jobs import import_execute


@task()
def roster_import_run(*, import_id: int) -> None:
    """Carry out a confirmed roster import (see :func:`kahui.roster.jobs.import_execute`)."""
    import_execute(import_id=import_id)
