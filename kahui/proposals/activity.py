"""What the activity log records about proposals (see :mod:`kahui.core.activity`).

None of these is a charter entry: overseers of the group's organisation learn that
proposals were made and decided, never what they say. The change an agreed proposal
makes is recorded by the groups' services as the charter entry it is."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, FeedLine, register


class ProposalActivity(ActivityCode):
    OPENED = "proposal.opened", _("put a proposal to the group")
    RESPONDED = "proposal.responded", _("responded to a proposal")
    RESPONSE_CHANGED = "proposal.response_changed", _("changed their response to a proposal")
    CLOSED = "proposal.closed", _("closed a proposal before its deadline")
    AGREED = "proposal.agreed", _("made a proposal the group agreed to")
    NOT_AGREED = "proposal.not_agreed", _("made a proposal the group did not agree to")
    APPLIED = "proposal.applied", _("applied the change the group agreed to")
    NOT_APPLIED = (
        "proposal.not_applied",
        _("could not apply an agreed change: the text had changed since the proposal opened"),
    )
    RULES_CHANGED = "proposal.rules_changed", _("changed how the group decides")


def _proposal(entry) -> str:
    return reverse("proposals:detail", args=[entry.group.public_id, entry.ref["proposal"]])


register(
    ProposalActivity,
    feed={
        ProposalActivity.OPENED: FeedLine(_("proposed “%(target)s”"), link=_proposal),
        ProposalActivity.RESPONDED: FeedLine(
            _("responded to “%(target)s”"),
            _("responded to your proposal “%(target)s”"),
            _proposal,
        ),
        ProposalActivity.AGREED: FeedLine(
            _("proposed “%(target)s”, and the group agreed"), link=_proposal
        ),
        ProposalActivity.NOT_AGREED: FeedLine(
            _("proposed “%(target)s”, and the group did not agree"), link=_proposal
        ),
    },
)
