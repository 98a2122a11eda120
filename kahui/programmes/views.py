"""Programme pages: the list, setting one up, its page with the phases and groups, the
intake, the structure proposal, coaches, the kick-off and intervisie circles."""

from datetime import datetime
from uuid import UUID

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.orgs.access import org_for
from kahui.orgs.models import Organisation, OrgMembership, OrgRole
from kahui.programmes import selectors, services
from kahui.programmes.access import Need, programme_for
from kahui.programmes.forms import (
    AgreeForm,
    AnswerForm,
    CircleForm,
    CoachForm,
    CommentForm,
    IntakeForm,
    KickoffForm,
    KitForm,
    PhaseForm,
    PlannedGroupFormSet,
    ProgrammeEditForm,
    ProgrammeForm,
    VersionForm,
)
from kahui.programmes.kickoff import kit_for
from kahui.programmes.models import PHASE_ORDER, Intake, Kickoff, Programme

User = get_user_model()


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
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(
        request, public_id, Need.RUN if request.method == "POST" else Need.VIEW
    )
    record, _created = Intake.objects.get_or_create(programme=programme)
    form = IntakeForm(request.POST or None, instance=record)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.intake_save(programme=programme, by=request.user, **form.cleaned_data),
        _("Intake saved."),
    ):
        return redirect("programmes:detail", programme.public_id)
    return render(
        request,
        "programmes/intake.html",
        {"programme": programme, "access": access, "form": form, "intake": record},
        status=_status(request),
    )


def _agreeable(user, programme: Programme):
    ids = [org.pk for org in programme.organisations()]
    return Organisation.objects.filter(
        pk__in=OrgMembership.objects.filter(
            user=user, role=OrgRole.ADMIN, organisation_id__in=ids
        ).values("organisation_id")
    ).order_by("name")


