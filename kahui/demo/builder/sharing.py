"""Conversations, the library and finding times: the threads and resources each group
shares, the usual weeks of the first two groups' members, and an open poll in the
first group."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kahui.accounts.models import User
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.calendars import TERM
from kahui.demo.data.groups import GroupSpec
from kahui.demo.data.people import LOGIN_PERSONAS, ORGANISATIONS
from kahui.demo.data.sharing import SHARING_EN, SHARING_NL
from kahui.groups.models import Format, GroupRole


class Sharing:
    """Threads, replies, reactions and an answer; resources, one published to the
    organisation and one to everyone, in a collection."""

    def __init__(self, builder: Workshop, spec: GroupSpec, group, index: int) -> None:
        self.b, self.spec, self.group, self.index = builder, spec, group, index
        org_spec = next(o for o in ORGANISATIONS if o.key == spec.organisation)
        self.texts = SHARING_NL if org_spec.country == "NL" else SHARING_EN

    def tell(self) -> None:
        from kahui.discussions import services as talk
        from kahui.library import services as library

        people = [m.user for m in self.group.memberships.order_by("created_at", "id")]
        if len(people) < 2:
            return
        lead = people[0]
        texts = self.texts
        first_thread = None
        for number, (kind, title, body) in enumerate(texts["threads"]):
            author = people[(number + 1) % len(people)]
            if number == 0:
                body += f" @{_handle_of(lead)}"
            thread = talk.thread_start(
                group=self.group, by=author, kind=kind, title=title, body=body
            )
            first_thread = first_thread or thread
            replies = []
            for offset in range(1 + (number + self.index) % 3):
                replier = people[(number + offset + 2) % len(people)]
                if replier == author:
                    continue
                text = texts["replies"][(number + offset) % len(texts["replies"])]
                if offset == 1 and author != lead:
                    text += f" @{_handle_of(author)}"
                replies.append(talk.reply(thread=thread, by=replier, body=text))
            if replies:
                talk.react(post=replies[0], by=author, kind="thanks")
                talk.react(post=replies[0], by=lead, kind="helpful")
                # Several people react to the opening post, each as it struck them.
                first = thread.posts.order_by("created_at", "id").first()
                for reader in people[2:6]:
                    if reader != author:
                        kind_of = "celebrate" if kind == "celebration" else "helpful"
                        talk.react(post=first, by=reader, kind=kind_of)
                if kind in ("question", "problem"):
                    talk.answer_accept(thread=thread, by=author, post=replies[0])
            if number == 1:
                talk.moderate(thread=thread, by=lead, pinned=True)
            talk.mark_read(thread=thread, user=lead)
        self._ask_the_log_in_members(first_thread, lead, people)
        areas = list(self.group.focus_areas.all())
        for number, (kind, title, text, minutes, stage, principles) in enumerate(
            texts["resources"]
        ):
            resource = library.resource_add(
                group=self.group,
                by=people[number % len(people)],
                kind=kind,
                title=title,
                description=text if kind == "link" else "",
                url=f"https://example.org/kahui-demo/{self.index}/{number}"
                if kind == "link"
                else "",
                body=text if kind == "note" else "",
                minutes=minutes,
                stage=stage,
                principles=principles,
                focus_areas=areas[:2],
                visibility=(
                    "organisation" if number == 0 else "public" if number == 2 else "group"
                ),
            )
            library.collection_add(
                group=self.group,
                by=lead,
                name="Start here" if texts is SHARING_EN else "Om mee te beginnen",
                resource=resource,
            )

    def _ask_the_log_in_members(self, thread, lead: User, people: list[User]) -> None:
        """The facilitator asks the members one signs in as by name, so their
        dashboard has a mention waiting."""
        personas = {self.b.users[key].pk for who, key in LOGIN_PERSONAS if who == "Member"}
        asked = [person for person in people if person.pk in personas and person != lead]
        if thread is None or not asked:
            return
        from kahui.discussions import services as talk

        handles = " ".join(f"@{_handle_of(person)}" for person in asked)
        question = "what has worked for you?" if self.texts is SHARING_EN else "wat werkt bij jou?"
        talk.reply(thread=thread, by=lead, body=f"{handles} {question}")


def _handle_of(user: User) -> str:
    """How members mention someone: their name without spaces, e.g. @AarohaNgata."""
    return "".join(user.display_name.split())


def _school_days_ahead(builder: Workshop, today: date, *, first: int, count: int) -> list[int]:
    """Days from ``today`` of the ``count`` weekdays in term from ``first`` days on,
    every other one: when a poll for a term meeting offers its times."""
    periods = [p for c in builder.calendars if c.organisation == "cl" for p in c.periods]
    found: list[int] = []
    ahead = first
    while len(found) < count and ahead < first + 366:
        day = today + timedelta(days=ahead)
        in_term = any(p.kind == TERM and p.first_day <= day <= p.last_day for p in periods)
        if day.weekday() < 5 and in_term:
            found.append(ahead)
            ahead += 1
        ahead += 1
    return found or [first, first + 2, first + 4]


def finding_times(builder: Workshop, groups) -> None:
    """An open availability poll that the log-in personas have not answered yet, and
    usual weeks for the members of two groups."""
    from datetime import time as clock

    from kahui.scheduling import services as scheduling
    from kahui.scheduling.slots import week_mask

    for _spec, group in groups[:2]:
        for number, membership in enumerate(group.memberships.select_related("user__profile")):
            user = membership.user
            start = 14 + number % 3  # free from 14:00, 15:00 or 16:00 ...
            cells = [
                (day, minute)
                for day in (0, 1, 2, 3)
                if (day + number) % 4 != 0
                for minute in range(start * 60, 18 * 60, 30)
            ]
            scheduling.availability_save(
                user=user,
                time_zone=user.profile.time_zone,
                cell_minutes=30,
                yes=week_mask(cells, 30),
                if_need_be=week_mask([(4, m) for m in range(15 * 60, 17 * 60, 30)], 30),
            )
    # The poll is in the second group, where a facilitator and a member one signs in
    # as belong, so it waits on their dashboards.
    _spec, group = groups[1]
    facilitator = group.memberships.filter(role=GroupRole.FACILITATOR).first().user
    today = timezone.now().astimezone(ZoneInfo(facilitator.profile.time_zone)).date()
    poll = scheduling.poll_create(
        group=group,
        by=facilitator,
        title="Term planning hui: when suits?",
        description="Pick every time you could make; we'll go with the best.",
        time_zone=facilitator.profile.time_zone,
        options=[
            scheduling.OptionPlan(
                day=today + timedelta(days=d),
                start=clock(15, 30),
                duration_minutes=60,
                format=Format.IN_PERSON,
            )
            for d in _school_days_ahead(builder, today, first=6, count=3)
        ],
    )
    options = list(poll.options.order_by("starts_at"))
    # The log-in personas have not answered yet: the poll waits on their dashboard.
    personas = {builder.users[key].pk for _who, key in LOGIN_PERSONAS}
    for number, membership in enumerate(group.memberships.all()):
        if number % 4 == 3 or membership.user_id in personas:
            continue  # some have not answered yet
        answers = {
            option.pk: ["yes", "maybe", "no"][(number + i) % 3] for i, option in enumerate(options)
        }
        scheduling.poll_answer(
            poll=poll,
            user=membership.user,
            answers=answers,
            comment="After duty is easier for me." if number == 1 else "",
        )
