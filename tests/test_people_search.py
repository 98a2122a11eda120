"""People search: colleagues of one's organisations and clusters, found by what their
profiles say; never an email address, never someone who hides from search."""

import pytest
from django.urls import reverse

from kahui.accounts.models import Profile
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.orgs.models import OrgMembership
from tests.conftest import make_user


def search(client, **filters) -> str:
    response = client.get(reverse("people:search"), filters)
    assert response.status_code == 200
    return response.content.decode()


def profile(user, **fields) -> Profile:
    Profile.objects.filter(user=user).update(**fields)
    return Profile.objects.get(user=user)


@pytest.fixture
def oral_language(db):
    return FocusArea.objects.create(
        name="Oral language", slug="oral-language", status=FocusAreaStatus.ACCEPTED
    )


def test_finds_colleagues_of_the_school_but_no_one_else(client, world):
    client.force_login(world.colleague)
    page = search(client)
    for colleague in (world.facilitator, world.member, world.admin):
        assert colleague.display_name in page
        assert reverse("people:person", args=[colleague.public_id]) in page
    assert world.outsider.display_name not in page  # another school
    assert world.coordinator.display_name not in page  # the cluster's, not the school's
    # not oneself (the name is in the account menu, the link to the profile is not)
    assert reverse("people:person", args=[world.colleague.public_id]) not in page
    assert "3 colleagues found" in page


def test_a_cluster_finds_the_people_of_its_schools(client, world):
    client.force_login(world.coordinator)
    page = search(client)
    assert world.member.display_name in page
    assert world.outsider.display_name not in page


def test_the_outsider_finds_no_one_of_the_school(client, world):
    client.force_login(world.outsider)
    page = search(client, q="Mere")
    assert world.member.display_name not in page
    assert "No colleagues match" in page


def test_someone_hidden_from_search_is_never_found(client, world):
    profile(world.member, findable=False)
    client.force_login(world.colleague)
    assert world.member.display_name not in search(client)
    assert world.member.display_name not in search(client, q="Mere")
    # Their profile stays where it was: colleagues still open it.
    response = client.get(reverse("people:person", args=[world.member.public_id]))
    assert response.status_code == 200


def test_no_email_address_is_ever_shown(client, world):
    for user in (world.facilitator, world.member, world.admin):
        profile(user, bio="Reach me at the staffroom, not by email.")
    client.force_login(world.colleague)
    page = search(client)
    assert "@kowhai.example" not in page
    assert "mailto:" not in page
    assert world.member.email not in search(client, q="Mere")


def test_filters_by_interest_year_level_subject_role_and_name(client, world, oral_language):
    profile(world.member, year_levels=["y0-3"], subjects=["english"]).interests.add(oral_language)
    profile(world.facilitator, year_levels=["y4-6"], subjects=["mathematics"], role="leader")
    client.force_login(world.colleague)

    def found(**filters) -> set[str]:
        page = search(client, **filters)
        return {
            user.display_name
            for user in (world.facilitator, world.member, world.admin)
            if user.display_name in page
        }

    assert found(interest="oral-language") == {"Mere Member"}
    assert found(q="oral") == {"Mere Member"}  # words in an interest
    assert found(q="aroha") == {"Aroha Facilitator"}  # words in a name
    assert found(year_level="y4-6") == {"Aroha Facilitator"}
    assert found(subject="english") == {"Mere Member"}
    assert found(role="leader") == {"Aroha Facilitator"}
    assert found(role="teacher", year_level="y0-3") == {"Mere Member"}
    assert found(subject="science") == set()


def test_results_show_profile_fields(client, world, oral_language):
    profile(
        world.member,
        year_levels=["y0-3"],
        subjects=["english"],
        bio="I teach new entrants. " * 20,
    ).interests.add(oral_language)
    client.force_login(world.colleague)
    page = search(client, q="Mere")
    assert "Oral language" in page
    assert "Years 0–3 / groep 1–4" in page
    assert "English" in page
    assert "Teacher / kaiako" in page
    assert "Kōwhai Primary" in page
    assert "I teach new entrants." in page
    assert ("I teach new entrants. " * 20).strip() not in page  # a snippet only


def test_a_bad_filter_says_so_and_the_others_still_apply(client, world):
    client.force_login(world.colleague)
    page = search(client, year_level="y99", q="Mere")
    assert "Select a valid choice" in page
    assert world.member.display_name in page
    assert world.facilitator.display_name not in page


def test_offers_only_focus_areas_someone_findable_holds(client, world, oral_language):
    FocusArea.objects.create(name="Robotics", slug="robotics", status=FocusAreaStatus.ACCEPTED)
    profile(world.member).interests.add(oral_language)
    client.force_login(world.colleague)
    form = client.get(reverse("people:search")).context["form"]
    assert [area.name for area in form.fields["interest"].queryset] == ["Oral language"]


def test_pages_and_query_count_do_not_grow(
    client, world, oral_language, django_assert_max_num_queries
):
    for n in range(30):
        person = make_user(f"t{n}@kowhai.example", f"Teacher {n:02}", organisation=world.school)
        OrgMembership.objects.create(organisation=world.school, user=person)
        person.profile.interests.add(oral_language)
    client.force_login(world.colleague)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("people:search"), {"q": "Teacher"})
    page = response.context["page"]
    assert page.paginator.count == 30
    assert len(page.object_list) == 20
    second = search(client, q="Teacher", page=2)
    assert "Teacher 29" in second
    assert "Teacher 00" not in second


def test_htmx_gets_the_results_only(client, world):
    client.force_login(world.colleague)
    response = client.get(reverse("people:search"), {"q": "Mere"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page
    assert world.member.display_name in page


def test_navigation_leads_to_people_search(client, world):
    client.force_login(world.colleague)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{reverse("people:search")}"' in page


def test_profile_form_lets_people_hide_from_search(client, world):
    client.force_login(world.member)
    form = client.get(reverse("accounts:profile")).context["form"]
    assert "Your email address is never shown" in str(form["findable"].help_text)
    data = {
        "display_name": "Mere Member",
        "role": "teacher",
        "time_zone": "Pacific/Auckland",
        "language": "en",
    }
    response = client.post(reverse("accounts:profile"), data)  # the box left unticked
    assert response.status_code == 302
    assert Profile.objects.get(user=world.member).findable is False
    client.post(reverse("accounts:profile"), {**data, "findable": "on"})
    assert Profile.objects.get(user=world.member).findable is True
