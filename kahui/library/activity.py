"""What the activity log records about the library (see :mod:`kahui.core.activity`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


class LibraryActivity(ActivityCode):
    ADDED = "library.added", _("shared a resource")
    PUBLISHED = "library.published", _("changed who can see a resource")
    REMOVED = "library.removed", _("removed a resource")
    COLLECTED = "library.collected", _("added a resource to a collection")
    PRODUCT_STARTED = "library.product_started", _("began a shared product")
    PRODUCT_SAVED = "library.product_saved", _("edited a shared product")
    PRODUCT_RESTORED = (
        "library.product_restored",
        _("restored an earlier version of a shared product"),
    )


def _library(entry) -> str:
    return reverse("library:group", args=[entry.group.public_id])


register(
    LibraryActivity,
    feed={
        LibraryActivity.ADDED: FeedLine(_("shared “%(target)s”"), link=_library),
        LibraryActivity.PRODUCT_STARTED: FeedLine(
            _("began a shared product, “%(target)s”"), link=_library
        ),
        LibraryActivity.PRODUCT_SAVED: FeedLine(_("edited “%(target)s”"), link=_library),
    },
)
