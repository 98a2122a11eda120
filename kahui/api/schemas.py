"""What the API answers with: plain schemas, public ids only (never integer keys)."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import StringConstraints

from kahui.health.conditions import all_conditions
from kahui.health.selectors import WITHHELD_OPEN, WITHHELD_TOO_FEW, CheckSummary, check_summary


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


class GroupRef(Schema):
    id: UUID = Field(alias="public_id")
    name: str


class InquiryStage(Schema):
    key: str
    number: int
    name: str
    state: str  # done, current or todo


class InquiryCycle(Schema):
    id: UUID = Field(alias="public_id")
    round: int = Field(alias="number")
    model: str
    question: str
    stage: str = Field(alias="stage_key")
    is_open: bool
    started_at: datetime = Field(alias="created_at")
    stage_changed_at: datetime
    ended_at: datetime | None = None


class EvidenceTally(Schema):
    total: int
    by_kind: dict[str, int]
    by_stage: dict[str, int]
    first_on: date | None = None
    last_on: date | None = None


class EvidenceSummary(Schema):
    items: EvidenceTally
    data_sets: EvidenceTally


class InquiryCycleDetail(InquiryCycle):
    model_name: str
    stages: list[InquiryStage]
    evidence: EvidenceSummary


class ConditionResult(Schema):
    condition: str
    name: str
    mean: float
    answers_on_level: list[int]  # how many answered 1, 2, 3, 4 and 5


def _summary(check) -> CheckSummary:
    """The health check's summary, worked out once per check and answer."""
    found = getattr(check, "_api_summary", None)
    if found is None:
        found = check_summary(check)
        setattr(check, "_api_summary", found)  # noqa: B010 (not a field of the model)
    return found


class HealthCheck(Schema):
    id: UUID = Field(alias="public_id")
    number: int
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None
    threshold: int
    answers: int = 0  # so far, while it is open
    members: int = 0
    # Why there are no results: "open" (they show once it closes, if enough answered)
    # or "too_few_answers"; null when they are shown.
    withheld: str | None = None
    message: str = ""
    weakest: str | None = None
    results: list[ConditionResult] | None = None

    @staticmethod
    def resolve_answers(check) -> int:
        return _summary(check).answers

    @staticmethod
    def resolve_members(check) -> int:
        return _summary(check).members

    @staticmethod
    def resolve_withheld(check) -> str | None:
        return _summary(check).withheld

    @staticmethod
    def resolve_message(check) -> str:
        summary = _summary(check)
        values = {"answers": summary.answers, "n": check.threshold}
        if summary.withheld == WITHHELD_OPEN:
            return (
                _("Its results appear when it closes, if at least %(n)s members have answered.")
                % values
            )
        if summary.withheld == WITHHELD_TOO_FEW:
            return _("Too few answers to show (%(answers)s; %(n)s needed).") % values
        return ""

    @staticmethod
    def resolve_weakest(check) -> str | None:
        result = _summary(check).result
        return result.weakest if result is not None else None

    @staticmethod
    def resolve_results(check) -> list[dict] | None:
        result = _summary(check).result
        if result is None:
            return None
        return [
            {
                "condition": condition.key,
                "name": str(condition.name),
                "mean": round(result.means[condition.key], 2),
                "answers_on_level": list(result.results.tallies[condition.key]),
            }
            for condition in all_conditions()
            if condition.key in result.means
        ]


class HealthCheckDetail(HealthCheck):
    # Members only (null for others), without names, in alphabetical order.
    comments: list[str] | None = Field(None, alias="comment_texts")


class LearningActivity(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    done_on: date
    minutes: int
    hours: float
    note: str
    group: GroupRef | None = None
    created_at: datetime


class ConfirmedActivity(Schema):
    done_on: date = Field(alias="date")
    kind: str
    minutes: int
    note: str


class Certificate(Schema):
    id: UUID = Field(alias="public_id")
    group: GroupRef
    year: int
    status: str
    message: str
    reply: str
    decided_by: Person | None = None
    decided_at: datetime | None = None
    holder_name: str
    group_name: str
    issuer_name: str
    period_start: date | None = None
    period_end: date | None = None
    meetings: int
    meeting_hours: float
    activity_hours: float
    hours: float
    activities: list[ConfirmedActivity] = Field(alias="activity_lines")
    code: str | None = None
    revoked_at: datetime | None = None
    created_at: datetime


class AskedHours(Schema):
    meetings: int
    meeting_hours: float
    activities: int
    activity_hours: float


class CertificateDetail(Certificate):
    # While a facilitator is asked: the hours with the group that year, as counted now
    # (what is confirmed is counted again then).
    asked: AskedHours | None = None


class NewPost(Schema):
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]


# Every operation may answer with these, in the one error shape (kahui/api/errors.py).
ERRORS: dict[int, type[Error]] = dict.fromkeys((400, 401, 403, 404, 422, 429), Error)
