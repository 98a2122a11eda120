"""Kudos: a member thanks another for something specific; the receiver is told once,
the group sees it, and the giver can take it back."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.discussions import services as discussions
from kahui.groups.models import GroupMembership
from kahui.library import services as library
from kahui.notifications.models import Category, Dispatch, Notification, Preference
from kahui.recognition import services
from kahui.recognition.models import Kudos
from tests.conftest import make_group, make_meeting, make_user

pytestmark = pytest.mark.django_db


def _give(world, **changes):
    values = {
        "group": world.group,
        "by": world.facilitator,
        "receiver": world.member,
        "text": "Your running-records notes saved my Tuesday.",
    }
    values.update(changes)
    return services.kudos_give(**values)


def test_kudos_notify_the_receiver_once_in_the_kudos_category(world):
    kudos = _give(world)
    note = Notification.objects.get(user=world.member)
    assert note.category == Category.KUDOS
    assert "Aroha Facilitator gave you kudos" in note.title
    assert note.url.endswith(f"#kudos-{kudos.public_id}")
    assert Notification.objects.count() == 1
    # Kudos come in the weekly digest unless the receiver chose otherwise.
    assert not Dispatch.objects.exists()
    assert ActivityEntry.objects.filter(action="recognition.kudos_given", actor=world.facilitator)


def test_kudos_are_emailed_at_once_to_who_asked_for_it(world, mailoutbox, settings):
    Preference.objects.create(user=world.member, category=Category.KUDOS, delivery="immediate")
    kudos = _give(world)
    dispatch = Dispatch.objects.get()
    assert dispatch.key == f"kudos:{kudos.public_id}:{world.member.pk}"
    assert "Kudos from Aroha Facilitator" in dispatch.subject
    assert "running-records notes" in dispatch.body


def test_a_form_sent_twice_gives_kudos_once(client, world):
    client.force_login(world.facilitator)
    url = reverse("recognition:give", args=[world.group.public_id])
    form = {
        "receiver": str(world.member.public_id),
        "text": "Thank you for the reading list",
        "submission_key": "0b6a63f4-6c53-4a5e-9f43-6d1b8b9c3f11",
    }
    first = client.post(url, form)
    second = client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert Kudos.objects.count() == 1
    assert Notification.objects.filter(user=world.member).count() == 1


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"receiver": "self"}, "someone else"),
        ({"receiver": "outsider"}, "member of the group"),
        ({"text": " ok "}, "Say what they did"),
        ({"by": "outsider"}, "Only members"),
    ],
)
def test_kudos_go_from_a_member_to_another_member_for_something(world, changes, error):
    people = {"self": world.facilitator, "outsider": world.outsider}
    changes = {key: people.get(value, value) for key, value in changes.items()}
    with pytest.raises(KahuiError, match=error):
        _give(world, **changes)
    assert not Kudos.objects.exists()
    assert not Notification.objects.exists()


def test_kudos_link_only_to_the_groups_own_things(world):
    other = make_group(make_user("other@x.example"), name="Other group")
    meeting = make_meeting(world)
    thread = discussions.thread_start(
        group=other, by=other.memberships.get().user, kind="idea", title="Elsewhere", body="Hi"
    )
    with pytest.raises(KahuiError, match="another group"):
        _give(world, meeting=make_meeting_in(other))
    with pytest.raises(KahuiError, match="not one the group can see"):
        _give(world, post=thread.posts.get())
    kudos = _give(world, meeting=meeting)
    assert kudos.meeting == meeting


def make_meeting_in(group):
    from types import SimpleNamespace

    facilitator = group.memberships.get().user
    return make_meeting(SimpleNamespace(group=group, facilitator=facilitator))


def test_the_form_offers_the_receivers_own_messages_and_resources(client, world):
    thread = discussions.thread_start(
        group=world.group, by=world.member, kind="idea", title="Phonics", body="My idea"
    )
    library.resource_add(
        group=world.group,
        by=world.facilitator,
        kind="link",
        title="Aroha's link",
        url="https://example.org/a",
    )
    library.resource_add(
        group=world.group,
        by=world.member,
        kind="link",
        title="Mere's link",
        url="https://example.org/m",
    )
    client.force_login(world.facilitator)
    url = reverse("recognition:give", args=[world.group.public_id])
    everyone = client.get(url)
    assert "Aroha&#x27;s link" in everyone.text
    assert "Mere&#x27;s link" in everyone.text
    # htmx asks again when a member is chosen, keeping what was typed.
    fragment = client.get(
        url,
        {"receiver": str(world.member.public_id), "text": "Kept text"},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in fragment.text
    assert "Mere&#x27;s link" in fragment.text
    assert "Aroha&#x27;s link" not in fragment.text
    assert "Phonics: My idea" in fragment.text
    assert "Kept text" in fragment.text
    # A link from the members page names the member.
    prefilled = client.get(url, {"to": str(world.member.public_id)})
    assert f'<option value="{world.member.public_id}" selected>' in prefilled.text
    post = thread.posts.get()
    response = client.post(
        url,
        {
            "receiver": str(world.member.public_id),
            "text": "A great idea",
            "post": str(post.public_id),
        },
    )
    assert response.status_code == 302
    assert Kudos.objects.get().post == post


def test_a_refused_form_keeps_what_was_typed(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("recognition:give", args=[world.group.public_id]),
        {"receiver": "", "text": "Thanks for the coffee and the plan"},
    )
    assert response.status_code == 400
    assert "Thanks for the coffee and the plan" in response.text
    assert "There is a problem" in response.text


def test_the_group_sees_its_kudos_and_the_giver_withdraws_them(client, world):
    kudos = _give(world)
    client.force_login(world.member)
    page = client.get(reverse("recognition:group", args=[world.group.public_id]))
    assert "running-records notes" in page.text
    assert "Withdraw" not in page.text  # not the member's to withdraw
    home = client.get(reverse("groups:home", args=[world.group.public_id]))
    assert "running-records notes" in home.text  # the card on the group home

    withdraw = reverse("recognition:withdraw", args=[world.group.public_id, kudos.public_id])
    assert client.post(withdraw, {"confirm": "yes"}).status_code == 403
    with pytest.raises(NotAllowed):
        services.kudos_withdraw(kudos=kudos, by=world.member)

    client.force_login(world.facilitator)
    assert "Withdraw" in client.get(reverse("recognition:group", args=[world.group.public_id])).text
    assert "Withdraw your kudos?" in client.get(withdraw).text
    assert client.post(withdraw, {"confirm": "yes"}).status_code == 302
    assert not Kudos.objects.exists()
    assert ActivityEntry.objects.filter(action="recognition.kudos_withdrawn").exists()
    client.force_login(world.member)
    assert (
        "running-records notes"
        not in client.get(reverse("recognition:group", args=[world.group.public_id])).text
    )


def test_kudos_list_comes_in_pages(client, world, django_assert_max_num_queries):
    for number in range(25):
        _give(world, text=f"Kudos number {number}")
    client.force_login(world.member)
    url = reverse("recognition:group", args=[world.group.public_id])
    with django_assert_max_num_queries(12):
        first = client.get(url)
    assert "Kudos number 24" in first.text
    assert "Kudos number 4" not in first.text
    assert "Kudos number 4" in client.get(url, {"page": 2}).text


def test_a_member_who_left_receives_no_more_kudos(world):
    GroupMembership.objects.filter(user=world.member).delete()
    with pytest.raises(KahuiError):
        _give(world)
