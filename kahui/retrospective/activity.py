"""What the activity log records about retrospectives (see :mod:`kahui.core.activity`).

Not a charter entry: overseers learn that a group held its retrospective, never what
it wrote."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class RetrospectiveActivity(ActivityCode):
    SAVED = "retrospective.saved", _("wrote up the group's retrospective")
    CHANGED = "retrospective.changed", _("changed the group's retrospective")


register(RetrospectiveActivity)
