"""The proposals' periodic work, run by ``kahui scheduler`` every minute (see
:mod:`kahui.notifications.scheduler`; registered in :mod:`kahui.proposals.apps`)."""

from datetime import datetime

from django.db.models import F

from kahui.notifications.scheduler import TickReport
from kahui.proposals import services
from kahui.proposals.models import Proposal


def close_proposals(now: datetime, report: TickReport) -> None:
    """Close the proposals whose deadline has passed, settle their outcomes and apply
    what was agreed."""
    for proposal in Proposal.objects.unclosed().filter(deadline__lte=now).order_by("deadline"):
        services.proposal_close(proposal=proposal, now=now)
        report.done["proposals closed"] += 1


def proposal_reminders(now: datetime, report: TickReport) -> None:
    """A day before the deadline, remind the members who have not responded; not for a
    proposal opened less than a day before its deadline (its news is fresh)."""
    due = Proposal.objects.unclosed().filter(
        reminded_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + services.REMINDER_BEFORE,
        created_at__lte=F("deadline") - services.REMINDER_BEFORE,
    )
    for proposal in due:
        report.done["proposal reminders"] += services.proposal_remind(proposal=proposal, now=now)
