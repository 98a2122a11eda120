"""What the activity log records about recognition (see :mod:`kahui.core.activity`).

Kudos and celebrations belong to the group's activity. What concerns a person's
learning record (activities they log, certificates asked for, confirmed, declined or
revoked) is recorded without a group, so that no group page shows it: the record is
for its owner, and for a facilitator while confirming a certificate."""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register
from kahui.core.models import ActivityEntry


class RecognitionActivity(ActivityCode):
    KUDOS_GIVEN = "recognition.kudos_given", _("gave kudos")
    KUDOS_WITHDRAWN = "recognition.kudos_withdrawn", _("withdrew kudos")
    FIRST_ROUND = (
        "recognition.first_round",
        _("the group completed its first inquiry round: a milestone to celebrate"),
    )
    GOAL_MET = "recognition.goal_met", _("the group met a goal: a milestone to celebrate")
    YEAR_OF_MEETING = (
        "recognition.year_of_meeting",
        _("the group has been meeting for a year: a milestone to celebrate"),
    )
    ACTIVITY_LOGGED = "recognition.activity_logged", _("logged professional learning")
    ACTIVITY_CHANGED = "recognition.activity_changed", _("changed logged professional learning")
    ACTIVITY_REMOVED = "recognition.activity_removed", _("removed logged professional learning")
    CERTIFICATE_REQUESTED = (
        "recognition.certificate_requested",
        _("asked for a professional-learning certificate"),
    )
    CERTIFICATE_CONFIRMED = (
        "recognition.certificate_confirmed",
        _("confirmed a professional-learning certificate"),
    )
    CERTIFICATE_DECLINED = (
        "recognition.certificate_declined",
        _("declined a professional-learning certificate"),
    )
    CERTIFICATE_WITHDRAWN = (
        "recognition.certificate_withdrawn",
        _("withdrew a request for a professional-learning certificate"),
    )
    CERTIFICATE_REVOKED = (
        "recognition.certificate_revoked",
        _("revoked a professional-learning certificate"),
    )


def _years_sentence(entry: ActivityEntry) -> str | None:
    years = entry.changes.get("years", {}).get("to", "")
    if not years.isdigit() or int(years) == 1:
        return None
    return ngettext(
        "the group has been meeting for %(years)d year: a milestone to celebrate",
        "the group has been meeting for %(years)d years: a milestone to celebrate",
        int(years),
    ) % {"years": int(years)}


def _goal_sentence(entry: ActivityEntry) -> str | None:
    if not entry.target:
        return None
    return gettext("the group met its goal “%(goal)s”: a milestone to celebrate") % {
        "goal": entry.target
    }


MILESTONES = [
    RecognitionActivity.FIRST_ROUND,
    RecognitionActivity.GOAL_MET,
    RecognitionActivity.YEAR_OF_MEETING,
]

register(
    RecognitionActivity,
    # Milestones are about the group's progress, its goals and its rounds, which its
    # overseers follow as they follow its stage. Kudos are between members.
    charter=MILESTONES,
    unattributed=MILESTONES,
    sentences={
        RecognitionActivity.YEAR_OF_MEETING: _years_sentence,
        RecognitionActivity.GOAL_MET: _goal_sentence,
    },
)
