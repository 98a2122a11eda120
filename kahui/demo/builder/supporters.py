"""Supporters: each group in ``SUPPORTERS`` invites its supporter through the same
service a facilitator uses; the supporter accepts (or has not answered yet) and, once
the inquiry reached its sense-making, comments on it."""

from datetime import timedelta

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.people import NL_TIME_ZONE, NZ_TIME_ZONE, ORGANISATIONS
from kahui.demo.data.supporters import SUPPORTERS, SupportSpec
from kahui.groups import services as group_services
from kahui.groups.models import GroupRole, GroupSupporter, LearningGroup
from kahui.groups.stages import Stage
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import StageComment


class Supporters:
    def __init__(self, builder: Workshop) -> None:
        self.b = builder

    def tell(self) -> None:
        for spec in SUPPORTERS:
            self._support(spec)

    def _support(self, spec: SupportSpec) -> None:
        group = LearningGroup.objects.select_related("organisation").get(name=spec.group)
        org = next(o for o in ORGANISATIONS if o.name == group.organisation.name)
        tz = NL_TIME_ZONE if org.country == "NL" else NZ_TIME_ZONE
        timeline = self.b.timeline
        lead = group.memberships.filter(role=GroupRole.FACILITATOR).order_by("created_at").first()
        user = self.b.users[spec.person]
        invited = timeline.day(spec.invited_days_ago, 15, 50, tz=tz)
        with timeline.at(invited):
            support = group_services.supporter_invite(
                group=group, by=lead.user, email=user.email, role_note=spec.role_note
            )
        GroupSupporter.objects.filter(pk=support.pk).update(created_at=invited, updated_at=invited)
        if spec.accepted_days_ago is None:
            return
        accepted = timeline.day(spec.accepted_days_ago, 8, 10, tz=tz)
        with timeline.at(accepted):
            group_services.supporter_accept(supporter=support, user=user)
        GroupSupporter.objects.filter(pk=support.pk).update(
            accepted_at=accepted, updated_at=accepted
        )
        if spec.comment:
            self._comment(spec, group, user, accepted + timedelta(days=1))

    def _comment(self, spec: SupportSpec, group: LearningGroup, user, when) -> None:
        cycle = group.inquiry_cycles.order_by("-number").first()
        if cycle is None or Stage.SENSE not in cycle.inquiry_model.stage_keys:
            return
        model = cycle.inquiry_model
        if model.index(Stage.SENSE) > model.index(cycle.stage_key):
            return
        when = min(when, self.b.timeline.now - timedelta(hours=1))
        with self.b.timeline.at(when):
            comment = inquiry_services.stage_comment_add(
                cycle=cycle, stage=Stage.SENSE, by=user, body=spec.comment
            )
        StageComment.objects.filter(pk=comment.pk).update(created_at=when, updated_at=when)
