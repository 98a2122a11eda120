"""A group's library, read by principle or by collection, and gathering a resource
into one of the group's collections."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.library import services
from kahui.library.forms import CollectForm
from kahui.library.models import Collection, Principle


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


@group_view(Need.SUPPORT)
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
