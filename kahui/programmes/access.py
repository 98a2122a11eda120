"""May this person see or run this programme? Every programme view asks here.

- run: coordinators and administrators of the lead or a partner organisation, or of
  the cluster either belongs to;
- view: those, the programme's coaches and the facilitators of its groups;
- take part (the kick-off page): those, and every member of its groups.

Everyone else gets a 404, so a programme's existence is not given away; a viewer who
asks to run it gets a 403."""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from kahui.programmes.models import Programme
from kahui.programmes.selectors import kickoff_participants


class Need(StrEnum):
    TAKE_PART = "take_part"
    VIEW = "view"
    RUN = "run"


@dataclass(frozen=True)
class ProgrammeAccess:
    runs: bool
    views: bool
    takes_part: bool


def programme_access(user, programme: Programme) -> ProgrammeAccess:
    runs = Programme.objects.run_by(user).filter(pk=programme.pk).exists()
    views = runs or Programme.objects.visible_to(user).filter(pk=programme.pk).exists()
    takes_part = views or kickoff_participants(programme).filter(pk=user.pk).exists()
    return ProgrammeAccess(runs=runs, views=views, takes_part=takes_part)


def programme_for(
    request: HttpRequest, public_id: UUID, need: Need = Need.VIEW
) -> tuple[Programme, ProgrammeAccess]:
    """The programme, if the requester may ``need`` it; 404 to those who may not see
    it at all, 403 to those who see it but may not run it."""
    programme = (
        Programme.objects.select_related("organisation").filter(public_id=public_id).first()
        if request.user.is_authenticated
        else None
    )
    if programme is None:
        raise Http404("No such programme")
    access = programme_access(request.user, programme)
    if not access.takes_part or (need != Need.TAKE_PART and not access.views):
        raise Http404("No such programme")
    if need == Need.RUN and not access.runs:
        raise PermissionDenied("Only the programme's coordinators may do this.")
    return programme, access
