"""What the API answers with: plain schemas, public ids only (never integer keys)."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import StringConstraints


class Person(Schema):
    id: UUID = Field(alias="public_id")
    name: str = Field(alias="display_name")


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class Error(Schema):
    error: ErrorDetail


class Organisation(Schema):
    id: UUID = Field(alias="public_id")
    slug: str
    name: str
    kind: str
    city: str
    country: str
    description: str


class MyOrganisation(Organisation):
    role: str


class Group(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    kind: str
    purpose: str
    format: str
    access: str
    status: str
    stage: str
    cycle: int
    organisation: str | None = Field(None, alias="organisation.slug")
    created_at: datetime


class Membership(Schema):
    person: Person = Field(alias="user")
    role: str
    joined_at: datetime = Field(alias="created_at")


class MeetingSummary(Schema):
    id: UUID = Field(alias="public_id")
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    format: str
    location: str
    status: str


class AgendaItem(Schema):
    position: int
    title: str
    kind: str
    minutes: int


class Decision(Schema):
    id: UUID = Field(alias="public_id")
    text: str
    recorded_at: datetime = Field(alias="created_at")


class Action(Schema):
    id: UUID = Field(alias="public_id")
    text: str
    owner: Person | None = None
    due_on: date | None = None
    status: str


class AttendanceMark(Schema):
    person: Person = Field(alias="user")
    status: str
    minutes_attended: int | None = None


class Meeting(MeetingSummary):
    online_url: str
    facilitator: Person | None = None
    note_taker: Person | None = None
    agenda: list[AgendaItem]
    decisions: list[Decision]
    actions: list[Action]
    attendance: list[AttendanceMark]


class Thread(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    title: str
    started_by: Person
    pinned: bool
    locked: bool
    post_count: int
    last_activity_at: datetime


class Post(Schema):
    id: UUID = Field(alias="public_id")
    author: Person
    body: str
    created_at: datetime
    edited_at: datetime | None = None


class Resource(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    title: str
    description: str
    url: str
    file_name: str
    stage: str
    visibility: str
    added_by: Person | None = None
    created_at: datetime


class Poll(Schema):
    id: UUID = Field(alias="public_id")
    title: str
    description: str
    time_zone: str
    deadline: datetime | None = None
    closed_at: datetime | None = None
    responders: int
    meeting: UUID | None = Field(None, alias="meeting.public_id")
    created_at: datetime


class PollOption(Schema):
    id: UUID = Field(alias="public_id")
    starts_at: datetime
    duration_minutes: int
    format: str
    yes: int
    maybe: int
    no: int


class PollDetail(Poll):
    options: list[PollOption] = Field(alias="ranked")
    chosen: UUID | None = Field(None, alias="chosen.public_id")


class YearFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


class GroupHours(Schema):
    group: UUID
    name: str
    meetings: int
    hours: float


class LearningRecord(Schema):
    year: int
    meetings: int
    meeting_hours: float
    activities: int
    activity_hours: float
    by_group: list[GroupHours]


class NewPost(Schema):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]


# Every operation may answer with these, in the one error shape (kahui/api/errors.py).
ERRORS: dict[int, type[Error]] = dict.fromkeys((400, 401, 403, 404, 422, 429), Error)
