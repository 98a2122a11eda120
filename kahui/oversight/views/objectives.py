"""An organisation's learning objectives: the list, adding, editing and retiring them."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.orgs.access import org_for
from kahui.orgs.models import OrgRole
from kahui.oversight import services
from kahui.oversight.forms import NewObjectiveForm, ObjectiveForm


def _objectives_page(request, org, form, status=200):
    objectives = list(org.objectives.all())
    return render(
        request,
        "oversight/objectives.html",
        {"org": org, "objectives": objectives, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def objectives(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's learning objectives; POST adds one."""
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    if request.method == "GET":
        return _objectives_page(request, org, NewObjectiveForm())
    return _objective_add(request, org)


@submitted_once
def _objective_add(request: HttpRequest, org) -> HttpResponse:
    form = NewObjectiveForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.objective_add(
            organisation=org,
            by=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        ),
        _("The objective is added."),
    ):
        return redirect("oversight:objectives", org.slug)
    return _objectives_page(request, org, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def objective(request: HttpRequest, slug: str, objective_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    found = org.objectives.filter(public_id=objective_id).first()
    if found is None:
        raise Http404("No such objective")
    form = ObjectiveForm(request.POST or None, instance=None if request.POST else found)
    if request.method == "POST":
        if form_saved(
            request,
            form,
            lambda: services.objective_update(
                objective=found,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                active=form.cleaned_data["active"],
            ),
            _("Saved."),
        ):
            return redirect("oversight:objectives", org.slug)
        status = 400
    else:
        status = 200
    return render(
        request,
        "oversight/objective.html",
        {"org": org, "objective": found, "form": form},
        status=status,
    )
