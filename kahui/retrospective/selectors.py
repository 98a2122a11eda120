"""What the retrospective's pages show."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kahui.groups.access import GroupAccess
from kahui.groups.models import LearningGroup
from kahui.groups.sizing import SizeState, assess_size
from kahui.inquiry import access as inquiry_access
from kahui.inquiry.models import GoalRevisit, InquiryCycle
from kahui.proposals import access as proposal_access
from kahui.proposals.selectors import rules_of
from kahui.retrospective import access as retro_access
from kahui.retrospective.models import Area, Choice, Retrospective


@dataclass
class AreaView:
    """One area on the page: where the group stands now, what the retrospective chose,
    and the ways to make a change (links the viewer may follow)."""

    area: Area
    now: list[str]
    choice: str = Choice.KEEP
    note: str = ""
    ways: list[tuple[str, str]] = field(default_factory=list)  # (label, address)

    @property
    def changes(self) -> bool:
        return self.choice == Choice.CHANGE


@dataclass
class RetrospectivePage:
    cycle: InquiryCycle
    retrospective: Retrospective | None
    areas: list[AreaView]
    revisits: list[GoalRevisit]
    may_write: bool
    may_move_on: bool


def _ways(
    group: LearningGroup, access: GroupAccess, may_propose: bool
) -> dict[str, list[tuple[str, str]]]:
    g = group.public_id
    new_proposal = reverse("proposals:new", args=[g])
    facilitator = access.is_facilitator
    ways: dict[str, list[tuple[str, str]]] = {area.value: [] for area in Area}
    if may_propose:
        ways[Area.GOALS].append((_("Propose a change to a goal"), f"{new_proposal}?kind=goal"))
        ways[Area.AGREEMENTS].append(
            (_("Propose new agreements"), f"{new_proposal}?kind=agreements")
        )
    if facilitator:
        ways[Area.GOALS].append((_("Edit the goals"), reverse("groups:edit", args=[g, "goals"])))
        ways[Area.AGREEMENTS].append(
            (_("Edit the agreements"), reverse("groups:edit", args=[g, "norms"]))
        )
        structure = reverse("groups:edit", args=[g, "structure"])
        ways[Area.CADENCE].append((_("Change how often and how long you meet"), structure))
        ways[Area.FORMAT].append((_("Change the format"), structure))
        ways[Area.MEMBERSHIP].append(
            (_("Invite members"), reverse("groups:invite_members", args=[g]))
        )
    ways[Area.CADENCE].append((_("See the meetings ahead"), reverse("meetings:list", args=[g])))
    ways[Area.MEMBERSHIP].append((_("See the members"), reverse("groups:members", args=[g])))
    return ways


def _now(group: LearningGroup) -> dict[str, list[str]]:
    goals = [goal.text for goal in group.goals.all()]
    norms = [norm.text for norm in group.norms.all()]
    members = group.memberships.count()
    size = assess_size(members, group.target_size)
    size_text = {
        SizeState.SMALL: _("fewer than a group needs to share the work"),
        SizeState.LARGE: _("more than a group can hear from at each meeting"),
        SizeState.HEALTHY: _("a healthy size"),
    }[size.state]
    return {
        Area.GOALS: goals or [_("No goals yet.")],
        Area.AGREEMENTS: norms or [_("No agreements yet.")],
        Area.CADENCE: [
            _("%(frequency)s, %(minutes)s minutes a meeting")
            % {"frequency": group.get_frequency_display(), "minutes": group.meeting_minutes}
        ],
        Area.FORMAT: [str(group.get_format_display())],
        Area.MEMBERSHIP: [_("%(count)s members: %(size)s") % {"count": members, "size": size_text}],
    }


def retrospective_page(
    group: LearningGroup, access: GroupAccess, cycle: InquiryCycle, user
) -> RetrospectivePage:
    """The retrospective of ``cycle`` as ``user`` sees it, in a fixed number of queries."""
    retro = Retrospective.objects.filter(cycle=cycle).prefetch_related("choices").first()
    chosen = {row.area: row for row in retro.choices.all()} if retro else {}
    may_propose = proposal_access.may_propose(access, rules_of(group), group)
    ways = _ways(group, access, may_propose)
    now = _now(group)
    areas = []
    for area in Area:
        row = chosen.get(area.value)
        areas.append(
            AreaView(
                area=area,
                now=now[area.value],
                choice=row.choice if row else Choice.KEEP,
                note=row.note if row else "",
                ways=ways[area.value],
            )
        )
    may_write = retro_access.may_write(access, cycle)
    return RetrospectivePage(
        cycle=cycle,
        retrospective=retro,
        areas=areas,
        revisits=list(GoalRevisit.objects.filter(cycle=cycle).select_related("goal")),
        may_write=may_write,
        may_move_on=may_write and inquiry_access.may_steer(access, cycle, user),
    )


def round_end_card(
    group: LearningGroup, access: GroupAccess, cycle: InquiryCycle
) -> dict[str, Any] | None:
    """The retrospective's card on the inquiry's pages at the end of a round (see
    ``kahui.inquiry.pages.round_end_parts``)."""
    if not access.is_member:
        return None
    retro = Retrospective.objects.filter(cycle=cycle).prefetch_related("choices").first()
    changes = [row for row in retro.choices.all() if row.choice == Choice.CHANGE] if retro else []
    return {
        "retrospective": retro,
        "retrospective_changes": [(Area(row.area).label, row.note) for row in changes],
        "retrospective_due": retro_access.is_due(cycle),
    }
