"""A stage's record: what the group wrote in it (saved with optimistic locking, a
stale save showing both versions) and every version it has had."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.groups.access import GroupAccess, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.access import READ, may_write
from kahui.inquiry.forms import StageCommentForm, StageRecordForm
from kahui.inquiry.models import InquiryCycle, StageComment, StageRecord
from kahui.inquiry.models_of_inquiry import UnknownModel
from kahui.inquiry.views.lookup import check_may_write, cycle_in, cycle_url
from kahui.inquiry.workflow import record_fields, stage_view
from kahui.meetings.forms import group_members


def _stage_or_404(cycle: InquiryCycle, stage: str) -> str:
    try:
        cycle.inquiry_model.index(stage)
    except UnknownModel:
        raise Http404("No such stage") from None
    return stage


def _record_form(cycle: InquiryCycle, part, members, data=None, **initial) -> StageRecordForm:
    record = part.record
    values = record.values if record else {}
    return StageRecordForm(
        data,
        fields=record_fields(cycle.inquiry_model.stage(part.stage.key)),
        members=members,
        initial={
            "version": record.version if record else 0,
            "led_by": record.led_by_id if record and record.led_by_id else None,
            **values,
            **initial,
        },
    )


def record_context(request, group, access, cycle, part, *, members=None, **extra) -> dict:
    """What the fragment of one stage's record needs, and nothing more."""
    members = group_members(group) if members is None else members
    context = {
        "group": group,
        "cycle": cycle,
        "part": part,
        "can_write": may_write(access, cycle) and part.stage.state != "todo",
        **extra,
    }
    if context["can_write"] and "record_form" not in extra:
        leader = None if part.record and part.record.led_by_id else request.user.pk
        initial = {"led_by": leader} if leader else {}
        context["record_form"] = _record_form(cycle, part, members, **initial)
    return context


@group_view(READ)
@require_http_methods(["GET", "POST"])
def record(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, stage: str
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    stage = _stage_or_404(cycle, stage)
    part = selectors.stage_part(cycle, stage)
    if part.stage.state == "todo":
        messages.info(request, _("The inquiry has not reached this stage yet."))
        return redirect(cycle_url(cycle))
    members = group_members(group)
    if request.method == "GET":
        context = record_context(request, group, access, cycle, part, members=members)
        return render(request, "inquiry/record.html", _with_comments(context, cycle, stage))
    check_may_write(access, cycle)
    form = _record_form(cycle, part, members, data=request.POST)
    conflict = None
    if form.is_valid():
        try:
            services.stage_record_save(
                cycle=cycle,
                stage=stage,
                by=request.user,
                values=form.values(),
                version=form.cleaned_data["version"],
                led_by=form.cleaned_data["led_by"],
            )
        except services.StageRecordConflict as error:
            conflict = error
            # Keep what this person typed, now based on the version saved since.
            data = request.POST.copy()
            data["version"] = str(error.version)
            form = _record_form(cycle, part, members, data=data)
            form.is_valid()
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved. Earlier versions are kept."))
            if request.htmx:
                part = selectors.stage_part(cycle, stage)
                context = record_context(request, group, access, cycle, part, members=members)
                return render(request, "inquiry/_record.html", context)
            return redirect(cycle_url(cycle, f"#stage-{stage}"))
    context = record_context(
        request, group, access, cycle, part, members=members, record_form=form, conflict=conflict
    )
    if request.htmx:
        # htmx swaps only 2xx answers: the editor must see the conflict or the errors.
        return render(request, "inquiry/_record.html", context)
    return render(
        request,
        "inquiry/record.html",
        _with_comments(context, cycle, stage),
        status=409 if conflict else 400,
    )


def _with_comments(context: dict, cycle: InquiryCycle, stage: str, form=None) -> dict:
    """The stage's comments, by members and supporters, and the form to add one."""
    context["comments"] = StageComment.objects.filter(cycle=cycle, stage=stage).select_related(
        "author__profile"
    )
    context["comment_form"] = form or StageCommentForm()
    return context


@group_view(READ)
@require_POST
def record_comment(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, stage: str
) -> HttpResponse:
    """Comment on a reached stage (members and supporters); a refused comment is drawn
    again on the stage's page, as typed."""
    cycle = cycle_in(group, cycle_id)
    stage = _stage_or_404(cycle, stage)
    form = StageCommentForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.stage_comment_add(
            cycle=cycle, stage=stage, by=request.user, body=form.cleaned_data["body"]
        ),
        _("Comment added."),
    ):
        url = reverse("inquiry:record", args=[group.public_id, cycle.public_id, stage])
        return redirect(url + "#comments")
    part = selectors.stage_part(cycle, stage)
    context = record_context(request, group, access, cycle, part)
    return render(
        request, "inquiry/record.html", _with_comments(context, cycle, stage, form), status=400
    )


@group_view(READ)
@require_GET
def record_history(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, stage: str
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    stage = _stage_or_404(cycle, stage)
    record = StageRecord.objects.filter(cycle=cycle, stage=stage).first()
    fields = record_fields(cycle.inquiry_model.stage(stage))
    revisions = []
    if record is not None:
        for revision in record.revisions.select_related("saved_by__profile", "led_by__profile"):
            texts = [(field, revision.values.get(field.key, "")) for field in fields]
            revisions.append((revision, texts))
    return render(
        request,
        "inquiry/record_history.html",
        {
            "group": group,
            "cycle": cycle,
            "stage": stage_view(cycle.inquiry_model, stage),
            "revisions": revisions,
        },
    )
