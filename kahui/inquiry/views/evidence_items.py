"""Evidence: the cycle's evidence and data sets stage by stage, adding, changing and
removing a piece of evidence, and a sample's file, which is only ever downloaded, to
members."""

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import selectors, services
from kahui.inquiry.access import READ, may_write
from kahui.inquiry.forms import EvidenceForm
from kahui.inquiry.models import EvidenceItem, InquiryCycle
from kahui.inquiry.views.lookup import (
    check_may_write,
    cycle_goals,
    cycle_in,
    evidence_url,
    reached_stages,
)


def _item(cycle: InquiryCycle, item_id: UUID) -> EvidenceItem:
    return get_object_or_404(
        EvidenceItem.objects.select_related("goal"), cycle=cycle, public_id=item_id
    )


@group_view(READ)
@require_GET
def evidence(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The cycle's evidence and data sets, stage by stage."""
    cycle = cycle_in(group, cycle_id)
    items = list(selectors.evidence_of(cycle))
    data_sets = list(selectors.data_sets_of(cycle))
    stages = []
    for stage in reached_stages(cycle):
        stages.append(
            (
                stage,
                [item for item in items if item.stage == stage.key],
                [d for d in data_sets if d.stage == stage.key],
            )
        )
    return render(
        request,
        "inquiry/evidence.html",
        {
            "group": group,
            "cycle": cycle,
            "stages": stages,
            "count": len(items) + len(data_sets),
            "can_write": may_write(access, cycle),
            # Files of evidence are often learners' work: the group's members download
            # them, its supporters read what the evidence says.
            "files_visible": access.is_member,
        },
    )


def _evidence_form(request, cycle, item=None) -> EvidenceForm:
    initial = {"stage": cycle.stage_key, "kind": "observation"}
    if item is not None:
        initial = {
            "kind": item.kind,
            "title": item.title,
            "body": item.body,
            "url": item.url,
            "gathered_on": item.gathered_on,
            "stage": item.stage,
            "goal": item.goal,
        }
    elif request.GET.get("goal"):
        goal = cycle_goals(cycle).filter(measure__public_id=_uuid(request.GET["goal"])).first()
        initial["goal"] = goal
    return EvidenceForm(
        request.POST or None,
        request.FILES or None,
        stages=reached_stages(cycle),
        goals=cycle_goals(cycle),
        initial=initial,
    )


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def _evidence_page(request, group, access, cycle, item=None) -> HttpResponse:
    check_may_write(access, cycle)
    form = _evidence_form(request, cycle, item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edit = services.EvidenceEdit(
            kind=data["kind"],
            title=data["title"],
            stage=data["stage"],
            body=data["body"],
            url=data["url"],
            goal=data["goal"],
            gathered_on=data["gathered_on"],
            upload=data["upload"],
        )
        try:
            if item is None:
                saved = services.evidence_add(cycle=cycle, by=request.user, edit=edit)
            else:
                saved = services.evidence_update(item=item, by=request.user, edit=edit)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Evidence saved."))
            return redirect(evidence_url(cycle, f"#evidence-{saved.public_id}"))
    return render(
        request,
        "inquiry/evidence_form.html",
        {"group": group, "cycle": cycle, "item": item, "form": form},
        status=400 if form.errors else 200,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def evidence_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    return _evidence_page(request, group, access, cycle_in(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def evidence_edit(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    return _evidence_page(request, group, access, cycle, _item(cycle, item_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def evidence_delete(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    item = _item(cycle, item_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove “%(title)s”?") % {"title": item.title},
            question=_(
                "The evidence and its file are removed from the inquiry for everyone in "
                "the group. This cannot be undone."
            ),
            confirm_label=_("Remove the evidence"),
            cancel_url=evidence_url(cycle),
            place=group.name,
        )
    try:
        services.evidence_remove(item=item, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(evidence_url(cycle))


@group_view(Need.MEMBER)
@require_GET
def evidence_file(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    """A sample's file, always as a download: never shown on Kāhui's own origin."""
    item = _item(cycle_in(group, cycle_id), item_id)
    if not item.file:
        raise Http404("No file")
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.file_name or "download",
        content_type=item.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
