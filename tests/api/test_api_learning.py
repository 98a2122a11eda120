"""The API's inquiry, health and professional-learning areas: what each answers, and
that it answers no more than the pages it mirrors (evidence in figures only, health
results only above the threshold and comments only to members, a person's record to
that person alone)."""

from datetime import date, timedelta

import pytest

from kahui.api import services
from kahui.health.models import HealthAnswer, HealthCheck, HealthComment
from kahui.health.services import respondent_token
from kahui.inquiry import services as inquiry_services
from kahui.recognition import services as recognition_services
from tests.api.conftest import (
    LAST_YEAR_DAY,
    bearer,
    make_activity,
    make_certificate,
    make_cycle,
    make_published_check,
)
from tests.conftest import make_group

G = "/api/v1/groups/{}"


def _secret(user) -> str:
    return services.token_create(user=user, name="Test")[1]


# Inquiry -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_groups_cycles_and_one_with_its_evidence_in_figures(
    client, world, read_secret, django_assert_max_num_queries
):
    cycle = make_cycle(world)
    inquiry_services.evidence_add(
        cycle=cycle,
        by=world.member,
        edit=inquiry_services.EvidenceEdit(
            kind="link", title="Article", stage=cycle.stage_key, url="https://a.example/"
        ),
    )
    base = G.format(world.group.public_id) + "/inquiry/cycles"
    # as every list: the token, the rate counter, the group, the page (no query a row)
    with django_assert_max_num_queries(10):
        page = client.get(base, **bearer(read_secret))
    assert page.status_code == 200
    (row,) = page.json()["results"]
    assert row["id"] == str(cycle.public_id)
    assert row["round"] == 1
    assert row["is_open"] is True
    assert row["stage"] == cycle.stage_key == world.group.stage
    assert row["question"] == "What helps our Year 1 readers?"

    # and two for the evidence's figures, however much evidence there is
    with django_assert_max_num_queries(12):
        answer = client.get(f"{base}/{cycle.public_id}", **bearer(read_secret))
    assert answer.status_code == 200, answer.content
    found = answer.json()
    evidence = found["evidence"]
    assert evidence["items"]["total"] == 2
    assert evidence["items"]["by_kind"] == {"observation": 1, "link": 1}
    assert evidence["items"]["by_stage"] == {cycle.stage_key: 2}
    # the observation's day (the link has none), the data set's (make_cycle's days)
    gathered = (date.today() - timedelta(days=20)).isoformat()
    assert evidence["items"]["first_on"] == evidence["items"]["last_on"] == gathered
    assert evidence["data_sets"]["total"] == 1
    assert evidence["data_sets"]["by_kind"] == {"diagnostic": 1}
    taken = (date.today() - timedelta(days=40)).isoformat()
    assert evidence["data_sets"]["first_on"] == evidence["data_sets"]["last_on"] == taken
    states = {stage["key"]: stage["state"] for stage in found["stages"]}
    assert states[cycle.stage_key] == "current"
    assert found["model_name"]
    # figures only: what the evidence says stays on its pages
    for text in ("Six of them chose books", "Reading corner", "L001", "Article"):
        assert text not in answer.content.decode()


@pytest.mark.django_db
def test_another_groups_cycle_is_not_found(client, world, read_secret):
    cycle = make_cycle(world)
    other = make_group(world.facilitator, organisation=world.school, members=[world.member])
    url = f"{G.format(other.public_id)}/inquiry/cycles/{cycle.public_id}"
    response = client.get(url, **bearer(read_secret))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# Health ------------------------------------------------------------------------------


def _checks(world):
    """A published check, one with too few answers (its tallies kept, as a check that
    should not show them) and the open one with two answers so far."""
    published = make_published_check(world, answers=5, number=1)
    HealthComment.objects.create(health_check=published, text="Zephyr comment", position=0)
    too_few = make_published_check(world, answers=2, number=2)
    HealthCheck.objects.filter(pk=too_few.pk).update(
        tallies={"trust": [1, 1, 0, 0, 0], "depth": [0, 0, 0, 1, 1]}
    )
    opened = published.opened_at + timedelta(weeks=20)
    current = HealthCheck.objects.create(
        group=world.group, number=3, opened_at=opened, closes_at=opened, threshold=4
    )
    for user in (world.member, world.facilitator):
        scores = dict.fromkeys(("time_access", "trust", "shared_vision", "structure"), 4)
        HealthAnswer.objects.create(
            health_check=current,
            respondent=respondent_token(current, user),
            safety=1,
            depth=5,
            comment="Hidden while open",
            **scores,
        )
    return published, too_few, current


