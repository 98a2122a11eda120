"""A group's shared products, co-written by its members: those of an inquiry round,
beginning one, saving it (a save based on an older version is a conflict that keeps
what was typed), its versions and restoring one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.paging import page_of
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.groups.stages import Stage
from kahui.library import services
from kahui.library.access import can_edit_product, resource_view
from kahui.library.forms import ProductEditForm, ProductForm, RestoreForm
from kahui.library.models import Resource, ResourceKind


def _product_of(request: HttpRequest, resource: Resource) -> Resource:
    """A shared product the viewer co-writes: others who may see it (published) are
    refused, and a resource of another kind is not found here."""
    if resource.kind != ResourceKind.PRODUCT:
        raise Http404("Not a shared product")
    if not can_edit_product(request.user, resource):
        raise PermissionDenied
    return resource


@group_view(Need.SUPPORT)
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
