"""The coordinator's pages: the runs, a new run (cohort and rules), a run's progress
and board (move someone, publish)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.formation import selectors, services
from kahui.formation.access import organisation_for, programmes_for, run_for
from kahui.formation.forms import FormationForm, MoveForm
from kahui.formation.models import CohortSource, FormationRun
from kahui.formation.words import breach_text, explanation_text


@login_required
@require_GET
def runs(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug)
    return render(
        request,
        "formation/runs.html",
        {"organisation": organisation, "runs": list(selectors.runs_of(organisation)[:50])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug)
    programmes = programmes_for(request.user, organisation)
    initial = {}
    if chosen := request.GET.get("programme"):
        initial["programme"] = programmes.filter(public_id__in=_uuids(chosen)).first()
    form = FormationForm(
        request.POST or None,
        request.FILES or None,
        schools=selectors.schools_of(organisation),
        programmes=programmes,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["source"] == CohortSource.CSV:
            cohort = selectors.cohort_of_file(form.cohort_file)
        else:
            only = selectors.EducatorFilter()
            if data["source"] == CohortSource.FILTERED:
                only = selectors.EducatorFilter(
                    role=data["role"],
                    year_level=data["year_level"],
                    subject=data["subject"],
                    interest=data["interest"],
                    school=data["school"],
                )
            cohort = selectors.cohort_of_organisation(
                organisation, only, default_availability=data["default_availability"]
            )
        try:
            run = services.run_start(
                organisation=organisation,
                by=request.user,
                name=data["name"],
                source=data["source"],
                cohort=cohort,
                rules=form.rules(),
                programme=data["programme"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            return redirect("formation:run", organisation.slug, run.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "formation/new.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


def _uuids(text: str) -> list[UUID]:
    try:
        return [UUID(text)]
    except ValueError:
        return []


def _context(run: FormationRun, move_form: MoveForm | None = None) -> dict:
    names = selectors.names_of(run)
    board = selectors.board_of(run)
    rules = selectors.rules_of(run)
    context = {
        "organisation": run.organisation,
        "run": run,
        "rules": rules,
        "people_count": len(names),
        "explanations": [explanation_text(row, names) for row in run.explanations],
        "board": board,
    }
    if board is not None:
        people = {p.id: p for p in selectors.people_of(run)}
        groups = [
            {
                "figures": figures,
                "members": [people[pid] for pid in figures.members],
                "facilitators": [names[pid] for pid in figures.facilitators],
            }
            for figures in board.groups
        ]
        bound = run.result.get("bound", 0)
        # Each person with the group they are in now, for those who cannot see the board.
        group_of = {pid: n for n, figures in enumerate(board.groups, 1) for pid in figures.members}
        choices = [
            (pid, _("%(name)s (group %(group)s)") % {"name": name, "group": group_of[pid]})
            if pid in group_of
            else (pid, name)
            for pid, name in sorted(names.items(), key=lambda c: c[1].casefold())
        ]
        context |= {
            "groups": groups,
            "bound": bound,
            "ratio": board.quality / bound if bound else None,
            "breaches": [
                breach_text(b, names, min_size=rules.min_size, max_size=rules.max_size)
                for b in board.breaches
            ],
            "move_form": move_form or MoveForm(people=choices, groups=len(board.groups)),
            "not_invited": services.not_invited(run) if not run.published_at else [],
        }
    return context


@login_required
@require_GET
def run_view(request: HttpRequest, slug: str, run_id: UUID) -> HttpResponse:
    run = run_for(request, slug, run_id)
    context = _context(run)
    if request.htmx and not run.finished:
        return render(request, "formation/run.html#progress", context)
    if request.htmx:
        # Finished while polled: the whole page shows the groups.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "formation/run.html", context)


@login_required
@require_POST
def move(request: HttpRequest, slug: str, run_id: UUID) -> HttpResponse:
    run = run_for(request, slug, run_id)
    board = selectors.board_of(run)
    names = selectors.names_of(run)
    form = MoveForm(
        request.POST, people=list(names.items()), groups=len(board.groups) if board else 0
    )
    if form.is_valid():
        try:
            run = services.run_move(
                run=run,
                by=request.user,
                person=form.cleaned_data["person"],
                to=form.cleaned_data["to"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            moved = _("%(name)s moved to group %(group)s.") % {
                "name": names[form.cleaned_data["person"]],
                "group": form.cleaned_data["to"],
            }
            if request.htmx:
                return render(request, "formation/run.html#board", _context(run) | {"moved": moved})
            messages.success(request, moved)
            return redirect("formation:run", slug, run.public_id)
    template = "formation/run.html#board" if request.htmx else "formation/run.html"
    return render(request, template, _context(run, form), status=400)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, run_id: UUID) -> HttpResponse:
    run = run_for(request, slug, run_id)
    try:
        made = services.run_publish(run=run, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        if made:
            messages.success(
                request,
                _(
                    "%(count)s groups made as drafts. Their facilitators open them, and the "
                    "invitations go out then."
                )
                % {"count": len(made)},
            )
        else:
            messages.info(request, _("These groups were already published."))
    return redirect("formation:run", slug, run.public_id)
