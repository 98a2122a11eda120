"""The kick-off and the intervisie circles: scheduling the kick-off, its tasks and answers,
an organisation's own kick-off, and starting a circle."""

from datetime import datetime
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.orgs.access import org_for
from kahui.orgs.models import OrgRole
from kahui.programmes import selectors, services
from kahui.programmes.access import Need, programme_for
from kahui.programmes.forms import (
    AnswerForm,
    CircleForm,
    KickoffForm,
    KitForm,
)
from kahui.programmes.kickoff import kit_for
from kahui.programmes.models import Kickoff


def _status(request: HttpRequest) -> int:
    """A form drawn again after a POST was refused."""
    return 400 if request.method == "POST" else 200


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
