"""Reading reflection: a member's goals beside the group's, their journal, what was
shared with them, feedback asked and answered, and what can go into a portfolio.

Every function takes the person reading and returns only what is theirs or shared with
them (the rules are in :mod:`kahui.reflection.access`)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kahui.groups.access import GroupAccess
from kahui.groups.models import Goal, GroupMembership, LearningGroup
from kahui.groups.pages import WaitingItem
from kahui.inquiry.models import InquiryCycle, StageRecord
from kahui.inquiry.models_of_inquiry import UnknownModel
from kahui.library.models import Resource
from kahui.meetings.models import Meeting, MeetingStatus
from kahui.orgs.models import LearningObjective
from kahui.recognition.selectors import Hours, kudos_received, learning_hours
from kahui.reflection import access as rules
from kahui.reflection.models import (
    AnswerStatus,
    FeedbackAnswer,
    FeedbackRequest,
    GoalNote,
    ItemKind,
    JournalEntry,
    PersonalGoal,
    PortfolioItem,
    ReflectionAsk,
    Standard,
)

# ---------------------------------------------------------------------------
# Goals and the journal
# ---------------------------------------------------------------------------


def groups_of(user) -> list[LearningGroup]:
    return list(LearningGroup.objects.filter(memberships__user=user).order_by("name"))


def goals_of(user, group: LearningGroup) -> list[PersonalGoal]:
    """``user``'s goals in ``group`` with their notes, newest note first: two queries."""
    return list(
        PersonalGoal.objects.filter(user=user, group=group)
        .select_related("group_goal")
        .prefetch_related(Prefetch("notes", queryset=GoalNote.objects.order_by("-noted_on", "-id")))
    )


def group_goals(group: LearningGroup) -> list[Goal]:
    return list(group.goals.all())


def entries_of(user) -> QuerySet[JournalEntry]:
    """``user``'s own journal, newest first."""
    return JournalEntry.objects.filter(author=user).select_related("group", "meeting", "goal")


def shared_in(group: LearningGroup, access: GroupAccess) -> QuerySet[JournalEntry]:
    """What members shared in ``group`` that this member may read, newest shared first."""
    return (
        rules.shared_in(group, access)
        .select_related("author__profile", "meeting")
        .order_by("-shared_at", "-id")
    )


def stage_name(cycle: InquiryCycle | None, stage: str) -> str:
    if cycle is None or not stage:
        return ""
    try:
        return _(cycle.inquiry_model.stage(stage).name)
    except UnknownModel:
        return stage


def meetings_to_reflect_on(groups: Sequence[LearningGroup], *, now: datetime | None = None):
    """Meetings of ``groups`` that took place in the last four months, newest first."""
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(
            group__in=groups,
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=now,
            starts_at__gte=now - timedelta(days=120),
        )
        .select_related("group")
        .order_by("-starts_at")[:40]
    )


def cycles_of(groups: Sequence[LearningGroup]) -> list[InquiryCycle]:
    return list(
        InquiryCycle.objects.filter(group__in=groups)
        .select_related("group")
        .order_by("group__name", "-number")[:20]
    )


def meetings_to_ask_about(group: LearningGroup, *, now: datetime | None = None) -> list[Meeting]:
    """The group's meetings of the last month, and whether the group was invited to
    reflect on each already (``asked``)."""
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(
            group=group,
            status=MeetingStatus.SCHEDULED,
            starts_at__lte=now,
            starts_at__gte=now - timedelta(days=31),
        )
        .annotate(asked=Count("reflection_ask"))
        .order_by("-starts_at")[:5]
    )


# ---------------------------------------------------------------------------
# Peer feedback
# ---------------------------------------------------------------------------


def requests_made(user, *, group: LearningGroup | None = None) -> QuerySet[FeedbackRequest]:
    """``user``'s own requests, with how many were answered and declined."""
    requests = FeedbackRequest.objects.filter(asker=user)
    if group is not None:
        requests = requests.filter(group=group)
    return requests.select_related("group").annotate(
        asked=Count("answers"),
        answered=Count("answers", filter=Q(answers__status=AnswerStatus.ANSWERED)),
        declined=Count("answers", filter=Q(answers__status=AnswerStatus.DECLINED)),
    )


