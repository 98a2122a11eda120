"""What the activity log records about forming groups (see :mod:`kahui.core.activity`).
Entries are keyed to the organisation; the groups published keep their own
``group.created``."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class FormationActivity(ActivityCode):
    STARTED = "formation.started", _("started forming groups from a cohort")
    MOVED = "formation.moved", _("moved someone to another formed group")
    PUBLISHED = "formation.published", _("published formed groups as drafts")


register(FormationActivity)
