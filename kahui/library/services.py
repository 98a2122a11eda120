"""Sharing resources: links, uploaded files and notes, tagged and collected, kept in
a group or published to the organisation or to every educator."""

import math
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kahui.core import activity, search
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.groups.access import is_member, is_member_or_supporter
from kahui.groups.models import LearningGroup
from kahui.library.access import (
    can_change_resource,
    can_edit_product,
    can_see_resource,
    group_can_see_resource,
)
from kahui.library.activity import LibraryActivity
from kahui.library.models import (
    Collection,
    ProductKind,
    ProductVersion,
    Resource,
    ResourceKind,
    Visibility,
)

# The file types a group may share, and the type each is served as. HTML, SVG and
# scripts are refused: nothing uploaded may run in the browser on Kāhui's origin.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
}


# What "MB" means wherever Kāhui talks about file sizes, KAHUI_MAX_UPLOAD_MB included:
# a million bytes, so "21.0 MB" and "the limit is 20.0 MB" are the same unit.
MEGABYTE = 1_000_000


def upload_limit() -> int:
    """The largest file a group may share, in bytes."""
    return settings.MAX_UPLOAD_MB * MEGABYTE


def megabytes(size: int, *, round_up: bool = False) -> str:
    """``size`` bytes as "20.0 MB" (one decimal, in the viewer's number format).

    ``round_up`` for a file over the limit: 20,000,001 bytes reads as "20.1 MB",
    never as the "20.0 MB" of the limit it exceeds."""
    tenths = size / (MEGABYTE / 10)
    value = (math.ceil(tenths) if round_up else round(tenths)) / 10
    return _("%(n)s MB") % {"n": number_format(value, decimal_pos=1)}


def check_upload(uploaded) -> str:
    """The content type to serve ``uploaded`` as; raises KahuiError when refused."""
    suffix = PurePath(uploaded.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise KahuiError(
            _("Files of type “%(type)s” cannot be shared. Allowed: %(allowed)s.")
            % {"type": suffix or _("unknown"), "allowed": ", ".join(sorted(ALLOWED_TYPES))}
        )
    if uploaded.size > upload_limit():
        raise KahuiError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {
                "size": megabytes(uploaded.size, round_up=True),
                "limit": megabytes(upload_limit()),
            }
        )
    return ALLOWED_TYPES[suffix]


def check_visibility(group: LearningGroup, visibility: str) -> None:
    """Refuse an audience the resource cannot have: publishing "to the organisation"
    of a group that belongs to none would show it to nobody while saying otherwise."""
    if visibility not in Visibility.values:
        raise KahuiError(_("Choose who can see it."))
    if visibility == Visibility.ORGANISATION and group.organisation_id is None:
        raise KahuiError(
            _(
                "This group belongs to no organisation: keep it in the group or share it "
                "with every Kāhui educator."
            )
        )


def audience(resource: Resource) -> str:
    """Who can see ``resource``, as the end of "Shared with …" and "Now … can see it"."""
    if resource.visibility == Visibility.PUBLIC:
        return _("every Kāhui educator")
    organisation = resource.group.organisation
    if resource.visibility == Visibility.ORGANISATION and organisation is not None:
        return _("everyone in %(org)s") % {"org": organisation.name}
    # Published to an organisation the group has since left: only its members see it.
    return _("the members of %(group)s") % {"group": resource.group.name}


def resource_url(resource: Resource) -> str:
    return reverse("library:resource", args=[resource.group.public_id, resource.public_id])


def _index(resource: Resource) -> None:
    search.index_many([_search_document(resource)])


def resources_reindex() -> int:
    """Every resource in the search index again (``kahui reindex-search``)."""
    resources = Resource.objects.select_related("group").order_by("pk")
    return search.index_many(_search_document(r) for r in resources.iterator(chunk_size=2000))


def _search_document(resource: Resource) -> search.Document:
    return search.Document(
        kind="resource",
        object_id=resource.pk,
        group_id=resource.group_id,
        organisation_id=resource.group.organisation_id
        if resource.visibility == Visibility.ORGANISATION
        else None,
        public=resource.visibility == Visibility.PUBLIC,
        title=resource.title,
        body="\n\n".join(filter(None, [resource.description, resource.body, resource.url])),
        url=resource_url(resource),
        dated=resource.created_at,
    )