@login_required
@require_GET
def proposal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(request, public_id)
    versions = selectors.versions(programme)
    shown = versions[0] if versions else None
    if versions and request.GET.get("version", "").isdigit():
        shown = next((v for v in versions if v.number == int(request.GET["version"])), shown)
    previous = next((v for v in versions if shown and v.number == shown.number - 1), None)
    agreeable = _agreeable(request.user, programme)
    agreed_ids = {a.organisation_id for a in shown.agreements.all()} if shown else set()
    return render(
        request,
        "programmes/proposal.html",
        {
            "programme": programme,
            "access": access,
            "versions": versions,
            "shown": shown,
            "is_current": bool(versions) and shown == versions[0],
            "changes": selectors.version_changes(previous, shown) if previous else [],
            "previous": previous,
            "organisations": programme.organisations(),
            "agreed_ids": agreed_ids,
            "agreed": bool(shown) and selectors.is_agreed(shown),
            "comment_form": CommentForm(),
            "agree_form": AgreeForm(organisations=agreeable.exclude(pk__in=agreed_ids))
            if agreeable.exclude(pk__in=agreed_ids).exists()
            else None,
            "generated": programme.groups.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    people = selectors.programme_people(programme)
    latest = programme.current_version()
    initial_rows = []
    initial = {}
    if latest is not None:
        initial = {"fits_with": latest.fits_with, "roles": latest.roles}
        initial_rows = [
            {
                "name": planned.name,
                "focus": planned.focus,
                "frequency": planned.frequency,
                "meeting_minutes": planned.meeting_minutes,
                "facilitators": list(planned.facilitators.all()),
                "participants": list(planned.participants.all()),
            }
            for planned in latest.planned_groups.all()
        ]
    extra = 0 if initial_rows else 2
    data = request.POST.copy() if request.method == "POST" else None
    adding = data is not None and "add" in data
    if adding and data.get("groups-TOTAL_FORMS", "").isdigit():
        # Another row, keeping everything typed so far.
        data["groups-TOTAL_FORMS"] = str(int(data["groups-TOTAL_FORMS"]) + 1)
    form = VersionForm(data, initial=initial)
    formset = PlannedGroupFormSet(
        data,
        prefix="groups",
        initial=initial_rows + [{} for _i in range(extra)],
        form_kwargs={"people": people},
    )
    if data is not None and not adding and form.is_valid() and formset.is_valid():
        plans = [
            services.GroupPlan(
                name=row.cleaned_data["name"],
                focus=row.cleaned_data["focus"],
                frequency=row.cleaned_data["frequency"],
                meeting_minutes=row.cleaned_data["meeting_minutes"],
                facilitators=list(row.cleaned_data["facilitators"]),
                participants=list(row.cleaned_data["participants"]),
            )
            for row in formset.forms
            if row.has_changed() and row.cleaned_data
        ]
        try:
            version = services.version_write(
                programme=programme, by=request.user, groups=plans, **form.cleaned_data
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s written: the leaders can now agree to it.")
                % {"number": version.number},
            )
            return redirect("programmes:proposal", programme.public_id)
    return render(
        request,
        "programmes/version_form.html",
        {"programme": programme, "form": form, "formset": formset},
        status=400 if data is not None and not adding else 200,
    )


@login_required
@require_POST
def comment(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    version = programme.current_version()
    form = CommentForm(request.POST)
    if version is None or not form.is_valid():
        messages.error(request, _("Write a comment."))
    else:
        try:
            services.version_comment(
                version=version, by=request.user, text=form.cleaned_data["text"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Comment added."))
    return redirect("programmes:proposal", programme.public_id)


@login_required
@require_POST
def agree(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    version = programme.current_version()
    form = AgreeForm(request.POST, organisations=_agreeable(request.user, programme))
    if version is None or not form.is_valid():
        messages.error(request, _("Only an administrator of the organisation may agree for it."))
    else:
        try:
            services.version_agree(
                version=version, by=request.user, organisation=form.cleaned_data["organisation"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Agreement recorded."))
    return redirect("programmes:proposal", programme.public_id)


@login_required
@require_POST
def generate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    try:
        made = services.groups_generate(programme=programme, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("programmes:proposal", programme.public_id)
    messages.success(
        request,
        _("%(count)s groups made as drafts: their facilitators finish setting them up.")
        % {"count": len(made)},
    )
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
@require_POST
def coach_remove(request: HttpRequest, public_id: UUID, user_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    coach = get_object_or_404(programme.coaches, public_id=user_id)
    services.coach_remove(programme=programme, by=request.user, user=coach)
    messages.info(request, _("Coach removed."))
    return redirect("programmes:detail", programme.public_id)


@login_required
@require_GET
def kickoff(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, access = programme_for(request, public_id, Need.TAKE_PART)
    meeting = Kickoff.objects.filter(programme=programme).first()
    tasks = []
    if meeting is not None:
        answers = list(meeting.answers.select_related("author__profile"))
        for index, prompt in enumerate(meeting.tasks):
            mine = next(
                (a for a in answers if a.task == index and a.author_id == request.user.pk), None
            )
            tasks.append(
                {
                    "index": index,
                    "prompt": prompt,
                    "answers": [a for a in answers if a.task == index],
                    "form": AnswerForm(
                        initial={"task": index, "text": mine.text if mine else ""},
                        auto_id=f"id_task{index}_%s",
                    ),
                }
            )
    default_tasks, default_agenda = kit_for(programme.organisation)
    return render(
        request,
        "programmes/kickoff.html",
        {
            "programme": programme,
            "access": access,
            "kickoff": meeting,
            "tasks": tasks,
            "participant_count": selectors.kickoff_participants(programme).count(),
            "agenda": meeting.agenda if meeting else default_agenda,
            "default_tasks": default_tasks,
            "takes_part": selectors.kickoff_participants(programme)
            .filter(pk=request.user.pk)
            .exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kickoff_schedule(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    meeting = Kickoff.objects.filter(programme=programme).first()
    initial = {}
    if meeting is not None:
        local = timezone.localtime(meeting.starts_at)
        initial = {
            "day": local.date(),
            "start": local.time(),
            "place": meeting.place,
            "link": meeting.link,
        }
    form = KickoffForm(request.POST or None, initial=initial)

    def save() -> None:
        data = form.cleaned_data
        starts_at = timezone.make_aware(
            datetime.combine(data["day"], data["start"]), timezone.get_current_timezone()
        )
        services.kickoff_schedule(
            programme=programme,
            by=request.user,
            starts_at=starts_at,
            place=data["place"],
            link=data["link"],
        )

    if request.method == "POST" and form_saved(
        request, form, save, _("Kick-off scheduled: every participant was told.")
    ):
        return redirect("programmes:kickoff", programme.public_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "programme": programme, "title": _("Schedule the kick-off")},
        status=_status(request),
    )


@login_required
@require_POST
def kickoff_answer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.TAKE_PART)
    meeting = get_object_or_404(Kickoff, programme=programme)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer."))
    else:
        try:
            services.kickoff_answer(
                kickoff=meeting,
                by=request.user,
                task=form.cleaned_data["task"],
                text=form.cleaned_data["text"],
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Answer saved."))
    return redirect("programmes:kickoff", programme.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def kit(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    tasks, agenda = kit_for(org)
    form = KitForm(request.POST or None, initial={"tasks": "\n".join(tasks), "agenda": agenda})
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.kit_save(organisation=org, by=request.user, **form.cleaned_data),
        _("Your kick-off was saved; the built-in one stays as it was."),
    ):
        return redirect("orgs:detail", org.slug)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "org": org, "title": _("Adapt the kick-off")},
        status=_status(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def circle_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme, _access = programme_for(request, public_id, Need.RUN)
    form = CircleForm(
        request.POST or None,
        groups=programme.groups.all(),
        initial={"name": _("Intervisie — %(programme)s") % {"programme": programme.name}},
    )
    made = []

    def save() -> None:
        chosen = list(form.cleaned_data["groups"]) or None
        made.append(
            services.circle_create(
                programme=programme, by=request.user, name=form.cleaned_data["name"], groups=chosen
            )
        )

    if request.method == "POST" and form_saved(
        request, form, save, _("Intervisie circle started: schedule its first meeting.")
    ):
        return redirect("groups:home", made[0].public_id)
    return render(
        request,
        "programmes/form.html",
        {"form": form, "programme": programme, "title": _("Start an intervisie circle")},
        status=_status(request),
    )