@pytest.mark.django_db
def test_health_checks_show_results_only_above_the_threshold(
    client, world, read_secret, django_assert_max_num_queries
):
    published, too_few, current = _checks(world)
    url = G.format(world.group.public_id) + "/health-checks"
    # the open check's count of answers and of members: two more than any list
    with django_assert_max_num_queries(12):
        response = client.get(url, **bearer(read_secret))
    assert response.status_code == 200
    shown, withheld, still_open = response.json()["results"]
    assert [shown["id"], withheld["id"], still_open["id"]] == [
        str(check.public_id) for check in (published, too_few, current)
    ]
    assert shown["withheld"] is None
    assert shown["answers"] == 5
    assert shown["weakest"] == "trust"
    trust = next(row for row in shown["results"] if row["condition"] == "trust")
    assert trust["answers_on_level"] == [1, 1, 1, 1, 1]
    assert trust["mean"] == 3.0
    assert [row["condition"] for row in shown["results"]] == [
        "time_access",
        "trust",
        "shared_vision",
        "structure",
        "safety",
        "depth",
    ]

    assert withheld["withheld"] == "too_few_answers"
    assert withheld["results"] is None
    assert withheld["weakest"] is None
    assert "2; 4" in withheld["message"]

    assert still_open["withheld"] == "open"
    assert still_open["results"] is None
    assert still_open["answers"] == 2  # so far, as the page says
    assert still_open["members"] == 2
    assert "Hidden while open" not in response.content.decode()


@pytest.mark.django_db
def test_health_comments_go_to_members_only(client, world, read_secret):
    published, too_few, _current = _checks(world)
    base = G.format(world.group.public_id) + "/health-checks/"
    member = client.get(f"{base}{published.public_id}", **bearer(read_secret)).json()
    assert member["comments"] == ["Zephyr comment"]
    overseer = client.get(f"{base}{published.public_id}", **bearer(_secret(world.admin)))
    assert overseer.status_code == 200
    assert overseer.json()["comments"] is None
    assert overseer.json()["results"] is not None
    below = client.get(f"{base}{too_few.public_id}", **bearer(read_secret)).json()
    assert below["comments"] is None
    assert below["results"] is None


# The learning record -----------------------------------------------------------------


@pytest.mark.django_db
def test_my_logged_learning_and_only_mine(client, world, read_secret):
    mine = make_activity(world)
    older = make_activity(world, done_on=LAST_YEAR_DAY - timedelta(days=366), note="Older")
    recognition_services.learning_activity_add(
        user=world.facilitator,
        kind="course",
        done_on=LAST_YEAR_DAY,
        minutes=60,
        note="Not the member's",
    )
    listed = client.get("/api/v1/me/learning-activities", **bearer(read_secret)).json()
    assert [row["id"] for row in listed["results"]] == [str(mine.public_id), str(older.public_id)]
    assert listed["results"][0]["hours"] == 1.5
    assert listed["results"][0]["group"]["name"] == world.group.name
    year = LAST_YEAR_DAY.year
    this_year = client.get(
        f"/api/v1/me/learning-activities?year={year}", **bearer(read_secret)
    ).json()
    assert [row["id"] for row in this_year["results"]] == [str(mine.public_id)]
    one = client.get(f"/api/v1/me/learning-activities/{mine.public_id}", **bearer(read_secret))
    assert one.json()["note"] == "Reading on structured literacy"
    theirs = client.get(
        f"/api/v1/me/learning-activities/{mine.public_id}", **bearer(_secret(world.facilitator))
    )
    assert theirs.status_code == 404


@pytest.mark.django_db
def test_my_certificates_as_the_record_shows_them(client, world, read_secret):
    make_activity(world)
    asked = make_certificate(world)
    response = client.get(f"/api/v1/me/certificates/{asked.public_id}", **bearer(read_secret))
    assert response.status_code == 200
    found = response.json()
    assert found["status"] == "requested"
    assert found["code"] is None
    assert found["asked"] == {
        "meetings": 0,
        "meeting_hours": 0.0,
        "activities": 1,
        "activity_hours": 1.5,
    }
    confirmed = recognition_services.certificate_confirm(
        certificate=asked,
        by=world.facilitator,
        activity_ids=set(world.member.learning_activities.values_list("pk", flat=True)),
    )
    listed = client.get("/api/v1/me/certificates", **bearer(read_secret)).json()["results"]
    assert [row["id"] for row in listed] == [str(confirmed.public_id)]
    found = listed[0]
    assert found["status"] == "confirmed"
    assert found["code"] == confirmed.code
    assert found["hours"] == 1.5
    assert found["holder_name"] == world.member.profile.display_name
    assert found["activities"][0]["done_on"] == LAST_YEAR_DAY.isoformat()
    assert found["decided_by"]["id"] == str(world.facilitator.public_id)
    # the facilitator confirms it on its page, but it is not in their API
    facilitator = bearer(_secret(world.facilitator))
    assert client.get("/api/v1/me/certificates", **facilitator).json()["results"] == []
    assert (
        client.get(f"/api/v1/me/certificates/{confirmed.public_id}", **facilitator).status_code
        == 404
    )