def asked_of(user) -> QuerySet[FeedbackAnswer]:
    """The requests ``user`` was asked to answer, waiting ones first."""
    return (
        FeedbackAnswer.objects.filter(colleague=user)
        .select_related("request__asker__profile", "request__group")
        .order_by("-status", "-request__created_at")
    )


def answers_to(request: FeedbackRequest) -> list[FeedbackAnswer]:
    """Every colleague's part in ``request``: for its asker only."""
    return list(request.answers.select_related("colleague__profile"))


def colleagues_in(group: LearningGroup, user) -> list[Any]:
    """The other members of ``group``, by name."""
    return sorted(
        (
            membership.user
            for membership in GroupMembership.objects.filter(group=group)
            .exclude(user=user)
            .select_related("user__profile")
        ),
        key=lambda person: person.display_name.lower(),
    )


# ---------------------------------------------------------------------------
# The portfolio
# ---------------------------------------------------------------------------


@dataclass
class Candidate:
    """Something of ``user``'s that can go in their portfolio."""

    kind: str
    object_id: int
    title: str
    context: str  # the group, and where it comes from
    when: Any  # a date or a datetime
    text: str = ""
    link: str = ""
    lines: list[str] = field(default_factory=list)
    chosen: bool = False
    standard: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.object_id}"

    @property
    def standard_label(self) -> str:
        return str(Standard(self.standard).label) if self.standard else ""


@dataclass
class Portfolio:
    candidates: dict[str, list[Candidate]]  # by kind, in ItemKind order

    @property
    def chosen(self) -> dict[str, list[Candidate]]:
        return {
            kind: [item for item in items if item.chosen]
            for kind, items in self.candidates.items()
            if any(item.chosen for item in items)
        }

    @property
    def sections(self) -> list[tuple[str, str, list[Candidate]]]:
        return [
            (kind, str(ItemKind(kind).label), items)
            for kind, items in self.candidates.items()
            if items
        ]

    @property
    def chosen_sections(self) -> list[tuple[str, str, list[Candidate]]]:
        return [(kind, str(ItemKind(kind).label), items) for kind, items in self.chosen.items()]

    def find(self, key: str) -> Candidate | None:
        for items in self.candidates.values():
            for item in items:
                if item.key == key:
                    return item
        return None


def _record_lines(record: StageRecord) -> list[str]:
    return [str(value).strip() for value in (record.values or {}).values() if str(value).strip()]


def portfolio_of(user, *, with_text: bool = False) -> Portfolio:
    """Everything of ``user``'s that can go in a portfolio, with what they chose: six
    queries (seven with the texts), however much there is. The texts of entries, goals'
    notes, resources and stage records are read only ``with_text`` (for the PDF)."""
    entry_rows = JournalEntry.objects.filter(author=user).select_related("group")
    resource_rows = Resource.objects.filter(
        added_by=user, group__memberships__user=user
    ).select_related("group")
    goal_rows = PersonalGoal.objects.filter(user=user).select_related("group")
    if with_text:
        goal_rows = goal_rows.prefetch_related(
            Prefetch("notes", queryset=GoalNote.objects.order_by("noted_on", "id"))
        )
    else:
        entry_rows = entry_rows.defer("body")
        resource_rows = resource_rows.only(
            "pk", "title", "created_at", "url", "group__name", "group__public_id"
        )
    entries = [
        Candidate(
            kind=ItemKind.ENTRY,
            object_id=entry.pk,
            title=entry.title,
            context=f"{entry.group.name} · {entry.get_prompt_display()}",
            when=entry.created_at,
            text=entry.body if with_text else "",
        )
        for entry in entry_rows[:200]
    ]
    goals = [
        Candidate(
            kind=ItemKind.GOAL,
            object_id=goal.pk,
            title=goal.text,
            context=goal.group.name,
            when=goal.created_at,
            lines=[
                f"{formats.date_format(note.noted_on)} · {note.get_kind_display()}: {note.text}"
                + (f" ({note.link})" if note.link else "")
                for note in goal.notes.all()
            ]
            if with_text
            else [],
        )
        for goal in goal_rows
    ]
    resources = [
        Candidate(
            kind=ItemKind.RESOURCE,
            object_id=resource.pk,
            title=resource.title,
            context=resource.group.name,
            when=resource.created_at,
            text=resource.description if with_text else "",
            link=resource.url,
        )
        for resource in resource_rows[:200]
    ]
    stages = [
        Candidate(
            kind=ItemKind.STAGE,
            object_id=record.pk,
            title=_("Round %(number)s: %(stage)s")
            % {"number": record.cycle.number, "stage": stage_name(record.cycle, record.stage)},
            context=f"{record.cycle.group.name} · {record.cycle.question}",
            when=record.updated_at,
            lines=_record_lines(record) if with_text else [],
        )
        for record in StageRecord.objects.filter(
            led_by=user, cycle__group__memberships__user=user
        ).select_related("cycle__group")
    ]
    kudos = [
        Candidate(
            kind=ItemKind.KUDOS,
            object_id=given.pk,
            title=given.text,
            context=_("%(group)s · from %(name)s")
            % {"group": given.group.name, "name": given.giver.display_name},
            when=given.created_at,
        )
        for given in kudos_received(user, limit=100)
    ]
    candidates = {
        ItemKind.ENTRY: entries,
        ItemKind.GOAL: goals,
        ItemKind.RESOURCE: resources,
        ItemKind.STAGE: stages,
        ItemKind.KUDOS: kudos,
    }
    by_key = {item.key: item for items in candidates.values() for item in items}
    for chosen in PortfolioItem.objects.filter(user=user):
        item = by_key.get(f"{chosen.kind}-{chosen.object_id}")
        if item is not None:
            item.chosen, item.standard = True, chosen.standard
    return Portfolio(candidates={str(kind): items for kind, items in candidates.items()})


