"""The background job of a formation run: the engine searches in a thread while the
job writes its progress, then stores the groups or why they could not be formed."""

import logging
import threading
import time
from typing import Any

from django.utils import timezone

from kahui.formation.engine import CannotForm, Formation, form_groups
from kahui.formation.models import FormationRun, RunStatus
from kahui.formation.selectors import people_of, rules_of
from kahui.formation.words import explanation_row

log = logging.getLogger(__name__)

# How often the job writes its progress while the engine searches.
PROGRESS_SECONDS = 0.5


def _result(formation: Formation) -> dict[str, Any]:
    return {
        "groups": [list(group.members) for group in formation.groups],
        "engine_quality": formation.quality,
        "bound": formation.bound,
        "simple_bound": formation.simple_bound,
        "seconds": round(formation.seconds, 2),
        "moves": 0,
    }


def run_execute(*, run_id: int) -> None:
    """Form the groups of a queued run (the background job). The engine searches in a
    thread while this one writes the progress, which follows the search time. Safe to
    run twice: only a queued run is started."""
    claimed = FormationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=1
    )
    if not claimed:
        return
    run = FormationRun.objects.get(pk=run_id)
    people = people_of(run)
    rules = rules_of(run)
    answer: dict[str, Any] = {}

    def search() -> None:
        try:
            answer["formation"] = form_groups(people, rules)
        except CannotForm as cannot:
            answer["cannot"] = cannot
        except Exception as error:
            answer["error"] = error

    worker = threading.Thread(target=search, name=f"formation-{run.pk}", daemon=True)
    began = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(PROGRESS_SECONDS)
        elapsed = time.monotonic() - began
        progress = min(95, 1 + int(94 * elapsed / max(rules.seconds, 0.1)))
        FormationRun.objects.filter(pk=run.pk).update(progress=progress)
    fields: dict[str, Any] = {"progress": 100, "finished_at": timezone.now()}
    if "formation" in answer:
        fields |= {"status": RunStatus.DONE, "result": _result(answer["formation"])}
    elif "cannot" in answer:
        fields |= {
            "status": RunStatus.CANNOT,
            "explanations": [explanation_row(e) for e in answer["cannot"].explanations],
        }
    else:
        log.error("Formation run %s failed", run.public_id, exc_info=answer.get("error"))
        fields |= {"status": RunStatus.FAILED}
    FormationRun.objects.filter(pk=run.pk).update(**fields)