@transaction.atomic
def resource_add(
    *,
    group: LearningGroup,
    by,
    kind: str,
    title: str,
    description: str = "",
    url: str = "",
    upload=None,
    body: str = "",
    minutes: int | None = None,
    stage: str = "",
    principles=(),
    focus_areas=(),
    visibility: str = Visibility.GROUP,
) -> Resource:
    if not is_member_or_supporter(by, group):
        raise NotAllowed(_("Only the group's members and supporters add to its library."))
    if kind not in (ResourceKind.LINK, ResourceKind.FILE, ResourceKind.NOTE):
        raise KahuiError(_("Choose a link, a file or a note."))
    if kind == ResourceKind.LINK and not url:
        raise KahuiError(_("Add the link."))
    if kind == ResourceKind.FILE and upload is None:
        raise KahuiError(_("Choose a file to upload."))
    if kind == ResourceKind.NOTE and not body.strip():
        raise KahuiError(_("Write the note."))
    check_visibility(group, visibility)
    resource = Resource(
        group=group,
        kind=kind,
        title=title,
        description=description,
        url=url,
        body=body,
        minutes=minutes,
        stage=stage,
        principles=list(principles),
        visibility=visibility,
        added_by=by,
    )
    if kind == ResourceKind.FILE:
        resource.content_type = check_upload(upload)
        resource.file_name = PurePath(upload.name).name[:200]
        resource.file = upload
    resource.save()
    resource.focus_areas.set(focus_areas)
    activity.record(actor=by, action=LibraryActivity.ADDED, group=group, target=title)
    _index(resource)
    return resource


@transaction.atomic
def resource_publish(*, resource: Resource, by, visibility: str) -> Resource:
    """Change who can see ``resource``; choosing the audience it has changes nothing."""
    if not can_change_resource(by, resource):
        raise NotAllowed(_("Only whoever added it, or a facilitator, can change this."))
    check_visibility(resource.group, visibility)
    if visibility == resource.visibility:
        return resource
    old = resource.get_visibility_display()
    resource.visibility = visibility
    resource.save(update_fields=["visibility", "updated_at"])
    activity.record(
        actor=by,
        action=LibraryActivity.PUBLISHED,
        group=resource.group,
        target=resource.title,
        changes={
            "visibility": activity.change(
                _("Who can see it"), old, resource.get_visibility_display()
            )
        },
    )
    _index(resource)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, by) -> None:
    if not can_change_resource(by, resource):
        raise NotAllowed(_("Only whoever added it, or a facilitator, can remove this."))
    activity.record(
        actor=by, action=LibraryActivity.REMOVED, group=resource.group, target=resource.title
    )
    search.unindex(kind="resource", object_id=resource.pk)
    name = resource.file.name
    # Copies saved to other groups share the file.
    if name and not Resource.objects.exclude(pk=resource.pk).filter(file=name).exists():
        # Only once the row is gone for good: a rollback must not leave it fileless.
        transaction.on_commit(partial(resource.file.storage.delete, name))
    resource.delete()


@transaction.atomic
def resource_copy(*, resource: Resource, to_group: LearningGroup, by) -> Resource:
    """Save a resource the person may see into one of their own groups."""
    if not can_see_resource(by, resource):
        raise NotAllowed(_("You cannot see this resource, so you cannot save a copy."))
    if not is_member(by, to_group):
        raise NotAllowed(_("You can only save to a group you belong to."))
    copy = Resource.objects.create(
        group=to_group,
        kind=resource.kind,
        title=resource.title,
        description=resource.description,
        url=resource.url,
        body=resource.body,
        minutes=resource.minutes,
        stage=resource.stage,
        principles=resource.principles,
        file=resource.file.name if resource.file else "",
        file_name=resource.file_name,
        content_type=resource.content_type,
        added_by=by,
        copied_from=resource,
    )
    copy.focus_areas.set(resource.focus_areas.all())
    if copy.kind == ResourceKind.PRODUCT:
        # The copy is the other group's to develop: its history starts here.
        copy.product_kind = resource.product_kind
        copy.cycle = to_group.cycle
        copy.stage = to_group.stage
        copy.save(update_fields=["product_kind", "cycle", "stage"])
        ProductVersion.objects.create(
            resource=copy, version=1, title=copy.title, body=copy.body, saved_by=by
        )
    activity.record(actor=by, action=LibraryActivity.ADDED, group=to_group, target=copy.title)
    _index(copy)
    return copy


