"""The resource library: a group's resources, one resource, safe downloads, and the
shared library of what colleagues published to the organisation or to everyone; a
group's collections and its shared products. The pages are split by what they are for;
the URL table reads every page from here."""

from kahui.library.views.resource_collections import group_library, resource_collect
from kahui.library.views.resources import (
    resource_add,
    resource_delete,
    resource_detail,
    resource_download,
    resource_publish,
    resource_save,
    shared,
)
from kahui.library.views.shared_products import (
    product_edit,
    product_new,
    product_restore,
    product_versions,
    products,
)

__all__ = [
    "group_library",
    "product_edit",
    "product_new",
    "product_restore",
    "product_versions",
    "products",
    "resource_add",
    "resource_collect",
    "resource_delete",
    "resource_detail",
    "resource_download",
    "resource_publish",
    "resource_save",
    "shared",
]
