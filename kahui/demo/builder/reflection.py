"""Reflection: in every group some members keep a journal (entries kept private,
shared with the group or with its facilitators), set a goal of their own with a note
of progress, and one asks two colleagues for feedback that one of them answers. The
facilitator invites reflections after the latest meeting. Last, the member whose
learning record the demo shows gathers her portfolio."""

from datetime import timedelta

from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.people import ORGANISATIONS
from kahui.demo.data.recognition import RECORD_PERSON
from kahui.demo.data.reflection import (
    ENTRIES_EN,
    ENTRIES_NL,
    FEEDBACK_EN,
    FEEDBACK_NL,
    GOALS_EN,
    GOALS_NL,
    PORTFOLIO_ENTRY,
    PORTFOLIO_GOAL,
    PORTFOLIO_STANDARDS,
)
from kahui.groups.models import LearningGroup
from kahui.inquiry.models import InquiryCycle
from kahui.reflection import selectors, services
from kahui.reflection.models import PersonalGoal


class Reflection:
    """One group's journals, personal goals and peer feedback."""

    def __init__(self, builder: Workshop, spec: GroupSpec, group: LearningGroup) -> None:
        self.b, self.spec, self.group = builder, spec, group
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        dutch = org_spec.country == "NL"
        self.entries = ENTRIES_NL if dutch else ENTRIES_EN
        self.goals = GOALS_NL if dutch else GOALS_EN
        self.feedback = FEEDBACK_NL if dutch else FEEDBACK_EN

    def tell(self) -> None:
        people = [m.user for m in self.group.memberships.order_by("created_at", "id")]
        now = self.b.timeline.now
        latest = self.group.meetings.held().filter(ends_at__lt=now).order_by("-starts_at").first()
        cycle = InquiryCycle.objects.filter(group=self.group).open().first()
        goals = {}
        group_goal = self.group.goals.first()
        for number, (who, text, note) in enumerate(self.goals):
            if who >= len(people):
                continue
            with self.b.timeline.at(now - timedelta(days=20 - number)):
                goal = services.personal_goal_add(
                    user=people[who], group=self.group, text=text, group_goal=group_goal
                )
            with self.b.timeline.at(now - timedelta(days=6 - number)):
                services.goal_note_add(
                    goal=goal,
                    by=people[who],
                    kind="progress",
                    noted_on=(now - timedelta(days=6 - number)).date(),
                    text=note,
                )
            goals[who] = goal
        for number, (who, prompt, title, body, sharing, about) in enumerate(self.entries):
            if who >= len(people):
                continue
            meeting = latest if about == "meeting" else None
            if meeting is not None:
                when = min(meeting.ends_at + timedelta(hours=5 + 7 * number), now)
            else:
                when = now - timedelta(days=3, hours=-4 * number)
            with self.b.timeline.at(when - timedelta(minutes=15)):
                entry = services.entry_write(
                    author=people[who],
                    group=self.group,
                    prompt=prompt,
                    title=title,
                    body=body,
                    meeting=meeting,
                    cycle=cycle if about == "stage" else None,
                    stage=cycle.stage_key if about == "stage" and cycle else "",
                    goal=goals.get(who) if about == "goal" else None,
                )
                if sharing != "private":
                    services.entry_share(entry=entry, by=people[who], sharing=sharing)
        self._feedback(people, now)
        if latest is not None and len(people) > 1:
            with self.b.timeline.at(min(latest.ends_at + timedelta(hours=2), now)):
                services.reflection_ask(meeting=latest, by=people[0])

    def _feedback(self, people, now) -> None:
        asker, asked, about, title, text, answer = self.feedback
        if max(asker, *asked) >= len(people):
            return
        with self.b.timeline.at(now - timedelta(days=2, hours=3)):
            request = services.feedback_ask(
                asker=people[asker],
                group=self.group,
                about=about,
                title=title,
                text=text,
                colleagues=[people[who] for who in asked],
            )
        worked, question, suggestion = answer
        with self.b.timeline.at(now - timedelta(days=1, hours=5)):
            services.feedback_answer(
                answer=request.answers.get(colleague=people[asked[0]]),
                by=people[asked[0]],
                worked=worked,
                question=question,
                suggestion=suggestion,
            )


def portfolio(builder: Workshop, groups: list[tuple[GroupSpec, LearningGroup]]) -> None:
    """The member with the learning record writes an entry for her portfolio (and sets
    a goal, if she has none yet), then chooses what goes in, with standards."""
    person = builder.users[RECORD_PERSON]
    _spec, group = next((s, g) for s, g in groups if RECORD_PERSON in s.members)
    now = builder.timeline.now
    with builder.timeline.at(now - timedelta(hours=20)):
        if not PersonalGoal.objects.filter(user=person, group=group).exists():
            services.personal_goal_add(
                user=person, group=group, text=PORTFOLIO_GOAL, group_goal=group.goals.first()
            )
        prompt, title, body = PORTFOLIO_ENTRY
        services.entry_write(author=person, group=group, prompt=prompt, title=title, body=body)
    found = selectors.portfolio_of(person)
    chosen = {
        (item.kind, item.object_id): PORTFOLIO_STANDARDS.get(item.kind, "")
        for kind, items in found.candidates.items()
        if kind in PORTFOLIO_STANDARDS
        for item in items[:3]
    }
    services.portfolio_choose(user=person, chosen=chosen)
