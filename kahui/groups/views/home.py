"""A group's own pages: its home (for those who may only discover it, its summary
with the way to join), editing its charter, moving its stage, its history."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.activity import describe_all
from kahui.core.fragments import EXPIRES_AT, cached_fragment, group_stamp
from kahui.core.models import ActivityEntry
from kahui.groups import selectors
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.forms import DecisionForm, JoinRequestForm
from kahui.groups.models import LearningGroup
from kahui.groups.pages import home_parts
from kahui.groups.stages import STAGES
from kahui.groups.views.members import size_warning
from kahui.groups.views.sections import (
    EDITABLE_SECTIONS,
    STEP_SLUGS,
    STEPS,
    save_section,
    section_context,
)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def edit(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, section: str
) -> HttpResponse:
    if section not in EDITABLE_SECTIONS:
        raise Http404("No such section")
    step = STEPS[STEP_SLUGS.index(section)]
    status = 200
    if request.method == "POST":
        saved, context, status = save_section(request, group, section)
        if saved:
            messages.success(request, _("Saved. The change is in the group's history."))
            if section == "structure":
                size_warning(request, LearningGroup.objects.get(pk=group.pk))
            return redirect("groups:home", group.public_id)
    else:
        context = section_context(group, section, request)
    return render(
        request,
        "groups/edit.html",
        {"group": group, "step": step, "section": section, **context},
        status=status,
    )


def _stage_context(group: LearningGroup, access) -> dict:
    current = group.stage_number
    stages = [
        {
            "info": info,
            "number": n,
            "state": "done" if n < current else "current" if n == current else "todo",
        }
        for n, info in enumerate(STAGES, start=1)
    ]
    return {"group": group, "stages": stages, "access": access}


@group_view(Need.DISCOVER)
@require_GET
def home(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    if not access.can_view:
        return about_page(request, group, JoinRequestForm())
    body = cached_fragment(
        request,
        template="groups/_home_body.html",
        key=[
            group.public_id,
            group.version,
            group_stamp(group.pk),
            access.is_member,
            access.is_facilitator,
            access.is_supporter,
        ],
        context=lambda: _home_context(group, access),
    )
    return render(request, "groups/home.html", {"group": group, "body": body})


def about_page(
    request: HttpRequest, group: LearningGroup, request_form: JoinRequestForm, status: int = 200
) -> HttpResponse:
    """What someone who is not a member sees of a group, with the form to ask to join."""
    my_request = group.join_requests.pending().filter(user=request.user).first()
    return render(
        request,
        "groups/about.html",
        {
            "group": group,
            "size": group.size(),
            "goals": group.goals.all(),
            "focus_areas": group.focus_areas.all(),
            "my_request": my_request,
            "request_form": request_form,
        },
        status=status,
    )


def _home_context(group: LearningGroup, access) -> dict:
    members = list(selectors.members_of(group))
    context = {
        **_stage_context(group, access),
        "members": members,
        "size": group.size(len(members)),
        "goals": group.goals.all(),
        "norms": group.norms.all(),
        "focus_areas": group.focus_areas.all(),
        "supporters": list(selectors.supporters_of(group)),
        "partners": list(group.partners.all()),
        "history": describe_all(
            ActivityEntry.objects.for_group(group)[:6], show_content=access.is_member
        ),
    }
    # The cards other apps add (the next meeting): their contexts join the page's.
    parts, expiries = [], []
    for part in home_parts:
        extra = part.context(group, access)
        if extra is None:
            continue
        expiries.append(extra.pop(EXPIRES_AT, None))
        context.update(extra)
        parts.append(part.template)
    context["home_parts"] = parts
    context[EXPIRES_AT] = min((when for when in expiries if when is not None), default=None)
    if access.is_facilitator:
        context["requests"] = group.join_requests.pending().select_related("user__profile")
        context["invites"] = group.invites.pending()
        context["decision_form"] = DecisionForm()
    return context


@group_view(Need.OVERSEE)
@require_GET
def history(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    page = Paginator(ActivityEntry.objects.for_group(group), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "groups/history.html",
        {
            "group": group,
            "access": access,
            "page": page,
            "entries": describe_all(page.object_list, show_content=access.is_member),
        },
    )
