from datetime import date

import pytest

from kahui.api import services
from kahui.api.models import TokenScope
from tests.conftest import make_poll  # noqa: F401 (the API tests' poll)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def read_secret(world) -> str:
    """A read-only token of the group's member."""
    _token, secret = services.token_create(user=world.member, name="Reader")
    return secret


@pytest.fixture
def write_secret(world) -> str:
    """A read-and-write token of the group's member."""
    _token, secret = services.token_create(user=world.member, name="Writer", scope=TokenScope.WRITE)
    return secret


# Half past nine on 2 March 2026 (UTC), in the middle of a minute.
RATE_CLOCK = 1_772_443_830.0


@pytest.fixture(autouse=True)
def _rate_clock(monkeypatch):
    """The rate limit counts per window of the clock (each minute for "600/m"): the API
    tests pin its clock, so no window ends between two requests of a test."""
    from kahui.api.throttling import PerCaller

    monkeypatch.setattr(PerCaller, "timer", staticmethod(lambda: RATE_CLOCK))


# A day of last year: in the past, and in a year the member may ask to have confirmed,
# whenever the tests run.
LAST_YEAR_DAY = date(date.today().year - 1, 3, 2)


def make_cycle(world):
    """The world's group's open inquiry cycle, with an observation and a data set."""
    from datetime import date, timedelta

    from kahui.inquiry import services as inquiry_services

    cycle = inquiry_services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers?",
        goals=world.group.goals.all(),
    )
    inquiry_services.evidence_add(
        cycle=cycle,
        by=world.member,
        edit=inquiry_services.EvidenceEdit(
            kind="observation",
            title="Reading corner",
            stage=cycle.stage_key,
            body="Six of them chose books",
            gathered_on=date.today() - timedelta(days=20),
        ),
    )
    inquiry_services.data_set_save(
        cycle=cycle,
        by=world.member,
        spec=inquiry_services.DataSetSpec(
            kind="diagnostic",
            title="Running records, term 1",
            measure="Reading age",
            taken_on=date.today() - timedelta(days=40),
            stage=cycle.stage_key,
        ),
        rows=[inquiry_services.RowIn(value=12, code="L001")],
    )
    return cycle


def make_published_check(world, *, answers: int = 5, number: int = 1):
    """A closed health check of the world's group; published when enough answered."""
    from datetime import UTC, datetime, timedelta

    from kahui.health.models import HealthCheck
    from kahui.health.results import CONDITIONS

    opened = datetime(2024, 3, 2, 9, 0, tzinfo=UTC) + timedelta(weeks=6 * number)
    published = answers >= 4
    tallies = {key: [0, 1, 2, 1, answers - 4] for key in CONDITIONS} if published else {}
    if published:
        tallies["trust"] = [1, 1, 1, 1, answers - 4]  # the weakest
    return HealthCheck.objects.create(
        group=world.group,
        number=number,
        opened_at=opened,
        closes_at=opened + timedelta(days=7),
        closed_at=opened + timedelta(days=7),
        threshold=4,
        answers=answers,
        members=6,
        published=published,
        tallies=tallies,
    )


def make_activity(world, **kwargs):
    """Learning the member logged: a reading of 90 minutes with the group."""
    from kahui.recognition import services as recognition_services

    values = {
        "kind": "reading",
        "done_on": LAST_YEAR_DAY,
        "minutes": 90,
        "note": "Reading on structured literacy",
        "group": world.group,
    }
    return recognition_services.learning_activity_add(user=world.member, **{**values, **kwargs})


def make_certificate(world, *, year: int = LAST_YEAR_DAY.year):
    """The member's request for a certificate of their hours with the group."""
    from kahui.recognition import services as recognition_services

    return recognition_services.certificate_request(user=world.member, group=world.group, year=year)
