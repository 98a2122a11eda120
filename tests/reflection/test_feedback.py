import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.core.models import ActivityEntry
from kahui.notifications.models import Category, Dispatch, Notification, Preference
from kahui.reflection import services
from kahui.reflection.models import AnswerStatus, FeedbackAnswer, FeedbackRequest
from tests.reflection.helpers import second_member

pytestmark = pytest.mark.django_db


def _ask(world, *colleagues):
    return services.feedback_ask(
        asker=world.member,
        group=world.group,
        about="lesson_plan",
        title="Fractions lesson plan",
        text="Is the launch too long?",
        link="https://example.org/plan",
        colleagues=colleagues,
    )


def test_a_member_asks_named_colleagues_who_are_told(world):
    peer = second_member(world)
    Preference.objects.create(user=peer, category=Category.REFLECTION, delivery="immediate")
    request = _ask(world, peer, world.facilitator)
    assert {a.colleague for a in request.answers.all()} == {peer, world.facilitator}
    notes = Notification.objects.filter(category=Category.REFLECTION)
    assert {note.user for note in notes} == {peer, world.facilitator}
    assert "Fractions lesson plan" in notes.first().title
    assert [d.user for d in Dispatch.objects.all()] == [peer]
    logged = ActivityEntry.objects.get(action="reflection.feedback_asked")
    assert logged.group is None
    assert logged.target == ""


def test_only_members_of_the_same_group_can_be_asked(world):
    with pytest.raises(KahuiError):
        _ask(world, world.colleague)
    with pytest.raises(KahuiError):
        _ask(world, world.member)  # not oneself
    assert not FeedbackRequest.objects.exists()


def test_answers_follow_the_structure_and_only_the_asker_reads_them(client, world):
    peer = second_member(world)
    request = _ask(world, peer, world.facilitator)
    url = reverse("reflection:feedback_request", args=[request.public_id])
    client.force_login(peer)
    assert "Is the launch too long?" in client.get(url).content.decode()
    response = client.post(
        reverse("reflection:feedback_answer", args=[request.public_id]),
        {"worked": "The hook with pizza", "question": "", "suggestion": "Shorter launch"},
    )
    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get(colleague=peer)
    assert answer.status == AnswerStatus.ANSWERED
    # the asker is told, in the bell and by email if they wish, without the answer's words
    note = Notification.objects.get(user=world.member)
    assert "Pita Peer gave you feedback" in note.title
    assert "pizza" not in note.title
    client.force_login(world.member)
    page = client.get(url).content.decode()
    assert "The hook with pizza" in page
    assert "Shorter launch" in page
    # the other colleague asked sees the request but not the peer's answer
    client.force_login(world.facilitator)
    page = client.get(url).content.decode()
    assert "Is the launch too long?" in page
    assert "pizza" not in page
    for someone in (world.coordinator, world.admin, world.colleague, world.outsider):
        client.force_login(someone)
        assert client.get(url).status_code == 404


def test_an_empty_answer_is_refused(client, world):
    peer = second_member(world)
    request = _ask(world, peer)
    client.force_login(peer)
    response = client.post(
        reverse("reflection:feedback_answer", args=[request.public_id]),
        {"worked": " ", "question": "", "suggestion": ""},
    )
    assert response.status_code == 400
    assert FeedbackAnswer.objects.get().status == AnswerStatus.WAITING


def test_the_person_asked_can_decline_once(client, world):
    peer = second_member(world)
    request = _ask(world, peer)
    client.force_login(peer)
    url = reverse("reflection:feedback_decline", args=[request.public_id])
    assert client.post(url)["Location"] == url  # asked first
    assert FeedbackAnswer.objects.get().status != AnswerStatus.DECLINED
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert FeedbackAnswer.objects.get().status == AnswerStatus.DECLINED
    assert ActivityEntry.objects.filter(action="reflection.feedback_declined", group=None)
    with pytest.raises(KahuiError):
        services.feedback_answer(
            answer=FeedbackAnswer.objects.get(), by=peer, worked="x", question="", suggestion=""
        )
    # the asker cannot answer their own request
    client.force_login(world.member)
    response = client.post(
        reverse("reflection:feedback_answer", args=[request.public_id]), {"worked": "me"}
    )
    assert response.status_code == 403


def test_the_ask_form(client, world):
    peer = second_member(world)
    client.force_login(world.member)
    url = reverse("reflection:feedback_ask", args=[world.group.public_id])
    page = client.get(url).content.decode()
    assert "Pita Peer" in page
    assert "Colin Colleague" not in page
    response = client.post(
        url,
        {
            "colleagues": [str(peer.public_id)],
            "about": "video",
            "title": "Reading conference video",
            "text": "How are my prompts?",
            "link": "https://video.example/1",
        },
    )
    assert response.status_code == 302
    assert FeedbackRequest.objects.get().answers.get().colleague == peer
    bad = client.post(url, {"about": "video", "title": "Kept", "text": "x"})
    assert bad.status_code == 400
    assert "Kept" in bad.content.decode()


def test_feedback_list_asks_few_queries(client, world, django_assert_max_num_queries):
    peer = second_member(world)
    for _ in range(5):
        _ask(world, peer, world.facilitator)
    for someone in (world.member, peer):
        client.force_login(someone)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("reflection:feedback")).status_code == 200
