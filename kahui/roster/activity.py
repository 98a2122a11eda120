"""What the activity log records about rosters (see :mod:`kahui.core.activity`).
Role changes an import makes are recorded by the organisation's own service."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class RosterActivity(ActivityCode):
    IMPORTED = "roster.imported", _("imported a roster")
    EXPORTED = "roster.exported", _("exported the roster")


register(RosterActivity)
