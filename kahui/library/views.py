"""The resource library: a group's resources, one resource, safe downloads, and the
shared library of what colleagues published to the organisation or to everyone."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.paging import page_of
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view, is_member
from kahui.groups.models import LearningGroup
from kahui.groups.stages import Stage
from kahui.library import services
from kahui.library.access import can_change_resource, can_edit_product, resource_view
from kahui.library.forms import (
    CollectForm,
    ProductEditForm,
    ProductForm,
    PublishForm,
    ResourceForm,
    RestoreForm,
    SaveToGroupForm,
)
from kahui.library.models import Collection, Principle, Resource, ResourceKind, Visibility
from kahui.orgs.models import OrgMembership


def _collection_filter(request: HttpRequest, group) -> Collection | None:
    """The collection named in ``?collection=``; a hand-edited or outdated id shows a
    message and the whole library instead of an error."""
    raw = request.GET.get("collection", "")
    if not raw:
        return None
    try:
        collection = group.collections.filter(public_id=UUID(raw)).first()
    except ValueError:
        collection = None
    if collection is None:
        messages.warning(request, _("There is no such collection; showing the whole library."))
    return collection


@group_view(Need.MEMBER)
@require_GET
def group_library(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    resources = group.resources.select_related("added_by__profile").prefetch_related(
        "focus_areas", "collections"
    )
    principle = request.GET.get("principle", "")
    if principle in Principle.values:
        # The JSON text, so the filter works on SQLite and PostgreSQL alike.
        resources = resources.filter(principles__icontains=f'"{principle}"')
    collection = _collection_filter(request, group)
    if collection is not None:
        resources = resources.filter(collections=collection)
    page = Paginator(resources, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "library/group.html",
        {
            "group": group,
            "access": access,
            "page": page,
            "principles": Principle.choices,
            "principle": principle,
            "collection": collection,
            "collections": group.collections.all(),
            # the filters kept on the links to other pages
            "query": urlencode(
                {
                    key: value
                    for key, value in [
                        ("principle", principle if principle in Principle.values else ""),
                        ("collection", collection.public_id if collection else ""),
                    ]
                    if value
                }
            ),
        },
    )


@group_view(Need.MEMBER)
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
@require_POST
def resource_delete(request: HttpRequest, resource: Resource) -> HttpResponse:
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


@group_view(Need.MEMBER)
@require_POST
def resource_collect(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, resource_id: UUID
) -> HttpResponse:
    resource = get_object_or_404(group.resources, public_id=resource_id)
    form = CollectForm(request.POST)
    if form.is_valid():
        try:
            collection, added = services.collection_add(
                group=group, by=request.user, name=form.cleaned_data["name"], resource=resource
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            if added:
                messages.success(request, _("Added to “%(name)s”.") % {"name": collection.name})
            else:
                messages.info(
                    request, _("It is already in “%(name)s”.") % {"name": collection.name}
                )
    else:
        messages.error(request, form.errors["name"][0])
    return redirect("library:resource", resource.group.public_id, resource.public_id)


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


# -- Shared products ------------------------------------------------------------------------


def _product_of(request: HttpRequest, resource: Resource) -> Resource:
    """A shared product the viewer co-writes: others who may see it (published) are
    refused, and a resource of another kind is not found here."""
    if resource.kind != ResourceKind.PRODUCT:
        raise Http404("Not a shared product")
    if not can_edit_product(request.user, resource):
        raise PermissionDenied
    return resource


@group_view(Need.MEMBER)
@require_GET
def products(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """The group's shared products of one inquiry round (the current one unless
    ``?cycle=`` names another)."""
    all_products = group.resources.filter(kind=ResourceKind.PRODUCT)
    cycles = sorted(
        {c for c in all_products.values_list("cycle", flat=True).distinct() if c} | {group.cycle},
        reverse=True,
    )
    try:
        cycle = int(request.GET.get("cycle", group.cycle))
    except ValueError:
        cycle = group.cycle
    items = (
        all_products.filter(cycle=cycle)
        .select_related("added_by__profile")
        .order_by("-updated_at", "-id")
    )
    stages = dict(Stage.choices)
    return render(
        request,
        "library/products.html",
        {
            "group": group,
            "access": access,
            "cycle": cycle,
            "cycles": cycles,
            "products": [(product, stages.get(product.stage, "")) for product in items],
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def product_new(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(group=group, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The product is begun. Every member of the group can now edit it.")
            )
            return redirect("library:resource", group.public_id, product.public_id)
    return render(
        request,
        "library/product_new.html",
        {"group": group, "access": access, "form": form, "stage": group.stage_info},
        status=400 if form.errors else 200,
    )


@resource_view
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, resource: Resource) -> HttpResponse:
    product = _product_of(request, resource)
    conflict = None
    if request.method == "POST":
        form = ProductEditForm(request.POST)
        valid = form.is_valid()
        try:
            if "version" in form.errors:
                # What the page was based on is unknown: treat it as a conflict.
                raise services.ProductConflict(product.title, product.body, product.version)
            if valid:
                product = services.product_save(
                    resource=product,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    version=form.cleaned_data["version"],
                )
        except services.ProductConflict as error:
            conflict = error
            # Keep what this person typed, now based on the version saved meanwhile.
            form = ProductEditForm(
                initial={
                    "title": request.POST.get("title", ""),
                    "body": request.POST.get("body", ""),
                    "version": error.version,
                }
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            if valid:
                messages.success(request, _("Saved as version %(n)s.") % {"n": product.version})
                return redirect("library:resource", product.group.public_id, product.public_id)
    else:
        form = ProductEditForm(
            initial={"title": product.title, "body": product.body, "version": product.version}
        )
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        "library/product_edit.html",
        {"resource": product, "group": product.group, "form": form, "conflict": conflict},
        status=status,
    )


@resource_view
@require_GET
def product_versions(request: HttpRequest, resource: Resource) -> HttpResponse:
    product = _product_of(request, resource)
    versions, query = page_of(request, product.versions.select_related("saved_by__profile"), 20)
    return render(
        request,
        "library/product_versions.html",
        {"resource": product, "group": product.group, "versions": versions, "query": query},
    )


@resource_view
@require_POST
def product_restore(request: HttpRequest, resource: Resource, number: int) -> HttpResponse:
    product = _product_of(request, resource)
    form = RestoreForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        product = services.product_restore(
            resource=product, by=request.user, number=number, version=version
        )
    except services.ProductConflict:
        messages.error(
            request,
            _(
                "Someone saved a newer version in the meantime: nothing was restored. "
                "Look again before you choose."
            ),
        )
        return redirect("library:product_versions", product.group.public_id, product.public_id)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("library:product_versions", product.group.public_id, product.public_id)
    messages.success(
        request,
        _("Version %(old)s is restored, as version %(n)s.") % {"old": number, "n": product.version},
    )
    return redirect("library:resource", product.group.public_id, product.public_id)
