"""Typed focus areas: checked and tidied, kept with their group or person as proposals
until an organisation's coordinators or administrators accept, rename, merge or
decline them on the organisation's review page."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from kahui.accounts.services import focus_area_for_name, profile_update
from kahui.core import focus_areas
from kahui.core.errors import Conflict, KahuiError
from kahui.core.models import ActivityEntry, FocusArea, FocusAreaStatus
from kahui.library import services as library_services
from kahui.orgs import focus_areas as review
from kahui.orgs.activity import FocusAreaActivity
from kahui.orgs.models import OrgMembership, OrgRole
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.django_db

ACCEPTED = FocusAreaStatus.ACCEPTED


def shared(name: str) -> FocusArea:
    return FocusArea.objects.create(name=name, status=ACCEPTED)


def propose(world, name: str, group=None) -> FocusArea:
    """``name`` typed into the focus section of ``group`` (the world's by default)."""
    group = group or world.group
    area = focus_area_for_name(name, by=world.facilitator)
    group.focus_areas.add(area)
    return area


def offered(form, field: str) -> set[str]:
    return {area.name for area in form.fields[field].queryset}


def review_url(org) -> str:
    return reverse("orgs:focus_areas", args=[org.slug])


def school_coordinator(world):
    user = make_user("sc@kowhai.example", "Sina Coordinator", organisation=world.school)
    OrgMembership.objects.create(organisation=world.school, user=user, role=OrgRole.COORDINATOR)
    return user


# ---- what may be typed ------------------------------------------------------------------


def test_typed_focus_areas_are_tidied_and_repeats_dropped():
    assert focus_areas.parse_names("  Oral \t language ,, maths talk, Oral Language ") == [
        "Oral language",
        "maths talk",
    ]
    for fine in ["Te reo Māori", "Reading & writing", "Years 7–8 (intermediate)", "Maths talk!"]:
        assert focus_areas.clean_name(fine) == fine


@pytest.mark.parametrize(
    "typed",
    [
        "<b>Literacy</b>",
        "<script>alert(1)</script>",
        "[Click me](https://evil.example)",
        "**bold claims**",
        "{{ request.user }}",
        "&lt;i&gt;tags",
        "see www.example.org",
        "https://example.org/literacy",
        "Oral\u200blanguage",  # an invisible character
        "x",
        "1234",
        "—",
        "A" * 81,
    ],
)
def test_markup_links_and_non_words_are_refused(typed):
    with pytest.raises(ValidationError):
        focus_areas.clean_name(typed)
    with pytest.raises(KahuiError):
        focus_area_for_name(typed)
    assert not FocusArea.objects.exists()


def test_the_wizard_refuses_markup_and_keeps_what_was_typed(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:create"),
        {
            "name": "Number talks",
            "purpose": "Talk maths",
            "new_focus_areas": "Number sense, <img src=x onerror=alert(1)>",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "looks like markup or a link" in page
    assert 'value="Number sense, &lt;img src=x onerror=alert(1)&gt;"' in page
    assert not FocusArea.objects.exists()


def test_the_profile_refuses_overlong_interests(client, world):
    client.force_login(world.member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Mere",
            "role": "teacher",
            "time_zone": "Pacific/Auckland",
            "language": "en",
            "new_interests": "Oral language, " + "very " * 20 + "long",
        },
    )
    assert response.status_code == 200
    assert "Keep each focus area to 80 characters" in response.content.decode()
    assert not FocusArea.objects.exists()


# ---- a proposal stays with whoever typed it ------------------------------------------------


def test_a_focus_area_typed_in_the_wizard_stays_with_its_group(client, world):
    shared("Oral language")
    client.force_login(world.facilitator)
    response = client.post(
        reverse("groups:create"),
        {"name": "Number talks", "purpose": "Talk maths", "new_focus_areas": "Maths  talk moves"},
    )
    assert response.status_code == 302
    area = FocusArea.objects.get(name="Maths talk moves")
    assert area.status == FocusAreaStatus.PROPOSED
    assert area.proposed_by == world.facilitator
    assert area.proposed_at is not None

    # Nobody else is offered it: not in the wizard, not on a profile, not in the library.
    client.force_login(world.colleague)
    wizard = client.get(reverse("groups:create")).context["form"]
    assert offered(wizard, "focus_areas") == {"Oral language"}
    profile = client.get(reverse("accounts:profile")).context["form"]
    assert offered(profile, "interests") == {"Oral language"}
    client.force_login(world.member)
    tags = client.get(reverse("library:add", args=[world.group.public_id])).context["form"]
    assert offered(tags, "focus_areas") == {"Oral language"}


def test_the_group_and_the_person_keep_seeing_their_own(client, world):
    area = propose(world, "Maths talk moves")
    client.force_login(world.facilitator)
    edit = client.get(reverse("groups:edit", args=[world.group.public_id, "focus"]))
    assert offered(edit.context["form"], "focus_areas") == {"Maths talk moves"}
    assert area in edit.context["form"].initial["focus_areas"]
    assert (
        "Maths talk moves"
        in client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    )
    client.force_login(world.member)
    tags = client.get(reverse("library:add", args=[world.group.public_id])).context["form"]
    assert offered(tags, "focus_areas") == {"Maths talk moves"}

    profile_update(profile=world.member.profile, new_interests=["Outdoor learning"])
    form = client.get(reverse("accounts:profile")).context["form"]
    assert offered(form, "interests") == {"Outdoor learning"}
    person = client.get(reverse("people:person", args=[world.member.public_id]))
    assert "Outdoor learning" in person.content.decode()


def test_explore_offers_a_typed_area_only_once_accepted(client, world):
    area = propose(world, "Maths talk moves")
    client.force_login(world.colleague)
    explore = client.get(reverse("groups:explore")).context["form"]
    assert offered(explore, "focus") == set()
    # A hand-written filter for it finds nothing to filter by.
    response = client.get(reverse("groups:explore"), {"focus": area.slug})
    assert response.status_code == 200
    assert not response.context["form"].is_valid()

    review.focus_area_accept(area=area, organisation=world.school, by=world.admin)
    explore = client.get(reverse("groups:explore")).context["form"]
    assert offered(explore, "focus") == {"Maths talk moves"}
    wizard = client.get(reverse("groups:create")).context["form"]
    assert offered(wizard, "focus_areas") == {"Maths talk moves"}


def test_areas_from_before_reviews_are_accepted_by_the_data_migration(world):
    older = FocusArea.objects.create(name="Structured literacy")
    assert older.status == FocusAreaStatus.PROPOSED  # what a new row is without a review
    migration = importlib.import_module("kahui.core.migrations.0007_accept_existing_focus_areas")
    migration.accept_existing(apps, None)
    older.refresh_from_db()
    assert older.status == ACCEPTED


# ---- the review ---------------------------------------------------------------------------


def test_the_review_page_lists_this_organisations_proposals_only(client, world):
    propose(world, "Maths talk moves")
    profile_update(profile=world.member.profile, new_interests=["Outdoor learning"])
    elsewhere = make_group(world.outsider, name="Their group", organisation=world.other_school)
    propose(world, "Kapa haka", group=elsewhere)
    shared("Oral language")

    client.force_login(world.admin)
    page = client.get(review_url(world.school))
    assert page.status_code == 200
    names = [area.name for area, _form in page.context["rows"]]
    assert names == ["Maths talk moves", "Outdoor learning"]
    text = page.content.decode()
    assert "Structured literacy Y0-3" in text
    assert "listed by 1 person here" in text
    assert "Their group" not in text

    detail = client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()
    assert review_url(world.school) in detail
    client.force_login(world.member)
    detail = client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()
    assert review_url(world.school) not in detail


def test_the_cluster_reviews_its_schools_proposals(client, world):
    area = propose(world, "Maths talk moves")
    client.force_login(world.coordinator)
    page = client.get(review_url(world.cluster))
    assert [a.name for a, _form in page.context["rows"]] == ["Maths talk moves"]
    response = client.post(
        review_url(world.cluster), {"area": area.slug, f"{area.slug}-decision": "accept"}
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.status == ACCEPTED
    entry = ActivityEntry.objects.get(action=FocusAreaActivity.ACCEPTED)
    assert (entry.organisation, entry.actor, entry.target) == (
        world.cluster,
        world.coordinator,
        "Maths talk moves",
    )


def test_only_coordinators_and_admins_of_the_organisation_decide(client, world):
    area = propose(world, "Maths talk moves")
    post = {"area": area.slug, f"{area.slug}-decision": "accept"}
    client.force_login(world.member)
    assert client.post(review_url(world.school), post).status_code == 403
    client.force_login(world.outsider)  # an administrator, of another school
    assert client.post(review_url(world.school), post).status_code == 404
    assert client.post(review_url(world.other_school), post).status_code == 404
    with pytest.raises(KahuiError):
        review.focus_area_accept(area=area, organisation=world.other_school, by=world.outsider)
    with pytest.raises(KahuiError):
        review.focus_area_accept(area=area, organisation=world.school, by=world.member)
    area.refresh_from_db()
    assert area.status == FocusAreaStatus.PROPOSED

    client.force_login(school_coordinator(world))
    assert client.get(review_url(world.school)).status_code == 200
    assert client.post(review_url(world.school), post).status_code == 302
    area.refresh_from_db()
    assert area.status == ACCEPTED


def decide(client, org, area, **fields):
    data = {"area": area.slug, **{f"{area.slug}-{key}": value for key, value in fields.items()}}
    return client.post(review_url(org), data, follow=True)


def told(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_accept_under_a_new_name(client, world):
    area = propose(world, "maths tlak")
    client.force_login(world.admin)
    response = decide(client, world.school, area, decision="rename", name="  Maths   talk ")
    assert told(response) == ["“maths tlak” is in the shared list now, as “Maths talk”."]
    area.refresh_from_db()
    assert (area.name, area.slug, area.status) == ("Maths talk", "maths-talk", ACCEPTED)
    assert list(world.group.focus_areas.all()) == [area]
    entry = ActivityEntry.objects.get(action=FocusAreaActivity.RENAMED)
    assert entry.organisation == world.school
    assert entry.changes["name"]["from"] == "maths tlak"
    assert entry.changes["name"]["to"] == "Maths talk"


def test_a_bad_new_name_is_refused_and_kept_in_the_form(client, world):
    area = propose(world, "maths tlak")
    shared("Maths talk")
    client.force_login(world.admin)
    response = client.post(
        review_url(world.school),
        {"area": area.slug, f"{area.slug}-decision": "rename", f"{area.slug}-name": "<b>Maths"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "looks like markup" in page
    assert 'value="&lt;b&gt;Maths"' in page
    response = client.post(
        review_url(world.school),
        {"area": area.slug, f"{area.slug}-decision": "rename", f"{area.slug}-name": "MATHS TALK"},
    )
    assert response.status_code == 400
    assert "merge into it instead" in response.content.decode()
    for missing in ({"decision": "rename", "name": ""}, {"decision": "merge"}, {}):
        data = {"area": area.slug, **{f"{area.slug}-{k}": v for k, v in missing.items()}}
        assert client.post(review_url(world.school), data).status_code == 400
    area.refresh_from_db()
    assert area.status == FocusAreaStatus.PROPOSED
    assert not ActivityEntry.objects.filter(action__in=FocusAreaActivity.values).exists()


def test_merge_into_an_area_of_the_shared_list(client, world):
    area = propose(world, "Maths conversations")
    maths = shared("Maths talk")
    other = make_group(world.colleague, name="Number sense", organisation=world.school)
    other.focus_areas.add(area, maths)
    profile_update(profile=world.member.profile, new_interests=["Maths conversations"])
    resource = library_services.resource_add(
        group=world.group,
        by=world.member,
        kind="note",
        title="Talk moves",
        body="Revoicing.",
        focus_areas=[area],
    )
    client.force_login(world.admin)
    response = decide(client, world.school, area, decision="merge", into=maths.slug)
    assert told(response) == ["“Maths conversations” was merged into “Maths talk”."]
    assert not FocusArea.objects.filter(name="Maths conversations").exists()
    assert list(world.group.focus_areas.all()) == [maths]
    assert list(other.focus_areas.all()) == [maths]
    assert list(world.member.profile.interests.all()) == [maths]
    assert list(resource.focus_areas.all()) == [maths]
    entry = ActivityEntry.objects.get(action=FocusAreaActivity.MERGED)
    assert entry.changes["merged_into"]["to"] == "Maths talk"
    # Only areas of the shared list are offered to merge into.
    proposal = propose(world, "Whatever else")
    with pytest.raises(KahuiError):
        review.focus_area_merge(
            area=proposal, organisation=world.school, by=world.admin, into=proposal
        )


def test_a_declined_area_stays_with_its_group_and_leaves_the_queue(client, world):
    area = propose(world, "Our own thing")
    client.force_login(world.admin)
    response = decide(client, world.school, area, decision="decline")
    assert "stays out of the shared list" in told(response)[0]
    area.refresh_from_db()
    assert area.status == FocusAreaStatus.DECLINED
    assert area in world.group.focus_areas.all()
    assert client.get(review_url(world.school)).context["rows"] == []
    assert ActivityEntry.objects.filter(action=FocusAreaActivity.DECLINED).count() == 1
    client.force_login(world.colleague)
    wizard = client.get(reverse("groups:create")).context["form"]
    assert offered(wizard, "focus_areas") == set()
    client.force_login(world.facilitator)
    edit = client.get(reverse("groups:edit", args=[world.group.public_id, "focus"]))
    assert offered(edit.context["form"], "focus_areas") == {"Our own thing"}


def test_a_second_decision_on_the_same_proposal_is_told_it_was_reviewed(client, world):
    area = propose(world, "Maths talk moves")
    client.force_login(world.admin)
    decide(client, world.school, area, decision="accept")
    response = decide(client, world.school, area, decision="decline")
    assert told(response) == ["That focus area was already reviewed."]
    area.refresh_from_db()
    assert area.status == ACCEPTED
    with pytest.raises(Conflict):
        review.focus_area_decline(area=area, organisation=world.school, by=world.admin)
    assert ActivityEntry.objects.filter(action__in=FocusAreaActivity.values).count() == 1


def test_the_review_page_query_count(client, world, django_assert_max_num_queries):
    for n in range(3):
        shared(f"Shared {n}")
    for n in range(15):
        group = make_group(world.facilitator, name=f"Group {n}", organisation=world.school)
        propose(world, f"Proposal {n}", group=group)
        propose(world, f"Proposal {n}")
    client.force_login(world.admin)
    with django_assert_max_num_queries(7):
        page = client.get(review_url(world.school))
    assert len(page.context["rows"]) == 15
    assert "Group 14" in page.content.decode()


def test_the_demo_has_proposals_to_review(client, settings):
    from io import StringIO

    from django.core.management import call_command

    from kahui.demo.data.people import FOCUS_AREAS

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    call_command("seed_demo", stdout=StringIO())
    assert FocusArea.objects.accepted().count() == len(FOCUS_AREAS)
    proposals = FocusArea.objects.proposed()
    assert set(proposals.values_list("name", flat=True)) == {"Decodable texts", "Outdoor learning"}
    school = FocusArea.objects.get(name="Decodable texts").groups.get().organisation
    admin = OrgMembership.objects.filter(organisation=school, role=OrgRole.ADMIN).first()
    client.force_login(admin.user)
    page = client.get(review_url(school))
    assert {area.name for area, _form in page.context["rows"]} == {
        "Decodable texts",
        "Outdoor learning",
    }
