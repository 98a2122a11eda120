"""Term and year reports: figures, the period before, CSV, PDF and the hours export."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kahui.health.models import HealthCheck
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import GoalMeasure, GoalReading
from kahui.orgs.models import SchoolPeriod
from kahui.oversight import reports
from kahui.oversight.access import Overseen
from kahui.recognition.models import LearningActivity
from tests.oversight.conftest import past_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(world):
    SchoolPeriod.objects.create(
        organisation=world.cluster,
        kind="term",
        name="Term 1",
        first_day=date(2027, 2, 1),
        last_day=date(2027, 4, 16),
    )
    return SchoolPeriod.objects.create(
        organisation=world.cluster,
        kind="term",
        name="Term 2",
        first_day=date(2027, 5, 3),
        last_day=date(2027, 7, 9),
    )


def _published_check(group, closed: datetime, level: int = 4):
    return HealthCheck.objects.create(
        group=group,
        number=HealthCheck.objects.filter(group=group).count() + 1,
        opened_at=closed - timedelta(days=7),
        closes_at=closed,
        closed_at=closed,
        threshold=4,
        answers=4,
        members=6,
        published=True,
        tallies={
            key: [0] * (level - 1) + [4] + [0] * (5 - level)
            for key in ("time_access", "trust", "shared_vision", "structure", "safety", "depth")
        },
    )


def test_a_terms_figures_beside_the_term_before(world, terms, moment):
    past_meeting(world.group, 4, present=[world.member, world.facilitator])  # term 2
    past_meeting(world.group, 40, present=[world.member])  # term 1
    past_meeting(world.group, 60, present=[world.member])  # term 1
    LearningActivity.objects.create(
        user=world.member,
        kind="reading",
        done_on=date(2027, 5, 10),
        minutes=30,
        note="x",
        group=world.group,
    )
    _published_check(world.group, timezone.now() - timedelta(days=2))
    periods = reports.periods_of(world.school, today=date(2027, 5, 12))
    current = reports.current_period(periods, date(2027, 5, 12))
    assert current.name == "Term 2 2027"
    previous = reports.previous_period(current, periods)
    assert previous.name == "Term 1 2027"
    groups = Overseen(organisation=world.school).groups()
    now, before = reports.figures(groups, current), reports.figures(groups, previous)
    assert (now.meetings, before.meetings) == (1, 2)
    assert now.hours == 2.5  # two people for an hour, and half an hour of reading
    assert now.health_checks == 1
    assert now.health_mean == 4
    comparison = {row.label: row for row in reports.compare(now, before)}
    assert comparison["Meetings held"].change == -1


def test_a_goal_that_reaches_its_target_in_the_term_counts_as_met(world, terms, moment):
    cycle = inquiry_services.cycle_start(
        group=world.group, by=world.facilitator, question="Q?", goals=world.group.goals.all()
    )
    measure = GoalMeasure.objects.get(goal__group=world.group)
    measure.baseline, measure.target = 10, 20
    measure.save()
    GoalReading.objects.create(measure=measure, taken_on=date(2027, 3, 1), value=15, cycle=cycle)
    GoalReading.objects.create(measure=measure, taken_on=date(2027, 5, 6), value=21, cycle=cycle)
    periods = reports.periods_of(world.school, today=date(2027, 5, 12))
    groups = Overseen(organisation=world.school).groups()
    by_name = {p.name: p for p in periods}
    assert reports.figures(groups, by_name["Term 2 2027"]).goals_met == 1
    assert reports.figures(groups, by_name["Term 1 2027"]).goals_met == 0
    assert reports.figures(groups, by_name["Year 2027"]).goals_met == 1


def test_the_report_page_csv_and_pdf(client, world, terms, moment):
    past_meeting(world.group, 4, present=[world.member])
    client.force_login(world.coordinator)
    key = f"term-{terms.public_id}"
    page = client.get(reverse("oversight:report", args=[world.school.slug]) + f"?period={key}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text
    assert 'role="img"' in text
    assert "Term 1 2027" in text  # the comparison with the term before
    response = client.get(
        reverse("oversight:report_csv", args=[world.school.slug]) + f"?period={key}"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Meetings held", "1", "0"] in rows
    assert any(row[:3] == [world.group.name, world.school.name, "1"] for row in rows)
    pdf = client.post(reverse("oversight:report_pdf", args=[world.school.slug]) + f"?period={key}")
    assert pdf["Content-Type"] == "application/pdf"
    extracted = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Term 2 2027" in extracted
    assert world.group.name in extracted


def test_a_programme_report(client, world, terms, moment):
    from kahui.programmes.models import Programme

    programme = Programme.objects.create(name="Reading together", organisation=world.cluster)
    programme.groups.add(world.group)
    past_meeting(world.group, 4, present=[world.member])
    client.force_login(world.coordinator)
    response = client.get(reverse("oversight:programme_report", args=[programme.public_id]))
    assert response.status_code == 200
    assert world.group.name in response.content.decode()
    dashboard = client.get(reverse("oversight:programme_dashboard", args=[programme.public_id]))
    assert world.group.name in dashboard.content.decode()


def test_the_cluster_hours_export(client, world, terms, moment):
    past_meeting(world.group, 4, present=[world.member], minutes=90)
    LearningActivity.objects.create(
        user=world.member, kind="reading", done_on=date(2027, 5, 10), minutes=30, note="Secret"
    )
    client.force_login(world.coordinator)
    response = client.get(
        reverse("oversight:hours_csv", args=[world.cluster.slug])
        + f"?period=term-{terms.public_id}"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Educator", "School", "Group or activity", "Hours"]
    assert ["Mere Member", "Kōwhai Primary", world.group.name, "1.5"] in rows
    assert ["Mere Member", "Kōwhai Primary", "Reading", "0.5"] in rows
    assert "Secret" not in response.content.decode()
