"""Deciding together: each group in ``PROPOSALS`` chooses its rules if it has its own,
a member proposes, colleagues respond over the following days, and a proposal whose
deadline has passed is closed as the scheduler closes it, so an agreed change is
applied with its history."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE, ORGANISATIONS
from kahui.demo.data.proposals import PROPOSALS, ProposalSpec
from kahui.groups.models import GroupRole, LearningGroup
from kahui.proposals import services as proposals
from kahui.proposals.models import Proposal


class DecidingTogether:
    def __init__(self, builder: Workshop) -> None:
        self.b = builder

    def tell(self) -> None:
        for spec in PROPOSALS:
            self._proposal(spec)

    def _proposal(self, spec: ProposalSpec) -> None:
        group = LearningGroup.objects.select_related("organisation").get(name=spec.group)
        org = next(o for o in ORGANISATIONS if o.name == group.organisation.name)
        tz = NL_TIME_ZONE if org.country == "NL" else NZ_TIME_ZONE
        timeline = self.b.timeline
        if spec.rules is not None:
            lead = (
                group.memberships.filter(role=GroupRole.FACILITATOR).order_by("created_at").first()
            )
            with timeline.at(timeline.day(spec.rules.days_ago, 16, 10, tz=tz)):
                proposals.rules_save(
                    group=group,
                    by=lead.user,
                    who_proposes=spec.rules.who_proposes,
                    rule=spec.rules.rule,
                    min_share=spec.rules.min_share,
                )
        if spec.closed_days_ago is None:
            local = timezone.now().astimezone(ZoneInfo(tz))
            day = local.date() + timedelta(days=spec.open_for_days)
            deadline = datetime.combine(day, datetime.min.time(), ZoneInfo(tz)).replace(hour=17)
        else:
            deadline = timeline.day(spec.closed_days_ago, 17, 0, tz=tz)
        goal = list(group.goals.all())[spec.goal - 1] if spec.goal else None
        with timeline.at(timeline.day(spec.opened_days_ago, 15, 40, tz=tz)):
            # The services only open proposals with a deadline ahead; a past one is given
            # its deadline once its responses are in (below).
            proposal = proposals.proposal_open(
                group=group,
                by=self.b.users[spec.proposer],
                kind=spec.kind,
                title=spec.title,
                reason=spec.reason,
                text=spec.text,
                evidence=spec.evidence,
                goal=goal,
                deadline=max(deadline, timezone.now() + timedelta(days=7)),
            )
        for response in spec.responses:
            days_ago, hour, minute = response.at
            with timeline.at(timeline.day(days_ago, hour, minute, tz=tz)):
                proposals.response_save(
                    proposal=proposal,
                    by=self.b.users[response.person],
                    position=response.position,
                    reason=response.reason,
                )
        Proposal.objects.filter(pk=proposal.pk).update(deadline=deadline)
        if spec.closed_days_ago is not None:
            closed = deadline + timedelta(minutes=1)  # the scheduler's next round
            with timeline.at(closed):
                proposals.proposal_close(proposal=proposal, now=closed)
