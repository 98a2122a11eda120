"""Coaching: in each country a coach of a programme coaches one facilitator of its
groups: notes both ways, a request for advice answered and one open, and an
observation of the group's latest meeting, shared, with a joint reflection and the
debrief done. The programme is the group's own if it is in one already (programmes
are built elsewhere), otherwise one made here by name, so the story holds either way."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from kahui.coaching import services
from kahui.coaching.models import AdviceRequest, CoachingNote, Observation, PairRead
from kahui.demo.builder.workshop import Workshop
from kahui.demo.data.coaching import STORIES, CoachingStory
from kahui.groups.models import LearningGroup
from kahui.programmes.models import Phase, Programme

# Columns coaching's services fill with "now", moved to the story's moment as the
# timeline moves its own (kahui/demo/builder/timeline.py).
TIME_COLUMNS = (
    (CoachingNote, ("created_at", "updated_at")),
    (AdviceRequest, ("created_at", "updated_at", "answered_at")),
    (Observation, ("created_at", "updated_at", "shared_at", "reflection_at", "debrief_done_at")),
    (PairRead, ("read_at",)),
)


def coaching(builder: Workshop) -> None:
    for story in STORIES:
        group = LearningGroup.objects.filter(name=story.group).first()
        if group is None:
            continue
        _Story(builder, story, group).tell()


class _Story:
    def __init__(self, builder: Workshop, story: CoachingStory, group: LearningGroup) -> None:
        self.b, self.story, self.group = builder, story, group
        self.coach = builder.users[story.coach]
        self.facilitator = builder.users[story.facilitator]

    @contextmanager
    def _at(self, when: datetime) -> Iterator[None]:
        started = timezone.now()
        with self.b.timeline.at(when):
            yield
        quote = connection.ops.quote_name
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            for model, columns in TIME_COLUMNS:
                table = quote(model._meta.db_table)
                for name in columns:
                    column = quote(model._meta.get_field(name).column)
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE {column} >= %s",
                        [adapt(when), adapt(started)],
                    )

    def _programme(self) -> Programme:
        programme = self.group.programmes.order_by("pk").first()
        if programme is None:
            programme, _created = Programme.objects.get_or_create(
                name=self.story.programme,
                defaults={
                    "organisation": self.group.organisation,
                    "phase": Phase.SUPPORTED,
                    "created_by": self.coach,
                },
            )
            programme.groups.add(self.group)
        programme.coaches.add(self.coach)
        return programme

    def tell(self) -> None:
        self._programme()
        now = self.b.timeline.now
        coach, facilitator = self.coach, self.facilitator
        people = {"coach": coach, "facilitator": facilitator}
        for number, (who, text) in enumerate(self.story.notes):
            with self._at(now - timedelta(days=12 - 2 * number, hours=3)):
                services.note_add(coach=coach, facilitator=facilitator, by=people[who], text=text)
        question, answer = self.story.answered
        with self._at(now - timedelta(days=9)):
            asked = services.advice_ask(
                coach=coach,
                facilitator=facilitator,
                by=facilitator,
                question=question,
                group=self.group,
            )
        with self._at(now - timedelta(days=8, hours=20)):
            services.advice_answer(request=asked, by=coach, answer=answer)
        self._observation(now)
        with self._at(now - timedelta(hours=6)):
            services.advice_ask(
                coach=coach,
                facilitator=facilitator,
                by=facilitator,
                question=self.story.open_question,
                group=self.group,
            )

    def _observation(self, now) -> None:
        meeting = self.group.meetings.held().filter(ends_at__lt=now).order_by("-starts_at").first()
        if meeting is None:
            return
        coach, facilitator = self.coach, self.facilitator
        went_well, question, suggestion = self.story.overall
        with self._at(min(meeting.ends_at + timedelta(hours=1), now)):
            observation = services.observation_start(
                coach=coach, facilitator=facilitator, by=coach, meeting=meeting
            )
            steps = list(observation.steps.all())
            notes = {
                step.pk: services.Notes(*texts)
                for step, texts in zip(steps, self.story.step_notes, strict=False)
            }
            services.observation_save(
                observation=observation,
                by=coach,
                edit=services.ObservationEdit(
                    overall=services.Notes(went_well, question, suggestion), steps=notes
                ),
            )
        with self._at(min(meeting.ends_at + timedelta(hours=20), now)):
            observation = services.observation_share(observation=observation, by=coach)
        with self._at(min(meeting.ends_at + timedelta(days=1, hours=22), now)):
            observation = services.reflection_save(
                observation=observation,
                by=facilitator,
                text=self.story.reflection,
                version=observation.version,
            )
            services.debrief_done(observation=observation, by=coach)
