"""What meetings put in the search index: each meeting (its title, materials and
agenda steps, dated when it starts), its minutes and its decisions, all found by the
group's members."""

from collections.abc import Iterator, Sequence

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from kahui.core import search
from kahui.meetings.models import AgendaItem, Decision, Meeting


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.group.public_id, meeting.public_id])


def meeting_document(meeting: Meeting, steps: Sequence[AgendaItem]) -> search.Document:
    agenda = "\n".join(f"- {step.title}" for step in steps)
    return search.Document(
        kind="meeting",
        object_id=meeting.pk,
        group_id=meeting.group_id,
        title=meeting.title,
        body="\n\n".join(filter(None, [meeting.materials, agenda])),
        url=_meeting_url(meeting),
        dated=meeting.starts_at,
    )


def minutes_document(meeting: Meeting) -> search.Document:
    return search.Document(
        kind="minutes",
        object_id=meeting.pk,
        group_id=meeting.group_id,
        title=_("Minutes: %(title)s") % {"title": meeting.title},
        body=meeting.minutes,
        url=_meeting_url(meeting),
        dated=meeting.starts_at,
    )


def decision_document(decision: Decision) -> search.Document:
    meeting = decision.meeting
    return search.Document(
        kind="decision",
        object_id=decision.pk,
        group_id=decision.group_id,
        title=_("Decision: %(title)s") % {"title": meeting.title},
        body=decision.text,
        url=_meeting_url(meeting) + "#decisions",
        dated=decision.created_at,
    )


def _with_agendas(meetings):
    return meetings.select_related("group").prefetch_related(
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk"))
    )


def meetings_index(meetings: Sequence[Meeting]) -> None:
    """Index ``meetings`` (just scheduled, moved or with a new agenda) in a few
    queries."""
    fresh = _with_agendas(Meeting.objects.filter(pk__in=[m.pk for m in meetings]))
    search.index_many(meeting_document(m, list(m.agenda.all())) for m in fresh)


def meetings_reindex() -> int:
    """Every meeting, its minutes and its decisions in the search index again
    (``kahui reindex-search``)."""

    def documents() -> Iterator[search.Document]:
        meetings = _with_agendas(Meeting.objects.order_by("pk"))
        for meeting in meetings.iterator(chunk_size=500):
            yield meeting_document(meeting, list(meeting.agenda.all()))
            if meeting.minutes.strip():
                yield minutes_document(meeting)
        decisions = Decision.objects.select_related("meeting__group").order_by("pk")
        yield from (decision_document(d) for d in decisions.iterator(chunk_size=2000))

    return search.index_many(documents())
