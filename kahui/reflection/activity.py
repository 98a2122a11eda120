"""What the activity log records about reflection (see :mod:`kahui.core.activity`).

A journal is private, so the log never holds an entry's title or text, nor that a
private entry was written. What is recorded is a change of what others can see: an
entry shared with the group (or edited while shared, or unshared), recorded with the
group; an entry shared with the facilitators only, a request for feedback and its
answers, recorded without a group, so that no group page shows them. A facilitator's
invitation to reflect on a meeting is the group's."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class ReflectionActivity(ActivityCode):
    ENTRY_SHARED = "reflection.entry_shared", _("shared a reflection with the group")
    ENTRY_CHANGED = "reflection.entry_changed", _("edited a reflection shared with the group")
    ENTRY_UNSHARED = "reflection.entry_unshared", _("stopped sharing a reflection")
    ENTRY_SHARED_FACILITATORS = (
        "reflection.entry_shared_facilitators",
        _("shared a reflection with the facilitators"),
    )
    REFLECTION_ASKED = "reflection.asked", _("invited the group to reflect on a meeting")
    FEEDBACK_ASKED = "reflection.feedback_asked", _("asked colleagues for feedback")
    FEEDBACK_ANSWERED = "reflection.feedback_answered", _("gave a colleague feedback")
    FEEDBACK_DECLINED = "reflection.feedback_declined", _("declined to give feedback")


register(ReflectionActivity)
