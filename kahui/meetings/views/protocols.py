"""Protocols (agenda templates): the group's and the built-in ones; facilitators
copy, edit and choose the default."""

from dataclasses import asdict
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.forms import StepFormSet, TemplateForm
from kahui.meetings.models import AgendaTemplate


def step_edits(forms) -> list[services.StepEdit]:
    """The cleaned rows of the step formset, as the services take them."""
    return [
        services.StepEdit(
            title=f.cleaned_data["title"],
            kind=f.cleaned_data["kind"],
            minutes=f.cleaned_data["minutes"],
            guidance=f.cleaned_data["guidance"],
        )
        for f in forms
    ]


def step_rows(steps) -> list[dict]:
    """A protocol's steps or a meeting's agenda items as rows of the step formset."""
    return [asdict(services.StepEdit.of(step)) for step in steps]


@group_view(Need.MEMBER)
@require_GET
def templates(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    items = AgendaTemplate.objects.for_group(group).prefetch_related("steps")
    return render(
        request,
        "meetings/templates.html",
        {
            "group": group,
            "access": access,
            "templates": items,
            "default": selectors.suggested_protocol(group),
        },
    )


@group_view(Need.FACILITATE)
@require_POST
@submitted_once
def template_copy(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, template_id: UUID
) -> HttpResponse:
    template = get_object_or_404(AgendaTemplate.objects.for_group(group), public_id=template_id)
    copy = services.template_copy(template=template, group=group, by=request.user)
    messages.success(request, _("Copied. Adapt the steps to your group."))
    return redirect("meetings:template_edit", group.public_id, copy.public_id)


@group_view(Need.FACILITATE)
@require_POST
def template_default(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, template_id: UUID
) -> HttpResponse:
    template = get_object_or_404(AgendaTemplate.objects.for_group(group), public_id=template_id)
    services.template_make_default(template=template, group=group, by=request.user)
    messages.success(request, _("New meetings will follow “%(name)s”.") % {"name": template.name})
    return redirect("meetings:templates", group.public_id)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def template_edit(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, template_id: UUID
) -> HttpResponse:
    template = get_object_or_404(AgendaTemplate, group=group, public_id=template_id)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        formset = StepFormSet(request.POST, prefix="steps")

        def save() -> None:
            kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            services.template_save(
                template=template, by=request.user, steps=step_edits(kept), **form.cleaned_data
            )

        if formset.is_valid() and form_saved(request, form, save, _("Protocol saved.")):
            return redirect("meetings:templates", group.public_id)
    else:
        form = TemplateForm(initial={"name": template.name, "description": template.description})
        formset = StepFormSet(
            prefix="steps",
            initial=step_rows(template.steps.all()),
        )
    return render(
        request,
        "meetings/template_edit.html",
        {"group": group, "template": template, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
