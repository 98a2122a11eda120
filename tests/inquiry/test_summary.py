"""The summary of an inquiry round: what it shows, to whom, and its PDF."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kahui.inquiry import services
from kahui.inquiry.models import GoalMeasure
from tests.inquiry.test_pages import move_to, start

pytestmark = pytest.mark.django_db


def summary_url(world, cycle, name="summary") -> str:
    return reverse(f"inquiry:{name}", args=[world.group.public_id, cycle.public_id])


def measured(world):
    """A round at Whakamahi with a measured goal, two readings, a trial and findings."""
    cycle = move_to(world, start(world), "sense")
    services.stage_record_save(
        cycle=cycle,
        stage="sense",
        by=world.member,
        values={"conclusion": "Six learners stall at **blending**."},
        version=0,
    )
    cycle = move_to(world, cycle, "plan")
    measure = GoalMeasure.objects.get(goal__in=cycle.goals.all())
    goal = measure.goal
    services.goal_save(
        cycle=cycle,
        by=world.facilitator,
        measure=measure,
        edit=services.MeasureEdit(
            text=goal.text,
            evidence=goal.evidence,
            name="Learners blending CVC words",
            unit="%",
            baseline=40,
            target=80,
            starts_on=date(2026, 2, 9),
            due_on=date(2026, 6, 26),
        ),
    )
    measure.refresh_from_db()
    for day, value in ((date(2026, 3, 16), 52), (date(2026, 5, 4), 64)):
        services.reading_add(
            cycle=cycle, measure=measure, by=world.member, taken_on=day, value=value
        )
    cycle = move_to(world, cycle, "act")
    services.trial_add(
        cycle=cycle,
        by=world.member,
        strategy="Blending with magnetic letters",
        outcome="Four of six blended by Friday",
        tried_on=date(2026, 5, 1),
    )
    return cycle


def test_the_summary_shows_the_goals_progress_with_a_chart_and_its_table(client, world):
    cycle = measured(world)
    client.force_login(world.member)
    page = client.get(summary_url(world, cycle))
    assert page.status_code == 200
    text = page.text
    assert "What helps our Year 1 readers decode?" in text
    assert "60% of the way to the target" in text  # 40 → 64 of 40 → 80
    assert 'role="img"' in text
    assert "<title" in text
    assert "Learners blending CVC words: the baseline and each reading" in text
    assert "Blending with magnetic letters" in text
    assert "Six learners stall at <strong>blending</strong>." in text
    # The chart's style carries the page's nonce, as the policy asks.
    nonce = page.wsgi_request._csp_nonce
    assert f'nonce="{nonce}"' in text
    # It is reachable from the round's page.
    cycle_page = client.get(reverse("inquiry:home", args=[world.group.public_id])).text
    assert summary_url(world, cycle) in cycle_page


def test_the_pdf_holds_the_question_the_progress_and_the_trials(client, world):
    cycle = measured(world)
    client.force_login(world.facilitator)
    assert client.get(summary_url(world, cycle, "summary_pdf")).status_code == 405
    response = client.post(summary_url(world, cycle, "summary_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "What helps our Year 1 readers decode?" in text
    assert "60% of the way to the target" in text
    assert "Blending with magnetic letters" in text


def test_only_members_read_the_summary(client, world):
    cycle = measured(world)
    for who in (world.coordinator, world.admin, world.outsider, world.colleague):
        client.force_login(who)
        response = client.get(summary_url(world, cycle))
        assert response.status_code in (403, 404)
        assert "magnetic letters" not in response.text
        assert client.post(summary_url(world, cycle, "summary_pdf")).status_code in (403, 404)


def test_the_summary_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    cycle = measured(world)
    client.force_login(world.member)
    with django_assert_max_num_queries(20):
        assert client.get(summary_url(world, cycle)).status_code == 200