@transaction.atomic
def collection_add(
    *, group: LearningGroup, by, name: str, resource: Resource
) -> tuple[Collection, bool]:
    """Put ``resource`` in the group's collection called ``name`` (made if new; names
    match whatever their case). Returns the collection and whether the resource was
    added: a resource already there is left as it is and nothing is logged."""
    name = name.strip()
    if not name:
        raise KahuiError(_("Name the collection."))
    if not is_member(by, group):
        raise NotAllowed(_("Only the group's members add to its collections."))
    if not group_can_see_resource(group, resource) or not can_see_resource(by, resource):
        raise NotAllowed(_("This resource cannot be added: the group's members cannot all see it."))
    collection = Collection.objects.filter(group=group, name__iexact=name).first()
    if collection is None:
        collection = Collection.objects.create(group=group, name=name)
    elif collection.resources.filter(pk=resource.pk).exists():
        return collection, False
    collection.resources.add(resource)
    activity.record(actor=by, action=LibraryActivity.COLLECTED, group=group, target=collection.name)
    return collection, True


# -- Shared products ------------------------------------------------------------------------


class ProductConflict(Conflict):
    """Another member saved the product after this editor opened it."""

    def __init__(self, title: str, body: str, version: int) -> None:
        super().__init__(
            _(
                "Someone else saved this product while you were writing. Their version is "
                "shown with yours: merge them into the box and save again."
            )
        )
        self.title = title
        self.body = body
        self.version = version


def _check_product(title: str, body: str, product_kind: str | None = None) -> None:
    if not title.strip():
        raise KahuiError(_("Give it a title."))
    if not body.strip():
        raise KahuiError(_("Write its text: the product is what the group makes together."))
    if product_kind is not None and product_kind not in ProductKind.values:
        raise KahuiError(_("Choose what kind of product it is."))


@transaction.atomic
def product_create(
    *, group: LearningGroup, by, title: str, product_kind: str, body: str, description: str = ""
) -> Resource:
    """Begin a shared product in the group's library: version 1, kept in the group
    until someone publishes it, tied to the group's current inquiry round and stage."""
    if not is_member(by, group):
        raise NotAllowed(_("Only the group's members write its shared products."))
    _check_product(title, body, product_kind)
    resource = Resource.objects.create(
        group=group,
        kind=ResourceKind.PRODUCT,
        product_kind=product_kind,
        title=title.strip(),
        description=description,
        body=body,
        stage=group.stage,
        cycle=group.cycle,
        version=1,
        added_by=by,
    )
    ProductVersion.objects.create(
        resource=resource, version=1, title=resource.title, body=body, saved_by=by
    )
    activity.record(
        actor=by, action=LibraryActivity.PRODUCT_STARTED, group=group, target=resource.title
    )
    _index(resource)
    return resource


@transaction.atomic
def product_save(
    *,
    resource: Resource,
    by,
    title: str,
    body: str,
    version: int,
    restored_from: int | None = None,
) -> Resource:
    """Save a new version of a shared product if nobody saved since ``version``
    (optimistic locking, as the minutes are saved); every version is kept."""
    if not can_edit_product(by, resource):
        raise NotAllowed(_("Only the group's members write its shared products."))
    _check_product(title, body)
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.version != version:
        raise ProductConflict(locked.title, locked.body, locked.version)
    title = title.strip()
    if locked.title == title and locked.body == body:
        return locked
    new_version = version + 1
    updated = Resource.objects.filter(pk=locked.pk, version=version).update(
        title=title, body=body, version=new_version, updated_at=timezone.now()
    )
    if not updated:  # a concurrent save won the race on a database without row locks
        locked.refresh_from_db()
        raise ProductConflict(locked.title, locked.body, locked.version)
    ProductVersion.objects.create(
        resource=locked,
        version=new_version,
        title=title,
        body=body,
        saved_by=by,
        restored_from=restored_from,
    )
    code = LibraryActivity.PRODUCT_RESTORED if restored_from else LibraryActivity.PRODUCT_SAVED
    changes = (
        {"version": activity.change(_("Version"), restored_from, new_version)}
        if restored_from
        else None
    )
    activity.record(actor=by, action=code, group=locked.group, target=title, changes=changes)
    locked.refresh_from_db()
    _index(locked)
    return locked


def product_restore(*, resource: Resource, by, number: int, version: int) -> Resource:
    """Make version ``number`` the newest again (saved as a new version, so nothing
    is lost), if nobody saved since ``version``."""
    earlier = resource.versions.filter(version=number).first()
    if earlier is None:
        raise KahuiError(_("There is no such version."))
    return product_save(
        resource=resource,
        by=by,
        title=earlier.title,
        body=earlier.body,
        version=version,
        restored_from=number,
    )
