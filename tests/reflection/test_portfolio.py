"""The portfolio: the member chooses what goes in, tags standards, and exports a PDF."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kahui.inquiry import services as inquiry_services
from kahui.library import services as library_services
from kahui.recognition import services as recognition_services
from kahui.reflection.models import PortfolioItem
from kahui.reflection.selectors import portfolio_of
from tests.recognition.helpers import held_meeting
from tests.reflection.helpers import second_member, write

pytestmark = pytest.mark.django_db

AUCKLAND = ZoneInfo("Pacific/Auckland")


@pytest.fixture
def evidence(world, time_machine):
    time_machine.move_to(datetime(2026, 9, 14, 10, 0, tzinfo=AUCKLAND))
    held_meeting(
        world, starts=datetime(2026, 5, 4, 15, 30, tzinfo=AUCKLAND), attended=[world.member]
    )
    held_meeting(
        world,
        starts=datetime(2026, 6, 1, 15, 30, tzinfo=AUCKLAND),
        attended=[world.member],
        minutes=30,
    )
    cycle = inquiry_services.cycle_start(
        group=world.group, by=world.facilitator, question="What helps our readers?", goals=[]
    )
    inquiry_services.stage_record_save(
        cycle=cycle,
        stage=cycle.stage_key,
        by=world.member,
        values={"strengths": "Our learners love oral storytelling"},
        version=0,
        led_by=world.member,
    )
    return {
        "chosen": write(world, title="How small groups changed my mornings", body="Grouping"),
        "left_out": write(world, title="A note I keep to myself", body="Not for appraisal"),
        "resource": library_services.resource_add(
            group=world.group,
            by=world.member,
            kind="link",
            title="Decodable text list",
            url="https://example.org/decodables",
        ),
        "kudos": recognition_services.kudos_give(
            group=world.group, by=world.facilitator, receiver=world.member, text="Superb modelling"
        ),
    }


def _choose(client, world, **standards):
    found = portfolio_of(world.member)
    data = {"include": [], **{f"standard-{key}": value for key, value in standards.items()}}
    data["include"] = list(standards)
    client.force_login(world.member)
    return client.post(reverse("reflection:portfolio"), data), found


def test_the_member_chooses_items_and_standards(client, world, evidence):
    found = portfolio_of(world.member)
    keys = {kind: [item.key for item in items] for kind, items in found.candidates.items() if items}
    assert set(keys) == {"entry", "resource", "stage", "kudos"}
    entry_key = f"entry-{evidence['chosen'].pk}"
    stage_key = keys["stage"][0]
    response, _ = _choose(client, world, **{entry_key: "learning", stage_key: "design"})
    assert response.status_code == 302
    assert {(i.kind, i.standard) for i in PortfolioItem.objects.all()} == {
        ("entry", "learning"),
        ("stage", "design"),
    }
    # choosing again keeps exactly the new choice
    _choose(client, world, **{entry_key: "teaching"})
    assert list(PortfolioItem.objects.values_list("kind", "standard")) == [("entry", "teaching")]


def test_nobody_can_put_someone_elses_things_in_their_portfolio(client, world, evidence):
    peer = second_member(world)
    client.force_login(peer)
    client.post(
        reverse("reflection:portfolio"),
        {"include": [f"entry-{evidence['chosen'].pk}"]},
    )
    assert not PortfolioItem.objects.exists()


def test_the_pdf_holds_the_name_hours_and_chosen_items(client, world, evidence):
    found = portfolio_of(world.member)
    stage_key = found.candidates["stage"][0].key
    _choose(
        client,
        world,
        **{
            f"entry-{evidence['chosen'].pk}": "learning",
            f"resource-{evidence['resource'].pk}": "design",
            f"kudos-{evidence['kudos'].pk}": "",
            stage_key: "culture",
        },
    )
    response = client.post(reverse("reflection:portfolio_pdf"), {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "Mere Member" in flat
    assert "1.50 hours" in flat  # an hour and half an hour of meetings
    assert "2 meetings" in flat
    assert "How small groups changed my mornings" in flat
    assert "Decodable text list" in flat
    assert "Superb modelling" in flat
    assert "oral storytelling" in flat
    assert "Growing my practice through professional learning" in flat
    assert "A note I keep to myself" not in flat


def test_the_portfolio_is_its_owners_alone(client, world, evidence):
    for someone in (world.facilitator, world.coordinator, world.admin):
        client.force_login(someone)
        page = client.get(reverse("reflection:portfolio")).content.decode()
        assert "How small groups changed my mornings" not in page


def test_the_portfolio_page_asks_few_queries(
    client, world, evidence, django_assert_max_num_queries
):
    for n in range(20):
        write(world, title=f"Entry {n}")
    client.force_login(world.member)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reflection:portfolio"))
    assert response.status_code == 200
    assert "Entry 19" in response.content.decode()