def portfolio_hours(user, *, year: int) -> Hours:
    return learning_hours(user, year=year)


def objectives_for(group: LearningGroup):
    """The current objectives a goal in ``group`` may serve: those of the group's
    organisation and of its cluster."""
    organisation = group.organisation
    if organisation is None:
        return LearningObjective.objects.none()
    org_ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    return LearningObjective.objects.filter(organisation_id__in=org_ids, active=True)


# How long an invitation to reflect on a meeting stays on the dashboard.
ASK_SHOWN_FOR = timedelta(days=14)


def asks_awaiting(user, *, now: datetime | None = None) -> list[ReflectionAsk]:
    """The invitations to reflect of the last two weeks, in ``user``'s groups, on
    meetings ``user`` has not written about yet (not their own invitations)."""
    now = now or timezone.now()
    return list(
        ReflectionAsk.objects.filter(
            meeting__group__in=GroupMembership.objects.filter(user=user).values("group"),
            created_at__gte=now - ASK_SHOWN_FOR,
        )
        .exclude(asked_by=user)
        .exclude(
            meeting__in=JournalEntry.objects.filter(author=user, meeting__isnull=False).values(
                "meeting"
            )
        )
        .select_related("meeting__group")
        .order_by("-created_at", "-id")
    )


def feedback_waiting(user) -> list[FeedbackAnswer]:
    """The requests for feedback ``user`` has not answered or declined yet, in the
    groups they still belong to."""
    return list(
        FeedbackAnswer.objects.filter(
            colleague=user,
            status=AnswerStatus.WAITING,
            request__group__in=GroupMembership.objects.filter(user=user).values("group"),
        )
        .select_related("request__asker__profile", "request__group")
        .order_by("-request__created_at", "-id")
    )


def asked_of_member(user) -> list[WaitingItem]:
    """For the dashboard (``kahui.groups.pages.asked_of_member``): the invitations to
    reflect and the requests for feedback waiting for ``user`` (two queries)."""
    items = [
        WaitingItem(
            kind="reflection",
            text=_("Reflect on “%(title)s”") % {"title": ask.meeting.title},
            url=reverse("reflection:entry_new")
            + f"?group={ask.meeting.group.public_id}&meeting={ask.meeting.public_id}",
            group_name=ask.meeting.group.name,
            due=ask.created_at,
        )
        for ask in asks_awaiting(user)
    ]
    items += [
        WaitingItem(
            kind="feedback",
            text=_("%(who)s asks for your feedback on “%(title)s”")
            % {"who": answer.request.asker.display_name, "title": answer.request.title},
            url=reverse("reflection:feedback_answer", args=[answer.request.public_id]),
            group_name=answer.request.group.name,
            due=answer.request.created_at,
        )
        for answer in feedback_waiting(user)
    ]
    return items
