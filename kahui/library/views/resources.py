"""One resource: adding it, its page, its safe download, publishing it, removing it and
saving a copy to another group; and the shared library of what colleagues published
to the organisation or to everyone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view, is_member, is_supporter
from kahui.groups.models import LearningGroup
from kahui.library import services
from kahui.library.access import can_change_resource, can_edit_product, resource_view
from kahui.library.forms import CollectForm, PublishForm, ResourceForm, SaveToGroupForm
from kahui.library.models import Resource, Visibility
from kahui.orgs.models import OrgMembership


@group_view(Need.SUPPORT)
@require_http_methods(["GET", "POST"])
@submitted_once
def resource_add(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    form = ResourceForm(request.POST or None, request.FILES or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource = services.resource_add(
                group=group,
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                url=data["url"],
                upload=data["upload"],
                body=data["body"],
                minutes=data["minutes"],
                stage=data["stage"],
                principles=data["principles"],
                focus_areas=data["focus_areas"],
                visibility=data["visibility"],
            )
        except KahuiError as error:
            form.add_error("upload" if data["kind"] == "file" else None, error.message)
        else:
            messages.success(
                request, _("Shared with %(audience)s.") % {"audience": services.audience(resource)}
            )
            return redirect("library:resource", group.public_id, resource.public_id)
    return render(
        request,
        "library/add.html",
        {"group": group, "form": form},
        status=400 if form.errors else 200,
    )


@resource_view
@require_GET
def resource_detail(request: HttpRequest, resource: Resource) -> HttpResponse:
    return render(
        request,
        "library/resource.html",
        {
            "resource": resource,
            "group": resource.group,
            "is_member": is_member(request.user, resource.group),
            "is_supporter": is_supporter(request.user, resource.group),
            "can_change": can_change_resource(request.user, resource),
            "can_edit_product": can_edit_product(request.user, resource),
            "publish_form": PublishForm(
                initial={"visibility": resource.visibility}, group=resource.group
            ),
            "save_form": SaveToGroupForm(user=request.user),
            "collect_form": CollectForm(),
        },
    )


@resource_view
@require_GET
def resource_download(request: HttpRequest, resource: Resource) -> HttpResponse:
    """Files are always downloaded, never shown inline on Kāhui's own origin."""
    if not resource.file:
        raise Http404("No file")
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.file_name or "download",
        content_type=resource.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@resource_view
@require_POST
def resource_publish(request: HttpRequest, resource: Resource) -> HttpResponse:
    form = PublishForm(request.POST, group=resource.group)
    if not form.is_valid():
        messages.error(request, _("Choose who can see it."))
        return redirect("library:resource", resource.group.public_id, resource.public_id)
    before = resource.visibility
    try:
        services.resource_publish(
            resource=resource, by=request.user, visibility=form.cleaned_data["visibility"]
        )
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        audience = {"audience": services.audience(resource)}
        if resource.visibility == before:
            messages.info(request, _("Nothing changed: %(audience)s can see it.") % audience)
        else:
            messages.success(request, _("Now %(audience)s can see it.") % audience)
    return redirect("library:resource", resource.group.public_id, resource.public_id)


@resource_view
@require_http_methods(["GET", "POST"])
def resource_delete(request: HttpRequest, resource: Resource) -> HttpResponse:
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove “%(title)s” from the library?") % {"title": resource.title},
            question=_("Nobody in %(group)s will find it in the library any more.")
            % {"group": resource.group.name},
            confirm_label=_("Remove from the library"),
            cancel_url=reverse(
                "library:resource", args=[resource.group.public_id, resource.public_id]
            ),
            place=resource.group.name,
        )
    try:
        services.resource_delete(resource=resource, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("library:resource", resource.group.public_id, resource.public_id)
    messages.info(request, _("Removed from the library."))
    return redirect("library:group", resource.group.public_id)


@resource_view
@require_POST
@submitted_once
def resource_save(request: HttpRequest, resource: Resource) -> HttpResponse:
    form = SaveToGroupForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your groups."))
        return redirect("library:resource", resource.group.public_id, resource.public_id)
    try:
        copy = services.resource_copy(
            resource=resource, to_group=form.cleaned_data["group"], by=request.user
        )
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("library:resource", resource.group.public_id, resource.public_id)
    messages.success(request, _("Saved to %(group)s.") % {"group": copy.group.name})
    return redirect("library:resource", copy.group.public_id, copy.public_id)


@login_required
@require_GET
def shared(request: HttpRequest) -> HttpResponse:
    """What colleagues published: to the person's organisations, or to everyone."""
    org_ids = OrgMembership.objects.filter(user=request.user).values("organisation")
    resources = (
        Resource.objects.filter(
            Q(visibility=Visibility.PUBLIC)
            | Q(visibility=Visibility.ORGANISATION, group__organisation__in=org_ids)
        )
        .select_related("group__organisation", "added_by__profile")
        .prefetch_related("focus_areas")
    )
    page = Paginator(resources, 20).get_page(request.GET.get("page"))
    return render(request, "library/shared.html", {"page": page})
