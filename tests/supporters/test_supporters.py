"""Supporters (an RTLB, a coach): invited by a facilitator with the group's consent,
active once they accept, let go by any facilitator, leaving when they like; what they
see of the group and what stays its members'."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups import services
from kahui.groups.access import Need, group_access
from kahui.groups.activity import GroupActivity
from kahui.groups.models import GroupRole, GroupSupporter
from kahui.inquiry import services as inquiry_services
from kahui.inquiry.models import StageComment
from kahui.library.models import Resource
from kahui.meetings.models import MeetingGuest
from kahui.notifications.models import Notification
from tests.conftest import make_meeting, make_user

pytestmark = pytest.mark.django_db


def invite(world, email="rtlb@awa.example", note="RTLB", by=None):
    return services.supporter_invite(
        group=world.group, by=by or world.facilitator, email=email, role_note=note
    )


def test_an_invited_supporter_is_told_and_sees_nothing_until_they_accept(
    world, rtlb, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        supporter = invite(world)
    assert not group_access(rtlb, world.group).allows(Need.SUPPORT)
    note = Notification.objects.get(user=rtlb)
    assert "invited you to support" in note.title
    assert note.url == reverse("groups:supporting")
    assert mail.outbox[-1].to == [rtlb.email]
    assert "support" in mail.outbox[-1].subject
    entry = ActivityEntry.objects.filter(action=GroupActivity.SUPPORTER_INVITED).get()
    assert (entry.actor, entry.target) == (world.facilitator, "Rawiri RTLB")

    services.supporter_accept(supporter=supporter, user=rtlb)
    supporter.refresh_from_db()
    assert supporter.is_active
    access = group_access(rtlb, world.group)
    assert access.is_supporter
    assert access.allows(Need.SUPPORT)
    assert not access.allows(Need.MEMBER)
    assert ActivityEntry.objects.filter(action=GroupActivity.SUPPORTER_ACCEPTED).exists()


def test_only_existing_accounts_are_invited_with_a_clear_error(client, world):
    client.force_login(world.facilitator)
    url = reverse("groups:supporter_invite", args=[world.group.public_id])
    response = client.post(url, {"email": "nobody@nowhere.example", "role_note": "Coach"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "No Kāhui account uses nobody@nowhere.example" in page
    assert 'value="Coach"' in page  # what was typed is kept
    assert not GroupSupporter.objects.exists()


def test_a_member_or_someone_invited_already_is_not_invited_again(world, rtlb):
    with pytest.raises(KahuiError, match="member of the group already"):
        invite(world, email=world.member.email)
    invite(world)
    with pytest.raises(KahuiError, match="already"):
        invite(world, email="RTLB@awa.example")


def test_only_facilitators_invite_and_let_go(world, rtlb, support):
    with pytest.raises(NotAllowed):
        invite(world, by=world.member, email=world.colleague.email)
    with pytest.raises(NotAllowed):
        services.supporter_revoke(supporter=support, by=world.member)


def test_every_member_sees_the_invitation_and_who_made_it(client, world, rtlb):
    invite(world)
    client.force_login(world.member)
    page = client.get(reverse("groups:members", args=[world.group.public_id])).content.decode()
    assert "Rawiri RTLB" in page
    assert "Invited by Aroha Facilitator" in page
    assert "invited, no answer yet" in page
    assert "supporter_revoke" not in page
    assert "/revoke/" not in page
    home = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    assert "Invited by Aroha Facilitator" in home


def test_any_facilitator_lets_a_supporter_go_at_any_time(client, world, rtlb, support):
    second = make_user("fa2@kowhai.example", "Second Facilitator")
    world.group.memberships.create(user=second, role=GroupRole.FACILITATOR)
    client.force_login(second)
    response = client.post(
        reverse("groups:supporter_revoke", args=[world.group.public_id, support.public_id]),
        {"confirm": "yes"},
    )
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.revoked_at is not None
    assert not group_access(rtlb, world.group).is_supporter
    entry = ActivityEntry.objects.get(action=GroupActivity.SUPPORTER_REVOKED)
    assert (entry.actor, entry.target) == (second, "Rawiri RTLB")


def test_the_invited_person_declines_or_later_leaves_from_their_own_page(client, world, rtlb):
    supporter = invite(world)
    client.force_login(rtlb)
    page = client.get(reverse("groups:supporting")).content.decode()
    assert world.group.name in page
    assert "Accept" in page
    client.post(reverse("groups:supporter_answer", args=[supporter.public_id, "decline"]))
    supporter.refresh_from_db()
    assert supporter.revoked_at is not None
    assert supporter.accepted_at is None
    assert ActivityEntry.objects.filter(action=GroupActivity.SUPPORTER_DECLINED).exists()

    again = invite(world)
    client.post(reverse("groups:supporter_answer", args=[again.public_id, "accept"]))
    again.refresh_from_db()
    assert again.is_active
    asked = client.post(reverse("groups:supporter_answer", args=[again.public_id, "leave"]))
    assert asked["Location"] == reverse("groups:supporter_answer", args=[again.public_id, "leave"])
    again.refresh_from_db()
    assert again.is_active
    client.post(
        reverse("groups:supporter_answer", args=[again.public_id, "leave"]), {"confirm": "yes"}
    )
    again.refresh_from_db()
    assert again.revoked_at is not None
    assert ActivityEntry.objects.filter(action=GroupActivity.SUPPORTER_LEFT).exists()


def test_nobody_else_answers_someone_elses_invitation(client, world, rtlb):
    supporter = invite(world)
    client.force_login(world.colleague)
    response = client.post(reverse("groups:supporter_answer", args=[supporter.public_id, "accept"]))
    assert response.status_code == 404
    with pytest.raises(NotAllowed):
        services.supporter_accept(supporter=supporter, user=world.colleague)
    supporter.refresh_from_db()
    assert supporter.accepted_at is None


def test_the_dashboard_lists_the_groups_i_support_and_my_invitations(
    client, world, rtlb, support, django_assert_max_num_queries
):
    client.force_login(rtlb)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Groups I support" in page
    assert world.group.name in page
    assert reverse("groups:supporting") in page
    with django_assert_max_num_queries(12):
        client.get(reverse("groups:supporting"))


def test_the_home_page_promise_links_to_the_groups_one_supports(client):
    page = client.get(reverse("core:home")).content.decode()
    assert "RTLB and coaches see all the groups they support" in page
    assert reverse("groups:supporting") in page


def test_group_pages_show_supporters_the_tabs_they_may_open(client, world, support):
    client.force_login(support.user)
    page = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    g = world.group.public_id
    for allowed in ("meetings:list", "inquiry:home", "library:group", "groups:members"):
        assert reverse(allowed, args=[g]) in page
    for member_only in (
        "discussions:list",
        "proposals:list",
        "voice:list",
        "scheduling:group_times",
        "recognition:group",
        "reflection:group",
        "meetings:templates",
    ):
        assert reverse(member_only, args=[g]) not in page
    assert "Leave group" not in page


def test_a_supporter_reads_a_meeting_and_says_they_come(client, world, support):
    meeting = make_meeting(world)
    meeting.minutes = "Draft notes being written"
    meeting.online_url = "https://meet.example/hui"
    meeting.save()
    client.force_login(support.user)
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    page = client.get(url).content.decode()
    assert "https://meet.example/hui" in page
    assert "Draft notes being written" not in page  # not shared until the meeting is over
    assert reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id]) not in page
    assert "Record decision" not in page
    assert "I am coming" in page
    response = client.post(
        reverse("meetings:supporter_rsvp", args=[world.group.public_id, meeting.public_id]),
        {"coming": "yes"},
    )
    assert response.status_code == 302
    guest = MeetingGuest.objects.get(meeting=meeting, revoked_at__isnull=True)
    assert guest.email == support.user.email
    client.force_login(world.facilitator)
    assert "Rawiri RTLB" in client.get(url).content.decode()  # among the guests


def test_members_are_not_guests_of_their_own_meetings(client, world):
    meeting = make_meeting(world)
    client.force_login(world.member)
    client.post(
        reverse("meetings:supporter_rsvp", args=[world.group.public_id, meeting.public_id]),
        {"coming": "yes"},
    )
    assert not MeetingGuest.objects.exists()


def test_minutes_of_a_meeting_that_is_over_are_shared_with_supporters(
    client, world, support, time_machine
):
    meeting = make_meeting(world, days=1)
    meeting.minutes = "We agreed to trial decodable readers"
    meeting.save()
    time_machine.move_to(meeting.ends_at + timedelta(hours=1))
    client.force_login(support.user)
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    assert "We agreed to trial decodable readers" in client.get(url).content.decode()
    history = reverse("meetings:minutes_history", args=[world.group.public_id, meeting.public_id])
    assert client.get(history).status_code == 403


@pytest.fixture
def cycle(world):
    return inquiry_services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers?",
        goals=world.group.goals.all(),
    )


def test_supporters_and_members_comment_on_the_sense_making(client, world, support, cycle):
    stage = cycle.stage_key
    client.force_login(support.user)
    url = reverse("inquiry:record_comment", args=[world.group.public_id, cycle.public_id, stage])
    response = client.post(url, {"body": "Have you looked at the running records by term?"})
    assert response.status_code == 302
    client.force_login(world.member)
    client.post(url, {"body": "Good idea, we will."})
    assert list(StageComment.objects.values_list("author__email", flat=True)) == [
        support.user.email,
        world.member.email,
    ]
    page = client.get(
        reverse("inquiry:record", args=[world.group.public_id, cycle.public_id, stage])
    ).content.decode()
    assert "running records by term" in page
    # A stage the inquiry has not reached takes no comment.
    last = cycle.inquiry_model.stage_keys[-1]
    with pytest.raises(KahuiError):
        inquiry_services.stage_comment_add(cycle=cycle, stage=last, by=world.member, body="x")
    # Someone who is neither member nor supporter is refused by the service too.
    with pytest.raises(NotAllowed):
        inquiry_services.stage_comment_add(cycle=cycle, stage=stage, by=world.coordinator, body="x")


def test_a_supporter_reads_the_record_but_does_not_write_it(client, world, support, cycle):
    client.force_login(support.user)
    url = reverse("inquiry:record", args=[world.group.public_id, cycle.public_id, cycle.stage_key])
    assert client.get(url).status_code == 200
    assert client.post(url, {"version": 0}).status_code == 403


def test_a_supporter_adds_a_resource_to_the_library(client, world, support):
    client.force_login(support.user)
    response = client.post(
        reverse("library:add", args=[world.group.public_id]),
        {
            "kind": "link",
            "title": "Sound wall guide",
            "url": "https://example.org/sound-wall",
            "visibility": "group",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title="Sound wall guide")
    assert resource.added_by == support.user
    detail = reverse("library:resource", args=[world.group.public_id, resource.public_id])
    assert client.get(detail).status_code == 200


def test_the_library_service_refuses_someone_outside_the_group(world):
    from kahui.library import services as library_services

    with pytest.raises(NotAllowed):
        library_services.resource_add(
            group=world.group, by=world.colleague, kind="link", title="x", url="https://e.org"
        )


def test_a_supporter_who_was_let_go_sees_nothing_more(client, world, support):
    services.supporter_revoke(supporter=support, by=world.facilitator)
    client.force_login(support.user)
    for name in ("groups:home", "meetings:list", "inquiry:home", "library:group"):
        assert client.get(reverse(name, args=[world.group.public_id])).status_code == 404


def test_a_supporter_is_never_asked_nor_emailed_about_member_business(
    world, support, django_capture_on_commit_callbacks
):
    from kahui.discussions import services as discussion_services

    with django_capture_on_commit_callbacks(execute=True):
        discussion_services.thread_start(
            group=world.group, by=world.facilitator, kind="question", title="Secret", body="x"
        )
    assert not Notification.objects.filter(user=support.user).exists()
    assert not any(support.user.email in m.to for m in mail.outbox)


def test_a_coordinator_who_supports_a_group_sees_its_work(client, world):
    # The network's coordinator coaches one of its groups: more than overseeing it.
    meetings = reverse("meetings:list", args=[world.group.public_id])
    client.force_login(world.coordinator)
    assert client.get(meetings).status_code == 403
    support = invite(world, email=world.coordinator.email, note="Coach")
    services.supporter_accept(supporter=support, user=world.coordinator)
    assert client.get(meetings).status_code == 200
    access = group_access(world.coordinator, world.group)
    assert access.is_overseer
    assert access.is_supporter
