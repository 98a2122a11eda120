"""A programme's own pages: the list, setting one up, editing it, its page with phases,
groups and coaches, moving its phase and handing over."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.programmes import selectors, services
from kahui.programmes.access import Need, programme_for
from kahui.programmes.forms import (
    CoachForm,
    PhaseForm,
    ProgrammeEditForm,
    ProgrammeForm,
)
from kahui.programmes.models import PHASE_ORDER, Kickoff, Programme


def _status(request: HttpRequest) -> int:
    """A form drawn again after a POST was refused."""
    return 400 if request.method == "POST" else 200


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": selectors.programmes_for(request.user),
            "can_create": selectors.led_organisations(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def programme_create(request: HttpRequest) -> HttpResponse:
    organisations = selectors.led_organisations(request.user)
    if not organisations.exists():
        raise Http404("Not a coordinator")
    chosen = organisations.filter(slug=request.GET.get("organisation")).first() or (
        organisations.first()
    )
    if request.method == "POST":
        chosen = organisations.filter(pk=request.POST.get("organisation")).first() or chosen
    form = ProgrammeForm(
        request.POST or None,
        organisations=organisations,
        partners=selectors.partner_choices(request.user, chosen),
        initial={"organisation": chosen},
    )
    created: list[Programme] = []

    def save() -> None:
        created.append(services.programme_create(by=request.user, **form.cleaned_data))

    if request.method == "POST" and form_saved(
        request, form, save, _("Programme set up. Start with the intake.")
    ):
        return redirect("programmes:intake", created[0].public_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "title": _("Set up a programme")},
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    form = ProgrammeEditForm(
        request.POST or None,
        partners=selectors.partner_choices(request.user, programme.organisation)
        | programme.partners.all(),
        initial={
            "name": programme.name,
            "partnership": programme.partnership,
            "partners": programme.partners.all(),
            "support_ends_on": programme.support_ends_on,
        },
    )
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.programme_update(
            programme=programme, by=request.user, **form.cleaned_data
        ),
        _("Saved."),
    ):
        return redirect("programmes:detail", programme.public_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "programme": programme, "title": _("Edit the programme")},
        status=_status(request),
    )


@login_required
@require_GET
def programme_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(request, public_id)
    version = programme.current_version()
    current = PHASE_ORDER.index(programme.phase)
    phases = [
        {"label": phase.label, "value": phase.value, "done": i < current, "current": i == current}
        for i, phase in enumerate(PHASE_ORDER)
    ]
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "access": access,
            "partners": programme.partners.order_by("name"),
            "phases": phases,
            "moves": selectors.phase_moves(programme),
            "groups": selectors.group_progress(programme),
            "circles": programme.circles.all(),
            "coaches": programme.coaches.select_related("profile"),
            "version": version,
            "agreed": version is not None and selectors.is_agreed(version),
            "kickoff": Kickoff.objects.filter(programme=programme).first(),
            "history": selectors.history(programme),
            "phase_form": PhaseForm(initial={"phase": programme.phase}),
            "coach_form": CoachForm(people=selectors.programme_people(programme)),
        },
    )


@login_required
@require_POST
def phase(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    form = PhaseForm(request.POST)
    if form.is_valid():
        services.phase_move(programme=programme, by=request.user, phase=form.cleaned_data["phase"])
        messages.success(request, _("The programme moved on."))
    else:
        messages.error(request, _("Choose a phase."))
    return redirect("programmes:detail", programme.public_id)


@login_required
@require_POST
def hand_over(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    services.programme_hand_over(programme=programme, by=request.user)
    messages.success(request, _("Support handed over: the groups run on their own."))
    return redirect("programmes:detail", programme.public_id)


@login_required
@require_POST
def coach_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    form = CoachForm(request.POST, people=selectors.programme_people(programme))
    if not form.is_valid():
        messages.error(request, _("Choose someone of the programme's organisations."))
    else:
        services.coach_add(programme=programme, by=request.user, user=form.cleaned_data["coach"])
        messages.success(request, _("Coach added."))
    return redirect("programmes:detail", programme.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def coach_remove(request: HttpRequest, public_id: UUID, user_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    coach = get_object_or_404(programme.coaches, public_id=user_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove %(name)s as a coach?") % {"name": coach.display_name},
            question=_(
                "%(name)s will no longer coach the facilitators of %(programme)s or see "
                "their coaching pages."
            )
            % {"name": coach.display_name, "programme": programme.name},
            confirm_label=_("Remove the coach"),
            cancel_url=reverse("programmes:detail", args=[programme.public_id]),
            place=programme.name,
        )
    services.coach_remove(programme=programme, by=request.user, user=coach)
    messages.info(request, _("Coach removed."))
    return redirect("programmes:detail", programme.public_id)
