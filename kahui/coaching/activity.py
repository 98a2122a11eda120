"""What the activity log records about coaching (see :mod:`kahui.core.activity`).

Coaching is private to a coach and the facilitator they coach, so every entry is
recorded without a group, an organisation, a target or changes: no group page, no
organisation page, no digest and no overseer's page shows it, and the log holds
nothing of what was written. It keeps only who did what kind of thing, and when."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class CoachingActivity(ActivityCode):
    NOTE_ADDED = "coaching.note_added", _("wrote a coaching note")
    ADVICE_ASKED = "coaching.advice_asked", _("asked their coach for advice")
    ADVICE_ANSWERED = "coaching.advice_answered", _("answered a request for advice")
    OBSERVATION_STARTED = "coaching.observation_started", _("began an observation of a meeting")
    OBSERVATION_SAVED = "coaching.observation_saved", _("wrote up an observation")
    OBSERVATION_SHARED = "coaching.observation_shared", _("shared an observation")
    REFLECTION_SAVED = "coaching.reflection_saved", _("wrote in a joint reflection")
    DEBRIEF_DONE = "coaching.debrief_done", _("marked a debrief done")


register(CoachingActivity)
