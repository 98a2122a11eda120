"""Recommendations with reasons: who and which groups, why, and who never appears."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from kahui.accounts.services import profile_update
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.groups import services as group_services
from kahui.groups.models import Access, Scope
from kahui.orgs.models import OrgMembership
from kahui.people.models import GroupVector, PersonVector, TextWeights
from kahui.people.recommend import colleagues_for, groups_for
from kahui.people.services import vectors_rebuild
from kahui.scheduling import services as scheduling_services
from kahui.scheduling.slots import week_mask
from tests.conftest import make_group, make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


def area(name: str) -> FocusArea:
    return FocusArea.objects.get_or_create(
        name=name, defaults={"status": FocusAreaStatus.ACCEPTED}
    )[0]


def describe(user, *, interests=(), subjects=(), year_levels=(), bio="", findable=True):
    profile_update(
        profile=user.profile,
        interests=[area(name) for name in interests],
        subjects=list(subjects),
        year_levels=list(year_levels),
        bio=bio,
        findable=findable,
    )


def free(day: int, start: int, end: int) -> int:
    return week_mask([(day, minute) for minute in range(start * 60, end * 60, 30)], 30)


@pytest.fixture
def profiles(world):
    """The member teaches English to juniors; colleagues at the school and beyond."""
    describe(
        world.member,
        interests=["Structured literacy", "Oral language"],
        subjects=["english"],
        year_levels=["y0-3"],
        bio="Phonics and decodable readers with my new entrants.",
    )
    describe(
        world.colleague,
        interests=["Structured literacy"],
        subjects=["mathematics"],
        year_levels=["y0-3"],
        bio="Number sense and phonics for new entrants.",
    )
    describe(world.facilitator, interests=["Oral language"], subjects=["english"])
    # As like the member as can be, but in another school: not someone they may see.
    describe(
        world.outsider,
        interests=["Structured literacy", "Oral language"],
        subjects=["english"],
        year_levels=["y0-3"],
        bio="Phonics and decodable readers with my new entrants.",
    )
    return world


def names(suggestions) -> list[str]:
    return [s.person.display_name if s.person else s.group.name for s in suggestions]


def reasons_of(suggestions, name: str) -> list[str]:
    return next(s.reasons for s in suggestions if name in names([s]))


def test_colleagues_come_with_their_reasons_in_words(profiles, time_machine):
    world = profiles
    # In July, Auckland is UTC+12 and Amsterdam UTC+2.
    time_machine.move_to(datetime(2026, 7, 1, tzinfo=UTC))
    scheduling_services.availability_save(
        user=world.member,
        time_zone="Pacific/Auckland",
        cell_minutes=30,
        yes=free(1, 15, 17),
        if_need_be=0,
    )
    # Tuesday 15:00–17:00 in Auckland is 03:00–05:00 UTC; 03:00–06:00 in Amsterdam is
    # 01:00–04:00 UTC: an hour in common.
    scheduling_services.availability_save(
        user=world.colleague,
        time_zone="Europe/Amsterdam",
        cell_minutes=30,
        yes=free(1, 3, 6),
        if_need_be=0,
    )
    vectors_rebuild()
    suggestions = colleagues_for(world.member)
    assert names(suggestions)[0] == "Colin Colleague"
    assert reasons_of(suggestions, "Colin Colleague") == [
        "You share a focus area: Structured literacy.",
        "You both teach Years 0–3 / groep 1–4.",
        "They teach Mathematics and statistics, which you don't, around an interest you share.",
        "Your usual weeks fit: you are both free at the same times, about 1 hour a week.",
        "Your profiles describe similar work.",
    ]
    assert reasons_of(suggestions, "Aroha Facilitator") == [
        "You share a focus area: Oral language."
    ]


def test_similar_bios_are_a_reason_of_their_own(world):
    describe(
        world.member, bio="Restorative conversations after lunchtime conflict in the playground."
    )
    describe(world.colleague, bio="Restorative conversations and playground conflict at lunchtime.")
    vectors_rebuild()
    assert reasons_of(colleagues_for(world.member), "Colin Colleague") == [
        "Your profiles describe similar work."
    ]


def test_only_colleagues_the_viewer_may_see_who_show_themselves(profiles):
    world = profiles
    describe(world.admin, interests=["Structured literacy"], year_levels=["y0-3"], findable=False)
    departed = make_user("gone@kowhai.example", "Gone Teacher", organisation=world.school)
    OrgMembership.objects.create(organisation=world.school, user=departed)
    describe(departed, interests=["Structured literacy"], year_levels=["y0-3"])
    departed.is_active = False
    departed.save()
    vectors_rebuild()
    shown = names(colleagues_for(world.member, limit=20))
    assert "Colin Colleague" in shown
    assert "Otto Outsider" not in shown  # another organisation
    assert "Ada Admin" not in shown  # hides from search and recommendations
    assert "Gone Teacher" not in shown
    assert "Mere Member" not in shown  # never the viewer
    # The outsider sees no one at the school either.
    assert colleagues_for(world.outsider) == []


def test_groups_they_could_join_but_not_their_own_or_hidden_ones(profiles):
    world = profiles
    literacy = area("Structured literacy")
    open_group = make_group(world.colleague, name="Reading together", organisation=world.school)
    group_services.group_update(
        group=open_group,
        by=world.colleague,
        version=None,
        focus_areas=[literacy],
        year_levels=["y0-3"],
        learning_areas=["english"],
    )
    private = make_group(
        world.colleague, name="Invited readers", organisation=world.school, access=Access.INVITE
    )
    elsewhere = make_group(
        world.outsider, name="Elsewhere readers", organisation=world.other_school
    )
    external = make_group(
        world.outsider,
        name="Readers everywhere",
        organisation=world.other_school,
        scope=Scope.EXTERNAL,
    )
    for group in (private, elsewhere, external, world.group):
        group_services.group_update(
            group=group, by=group.memberships.first().user, version=None, focus_areas=[literacy]
        )
    vectors_rebuild()
    suggestions = groups_for(world.member)
    assert set(names(suggestions)) == {"Reading together", "Readers everywhere"}
    assert reasons_of(suggestions, "Reading together") == [
        "It works on Structured literacy, a focus area of yours.",
        "It is for Years 0–3 / groep 1–4, as you teach.",
        "It covers English, which you teach.",
    ]


def test_nothing_to_say_means_no_suggestion(world):
    vectors_rebuild()
    assert colleagues_for(world.member) == []
    assert groups_for(world.member) == []


def test_a_viewer_without_a_stored_vector_still_gets_suggestions(profiles):
    world = profiles
    vectors_rebuild()
    PersonVector.objects.filter(user=world.member).delete()
    assert "Colin Colleague" in names(colleagues_for(world.member))
    assert not PersonVector.objects.filter(user=world.member).exists()  # reading writes nothing


def test_vectors_of_another_encoder_are_left_out(profiles):
    world = profiles
    vectors_rebuild()
    PersonVector.objects.filter(user=world.colleague).update(encoder="lexical-0")
    assert "Colin Colleague" not in names(colleagues_for(world.member))


@pytest.mark.django_db(transaction=True)
def test_a_changed_profile_or_group_gets_its_vector_again(world):
    # Each change commits and the (immediate) task queue refreshes the vector.
    describe(world.colleague, interests=["Structured literacy"], bio="Phonics.")
    stored = bytes(PersonVector.objects.get(user=world.colleague).data)
    describe(world.colleague, interests=["Oral language"], bio="Phonics.")
    assert bytes(PersonVector.objects.get(user=world.colleague).data) != stored
    before = bytes(GroupVector.objects.get(group=world.group).data)
    group_services.group_update(
        group=world.group, by=world.facilitator, version=None, focus_areas=[area("Oral language")]
    )
    assert bytes(GroupVector.objects.get(group=world.group).data) != before


def test_changes_in_one_transaction_refresh_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        newcomer = make_user("new@kowhai.example", "Nia Newcomer", organisation=world.school)
        describe(newcomer, interests=["Structured literacy"], bio="Phonics.")
        describe(newcomer, interests=["Oral language"], bio="Phonics.")
    assert len(callbacks) == 1


def test_the_rebuild_command_fits_the_weights_and_every_vector(world, capsys):
    call_command("rebuild_recommendations")
    assert TextWeights.objects.count() == 1
    assert PersonVector.objects.count() == 6
    assert GroupVector.objects.filter(group=world.group).exists()
    assert "6 people and 1 groups" in capsys.readouterr().out


def test_the_panel_for_htmx_and_the_page_without(client, profiles, django_assert_max_num_queries):
    world = profiles
    extra = make_user("x@kowhai.example", "Xena Extra", organisation=world.school)
    OrgMembership.objects.create(organisation=world.school, user=extra)
    describe(extra, interests=["Oral language"], year_levels=["y0-3"])
    vectors_rebuild()
    client.force_login(world.member)
    url = reverse("people:recommendations")
    with django_assert_max_num_queries(14):
        panel = client.get(url, **HTMX)
    html = panel.content.decode()
    assert "<html" not in html
    assert "Colleagues you could learn with" in html
    assert "Colin Colleague" in html
    assert "Xena Extra" in html
    assert "You share a focus area: Structured literacy." in html
    assert "Otto Outsider" not in html
    page = client.get(url)
    assert "<html" in page.content.decode()
    assert "Groups you could join" in page.content.decode()


def test_the_dashboard_and_explore_load_the_panel(client, world):
    client.force_login(world.member)
    url = reverse("people:recommendations")
    for page in ("dashboard:home", "groups:explore"):
        assert f'hx-get="{url}"' in client.get(reverse(page)).content.decode()
