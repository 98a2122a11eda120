"""Coordinators read figures, never a member's private writing: no journal, no
unshared minutes, no health answer or comment reaches them through the dashboard, a
group's figures, the cohort, the reports, the CSVs or the PDF."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kahui.health.models import HealthAnswer, HealthCheck, HealthComment
from kahui.orgs.models import SchoolPeriod
from kahui.reflection import services as reflection_services
from tests.oversight.conftest import past_meeting
from tests.oversight.test_reports import _published_check

pytestmark = pytest.mark.django_db

SECRETS = ("SECRET-JOURNAL", "SECRET-MINUTES", "SECRET-COMMENT", "SECRET-ANSWER")


@pytest.fixture
def private_things(world, moment):
    SchoolPeriod.objects.create(
        organisation=world.school,
        kind="term",
        name="Term 2",
        first_day=date(2027, 5, 3),
        last_day=date(2027, 7, 9),
    )
    reflection_services.entry_write(
        author=world.member,
        group=world.group,
        prompt="learned",
        title="SECRET-JOURNAL title",
        body="SECRET-JOURNAL body",
    )
    meeting = past_meeting(world.group, 4, present=[world.member])
    meeting.minutes = "SECRET-MINUTES of our hui"
    meeting.save()
    check = _published_check(world.group, timezone.now() - timedelta(days=1))
    HealthComment.objects.create(health_check=check, text="SECRET-COMMENT", position=1)
    open_check = HealthCheck.objects.create(
        group=world.group,
        number=check.number + 1,
        opened_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=5),
        threshold=4,
    )
    HealthAnswer.objects.create(
        health_check=open_check,
        respondent="x" * 64,
        time_access=1,
        trust=1,
        shared_vision=1,
        structure=1,
        safety=1,
        depth=1,
        comment="SECRET-ANSWER",
    )


def _pages(client, world):
    slug = world.school.slug
    yield client.get(reverse("oversight:dashboard", args=[slug]))
    yield client.get(reverse("oversight:group", args=[world.group.public_id]))
    yield client.get(reverse("oversight:cohort", args=[slug]))
    yield client.get(reverse("oversight:report", args=[slug]))
    yield client.get(reverse("oversight:report_csv", args=[slug]))
    yield client.get(reverse("oversight:hours_csv", args=[slug]))


@pytest.mark.parametrize("persona", ["coordinator", "admin"])
def test_overseers_read_figures_only(client, world, private_things, persona):
    client.force_login(getattr(world, persona))
    for response in _pages(client, world):
        assert response.status_code == 200
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {response.request['PATH_INFO']}"
    pdf = client.post(reverse("oversight:report_pdf", args=[world.school.slug]))
    extracted = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert not any(secret in extracted for secret in SECRETS)


def test_the_published_result_shows_and_the_open_check_does_not(client, world, private_things):
    client.force_login(world.coordinator)
    text = client.get(reverse("oversight:group", args=[world.group.public_id])).content.decode()
    assert "with 4 answers" in text  # the closed check's counts
    assert "Mean (1–5)" in text


def test_a_check_below_the_threshold_shows_no_result(client, world, moment):
    HealthCheck.objects.create(
        group=world.group,
        number=1,
        opened_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=2),
        closed_at=timezone.now() - timedelta(days=2),
        threshold=4,
        answers=2,
        published=False,
    )
    client.force_login(world.coordinator)
    text = client.get(reverse("oversight:group", args=[world.group.public_id])).content.decode()
    assert "No health check with enough answers" in text
