import pytest
from django.urls import reverse

from kahui.groups.models import GroupRole
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.programmes import services
from kahui.programmes.models import Phase, Programme
from tests.conftest import make_org, make_user
from tests.programmes.factories import make_programme

pytestmark = pytest.mark.django_db


def _url(name, programme, *args):
    return reverse(f"programmes:{name}", args=[programme.public_id, *args])


def test_participants_see_the_kickoff_but_not_the_programme(client, world):
    programme = make_programme(world)
    programme.groups.get().memberships.create(user=world.member, role=GroupRole.MEMBER)
    client.force_login(world.member)
    assert client.get(_url("kickoff", programme)).status_code == 200
    assert client.get(_url("detail", programme)).status_code == 404
    assert client.get(_url("proposal", programme)).status_code == 404
    response = client.post(_url("kickoff_answer", programme), {"task": 1, "text": "Calm, focused"})
    assert response.status_code == 302
    page = client.get(_url("kickoff", programme)).text
    assert "Calm, focused" in page
    assert "Mere Member" in page


def test_coaches_see_the_programme_but_do_not_run_it(client, world):
    programme = make_programme(world)
    coach = programme.coaches.get()
    client.force_login(coach)
    assert client.get(_url("detail", programme)).status_code == 200
    assert client.get(_url("edit", programme)).status_code == 403
    assert client.post(_url("phase", programme), {"phase": "running"}).status_code == 403


def test_a_partner_and_its_cluster_run_the_programme(client, world):
    region = make_org("Other Cluster", kind="cluster")
    college = make_org("Rimu College", parent=region)
    head = make_user("head@rimu.example", organisation=college)
    OrgMembership.objects.create(organisation=college, user=head, role=OrgRole.ADMIN)
    lead_of_region = make_user("co@region.example", organisation=region)
    OrgMembership.objects.create(organisation=region, user=lead_of_region, role=OrgRole.COORDINATOR)
    programme = make_programme(world)
    programme.partners.add(college)
    for person in (head, lead_of_region):
        client.force_login(person)
        assert client.get(_url("edit", programme)).status_code == 200


def test_the_programme_page_shows_phases_groups_and_coaches(client, world):
    programme = make_programme(world)
    client.force_login(world.coordinator)
    page = client.get(_url("detail", programme)).text
    assert 'aria-current="step">Kick-off' in page
    assert "Junior readers" in page
    assert "Kiri Coach" in page
    # those who run it reach its dashboard and reports; a facilitator who sees it does not
    dashboard = reverse("oversight:programme_dashboard", args=[programme.public_id])
    assert dashboard in page
    assert client.get(dashboard).status_code == 200
    client.force_login(world.facilitator)
    assert dashboard not in client.get(_url("detail", programme)).text
    client.force_login(world.coordinator)
    response = client.post(_url("phase", programme), {"phase": "running"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.phase == Phase.RUNNING
    page = client.get(_url("detail", programme)).text
    assert "Kick-off → Running" in page
    client.post(_url("hand_over", programme))
    programme.refresh_from_db()
    assert programme.phase == Phase.INDEPENDENT


def test_setting_up_from_the_organisation_page(client, world):
    client.force_login(world.admin)
    page = client.get(reverse("orgs:detail", args=[world.school.slug])).text
    assert reverse("programmes:create") + "?organisation=kowhai-primary" in page
    response = client.post(
        reverse("programmes:create"),
        {"organisation": world.school.pk, "name": "Reading together", "partnership": "single"},
    )
    programme = Programme.objects.get()
    assert response["Location"] == _url("intake", programme)
    response = client.post(
        _url("intake", programme),
        {"wishes": "Learn from each other", "aim": "Reading", "hours_per_term": "oops"},
    )
    assert response.status_code == 400
    assert "Learn from each other" in response.text  # nothing typed is lost
    client.post(_url("intake", programme), {"wishes": "Learn from each other", "hours_per_term": 6})
    assert programme.intake.hours_per_term == 6
    page = client.get(reverse("orgs:detail", args=[world.school.slug])).text
    assert "Reading together" in page


def test_writing_a_version_with_the_form(client, world):
    programme = make_programme(world, generate=False)
    client.force_login(world.admin)
    form = client.get(_url("version_new", programme))
    assert "Junior readers" in form.text  # starts from the current version
    data = {
        "groups-TOTAL_FORMS": "2",
        "groups-INITIAL_FORMS": "0",
        "groups-0-name": "Juniors",
        "groups-0-focus": "Phonics",
        "groups-0-frequency": "monthly",
        "groups-0-meeting_minutes": "45",
        "groups-0-facilitators": [world.facilitator.pk],
        "groups-0-participants": [world.member.pk, world.colleague.pk],
        "groups-1-name": "Seniors",
        "groups-1-focus": "Writing",
        "groups-1-frequency": "monthly",
        "groups-1-meeting_minutes": "45",
        "groups-1-facilitators": [],
        "note": "Split in two",
    }
    refused = client.post(_url("version_new", programme), data)
    assert refused.status_code == 400
    assert "Seniors" in refused.text
    added = client.post(_url("version_new", programme), {**data, "add": "1"})
    assert added.status_code == 200
    assert 'name="groups-2-name"' in added.text
    data["groups-1-facilitators"] = [world.colleague.pk]
    response = client.post(_url("version_new", programme), data)
    assert response.status_code == 302
    version = programme.current_version()
    assert version.number == 2
    assert [g.name for g in version.planned_groups.all()] == ["Juniors", "Seniors"]
    page = client.get(_url("proposal", programme)).text
    assert "Changes since version 1" in page
    assert "Group added: Seniors" in page
    client.post(_url("comment", programme), {"text": "Looks right"})
    client.post(_url("agree", programme), {"organisation": world.school.pk})
    client.post(_url("generate", programme))
    assert programme.groups.count() == 2


def test_only_admins_agree(client, world):
    programme = make_programme(world, generate=False)
    client.force_login(world.coordinator)  # runs it, but administers none of its schools
    assert "Agree to this version" not in client.get(_url("proposal", programme)).text
    client.post(_url("agree", programme), {"organisation": world.school.pk})
    assert not programme.current_version().agreements.exists()


def test_every_page_links_to_the_programmes(client, world):
    make_programme(world)
    link = f'href="{reverse("programmes:list")}"'
    client.force_login(world.facilitator)
    assert link in client.get(reverse("groups:mine")).text
    assert "Reading together" in client.get(reverse("programmes:list")).text
    client.force_login(world.colleague)
    assert "Reading together" not in client.get(reverse("programmes:list")).text


def test_list_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    for number in range(4):
        programme = services.programme_create(
            by=world.admin, organisation=world.school, name=f"Programme {number}"
        )
        programme.partners.add(world.cluster)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("programmes:list"))
    assert response.text.count("Programme ") >= 4


def test_schedule_and_circle_through_the_pages(client, world):
    programme = make_programme(world)
    client.force_login(world.admin)
    refused = client.post(_url("kickoff_schedule", programme), {"day": "2027-03-01"})
    assert refused.status_code == 400
    response = client.post(
        _url("kickoff_schedule", programme),
        {"day": "2027-03-01", "start": "15:30", "link": "https://meet.example/kick"},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.kickoff.link == "https://meet.example/kick"
    response = client.post(_url("circle_new", programme), {"name": "Facilitators' circle"})
    circle = programme.circles.get()
    assert response["Location"] == reverse("groups:home", args=[circle.public_id])
    assert "Facilitators&#x27; circle" in client.get(_url("detail", programme)).text
