"""The retrospective at the end of an inquiry round: when it opens, what it records,
who reads and writes it, and where the group goes from it to make a change."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import InquiryCycle
from kahui.proposals.models import DecisionRules, WhoProposes
from kahui.retrospective import services
from kahui.retrospective.models import AreaChoice, Choice, Retrospective
from tests.inquiry.test_pages import move_to, start

pytestmark = pytest.mark.django_db

KEEP_ALL = {
    "goals": "keep",
    "agreements": "keep",
    "cadence": "keep",
    "format": "keep",
    "membership": "keep",
}


def page_url(world, cycle) -> str:
    return reverse("retrospective:page", args=[world.group.public_id, cycle.public_id])


def test_it_opens_at_the_last_stage_only(client, world):
    cycle = start(world)
    client.force_login(world.member)
    page = client.get(page_url(world, cycle))
    assert page.status_code == 200
    assert "opens when the round reaches its last stage" in page.text
    assert "<textarea" not in page.text
    refused = client.post(page_url(world, cycle), {**KEEP_ALL, "worked": "Trust"})
    assert refused.status_code == 302
    assert not Retrospective.objects.exists()
    with pytest.raises(KahuiError):
        services.retrospective_save(
            cycle=cycle, by=world.member, worked="", hindered="", choices={}
        )
    # Nor is it offered on the cycle's page before then.
    cycle_page = client.get(reverse("inquiry:home", args=[world.group.public_id])).text
    assert page_url(world, cycle) not in cycle_page


def test_a_member_writes_it_and_every_change_is_recorded(client, world):
    cycle = move_to(world, start(world), "reflect")
    client.force_login(world.member)
    home = client.get(reverse("inquiry:home", args=[world.group.public_id])).text
    assert "Hold the retrospective" in home
    assert page_url(world, cycle) in home
    response = client.post(
        page_url(world, cycle),
        {
            **KEEP_ALL,
            "worked": "Sharing videos of our lessons",
            "hindered": "Meetings after sport practice",
            "cadence": "change",
            "cadence_note": "Meet fortnightly on Tuesdays at 3:30",
        },
    )
    assert response.status_code == 302
    retro = Retrospective.objects.get()
    assert (retro.cycle, retro.saved_by, retro.worked) == (
        cycle,
        world.member,
        "Sharing videos of our lessons",
    )
    chosen = {row.area: (row.choice, row.note) for row in AreaChoice.objects.all()}
    assert chosen["cadence"] == ("change", "Meet fortnightly on Tuesdays at 3:30")
    assert chosen["goals"] == ("keep", "")
    saved = ActivityEntry.objects.get(action="retrospective.saved")
    assert saved.actor == world.member
    assert "cadence" in saved.changes
    # The facilitator changes it again: only what changed is recorded.
    client.force_login(world.facilitator)
    client.post(
        page_url(world, cycle),
        {
            **KEEP_ALL,
            "worked": "Sharing videos of our lessons",
            "hindered": "Meetings after sport practice",
            "cadence": "change",
            "cadence_note": "Meet fortnightly on Tuesdays at 3:30",
            "membership": "change",
            "membership_note": "Invite the new entrant teachers",
        },
    )
    changed = ActivityEntry.objects.get(action="retrospective.changed")
    assert set(changed.changes) == {"membership"}
    assert changed.changes["membership"]["to"].endswith("Invite the new entrant teachers")
    # The round's pages show what the group will change.
    move = client.get(reverse("inquiry:move", args=[world.group.public_id, cycle.public_id]))
    assert "Invite the new entrant teachers" in move.text


def test_a_change_without_saying_what_is_refused_and_loses_nothing(client, world):
    cycle = move_to(world, start(world), "reflect")
    client.force_login(world.member)
    response = client.post(
        page_url(world, cycle), {**KEEP_ALL, "worked": "Our protocol", "goals": "change"}
    )
    assert response.status_code == 400
    assert "Say what you will change" in response.text
    assert "Our protocol" in response.text
    assert not Retrospective.objects.exists()


def test_the_ways_to_change_follow_who_may_do_what(client, world):
    cycle = move_to(world, start(world), "reflect")
    group = world.group
    new_proposal = reverse("proposals:new", args=[group.public_id])
    edit_goals = reverse("groups:edit", args=[group.public_id, "goals"])
    client.force_login(world.member)
    page = client.get(page_url(world, cycle)).text
    assert f"{new_proposal}?kind=goal" in page
    assert edit_goals not in page
    client.force_login(world.facilitator)
    page = client.get(page_url(world, cycle)).text
    assert edit_goals in page
    assert reverse("groups:edit", args=[group.public_id, "structure"]) in page
    # A group where only facilitators propose offers members no proposal.
    DecisionRules.objects.create(group=group, who_proposes=WhoProposes.FACILITATORS)
    client.force_login(world.member)
    assert new_proposal not in client.get(page_url(world, cycle)).text


def test_it_is_the_members_alone(client, world):
    cycle = move_to(world, start(world), "reflect")
    services.retrospective_save(
        cycle=cycle,
        by=world.member,
        worked="A private lesson we shared",
        hindered="",
        choices={"goals": (Choice.KEEP, "")},
    )
    for who in (world.coordinator, world.admin, world.outsider, world.colleague):
        client.force_login(who)
        response = client.get(page_url(world, cycle))
        assert response.status_code in (403, 404)
        assert "A private lesson we shared" not in response.text
        with pytest.raises(NotAllowed):
            services.retrospective_save(cycle=cycle, by=who, worked="x", hindered="", choices={})
    # The group's history says it was held, without its words, to overseers.
    client.force_login(world.coordinator)
    history = client.get(reverse("groups:history", args=[world.group.public_id]))
    assert "retrospective" in history.text
    assert "A private lesson we shared" not in history.text


def test_after_the_round_it_stays_as_it_was(client, world):
    cycle = move_to(world, start(world), "reflect")
    services.retrospective_save(
        cycle=cycle,
        by=world.member,
        worked="Trust",
        hindered="Time",
        choices={"format": (Choice.CHANGE, "Meet online in winter")},
    )
    inquiry_services.cycle_next(
        cycle=cycle,
        by=world.facilitator,
        expected_stage="reflect",
        question="And spelling?",
        goals=[],
        model="he_pikorua",
    )
    cycle = InquiryCycle.objects.get(pk=cycle.pk)
    client.force_login(world.member)
    page = client.get(page_url(world, cycle))
    assert "Meet online in winter" in page.text
    assert "<textarea" not in page.text
    client.post(page_url(world, cycle), {**KEEP_ALL, "worked": "Changed"})
    assert Retrospective.objects.get().worked == "Trust"
    past = client.get(reverse("inquiry:cycle", args=[world.group.public_id, cycle.public_id]))
    assert "Meet online in winter" in past.text


def test_the_page_takes_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    cycle = move_to(world, start(world), "reflect")
    services.retrospective_save(
        cycle=cycle,
        by=world.member,
        worked="Trust",
        hindered="",
        choices={area: (Choice.CHANGE, f"Change {area}") for area in KEEP_ALL},
    )
    client.force_login(world.facilitator)
    with django_assert_max_num_queries(14):
        response = client.get(page_url(world, cycle))
    assert response.status_code == 200
