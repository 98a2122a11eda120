"""What the activity log records about an organisation's learning objectives (see
:mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class OversightActivity(ActivityCode):
    OBJECTIVE_ADDED = "oversight.objective_added", _("added a learning objective")
    OBJECTIVE_CHANGED = "oversight.objective_changed", _("changed a learning objective")


register(OversightActivity)
