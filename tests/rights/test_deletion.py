"""After an account is deleted, no page, API answer, export or search result shows the
member's private data or their name."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from kahui.api import services as api_services
from kahui.api.models import TokenScope
from kahui.core.models import ActivityEntry, SearchDocument
from kahui.discussions import services as discussions
from kahui.discussions.models import Post, PostRevision
from kahui.library import services as library_services
from kahui.meetings.models import Attendance, AttendanceStatus, MinutesRevision
from kahui.meetings.services.minutes import minutes_save
from kahui.people.indexing import person_index
from kahui.reflection.models import JournalEntry
from kahui.rights import mentions
from kahui.search.selectors import search_for
from tests.api.conftest import bearer, make_cycle, make_published_check
from tests.conftest import make_group, make_meeting
from tests.rights.helpers import everything, export_of, member_with_data

User = get_user_model()
NAME = "Mere Member"
EMAIL = "me@kowhai.example"


def _delete(client, user, capture, *, shared: str):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            reverse("rights:delete_account"),
            {"shared": shared, "password": "pw", "phrase": "Delete my account"},
        )
    return response


def _set_password(user):
    user.set_password("pw")
    user.save()


def _pages(client, world, thread) -> str:
    client.force_login(world.facilitator)
    urls = [
        reverse("discussions:thread", args=[world.group.public_id, thread.public_id]),
        reverse("groups:members", args=[world.group.public_id]),
        reverse("groups:home", args=[world.group.public_id]),
        reverse("people:person", args=[world.member.public_id]),
        reverse("dashboard:home"),
    ]
    html = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html.append(response.content.decode())
    client.force_login(world.admin)
    html.append(client.get(reverse("orgs:members", args=[world.school.slug])).content.decode())
    html.append(client.get(reverse("orgs:history", args=[world.school.slug])).content.decode())
    html.append(client.get(reverse("rights:audit", args=[world.school.slug])).content.decode())
    return "\n".join(html)


def _api_places(world) -> dict:
    """What the API shows of the member's work with the group: a meeting they attended
    and own an action of, a resource they added, the inquiry, the health checks."""
    from kahui.meetings import services as meeting_services

    meeting = make_meeting(world)
    Attendance.objects.create(
        meeting=meeting,
        user=world.member,
        status=AttendanceStatus.PRESENT,
        recorded_by=world.facilitator,
    )
    meeting_services.action_add(
        group=world.group,
        by=world.facilitator,
        text="Bring books",
        meeting=meeting,
        owner=world.member,
    )
    library_services.resource_add(
        group=world.group,
        by=world.member,
        kind="link",
        title="A link on fractions",
        url="https://m.example/",
    )
    make_published_check(world)
    return {"m": meeting.public_id, "c": make_cycle(world).public_id}


def _api(client, world, thread, places) -> str:
    """Every API answer about the group and its people, to its facilitator (a token)
    and to an administrator of the school (who oversees it)."""
    g = f"/api/v1/groups/{world.group.public_id}"
    urls = [
        f"{g}",
        f"{g}/members",
        f"{g}/threads",
        f"{g}/threads/{thread.public_id}/posts",
        f"{g}/meetings",
        f"{g}/meetings/{places['m']}",
        f"{g}/resources",
        f"{g}/polls",
        f"{g}/inquiry/cycles",
        f"{g}/inquiry/cycles/{places['c']}",
        f"{g}/health-checks",
        "/api/v1/groups/",
        f"/api/v1/organisations/{world.school.slug}",
        "/api/v1/me/learning-record",
        "/api/v1/me/certificates",
    ]
    answers = []
    for user in (world.facilitator, world.admin):
        _token, secret = api_services.token_create(user=user, name="Deletion test")
        for url in urls:
            response = client.get(url, **bearer(secret))
            assert response.status_code in (200, 403), (url, response.status_code)
            answers.append(response.content.decode())
    return "\n".join(answers)


def _assert_gone(world, client, capture, thread, places=None):
    member = User.objects.get(pk=world.member.pk)
    assert not member.is_active
    assert EMAIL not in member.email
    assert member.profile.display_name == "Former member"
    assert member.profile.bio == ""
    assert not JournalEntry.objects.filter(author=member).exists()
    html = _pages(client, world, thread)
    for private in (NAME, EMAIL, "Quokkabio", "Zebrawords"):
        assert private not in html, private
    if places is not None:
        api = _api(client, world, thread, places)
        for private in (NAME, EMAIL, "Quokkabio", "Zebrawords"):
            assert private not in api, private
    # the search index, for someone who could find them before
    for query in ("Mere", "Quokkabio", "Zebrawords"):
        assert search_for(user=world.facilitator, query=query) == [], query
    assert not SearchDocument.objects.filter(kind="person", object_id=member.pk).exists()
    assert not ActivityEntry.objects.filter(target=NAME).exists()
    # another member's export
    _export, files = export_of(client, world.facilitator, capture)
    text = everything(files)
    for private in (NAME, EMAIL, "Quokkabio", "Zebrawords"):
        assert private not in text, private
    return html


def test_deleting_keeps_shared_posts_under_former_member(
    world, client, django_capture_on_commit_callbacks
):
    thread, _peer = member_with_data(world)
    _set_password(world.member)
    person_index(world.member.pk)
    assert search_for(user=world.facilitator, query="Quokkabio")  # found before
    before = _pages(client, world, thread)
    assert NAME in before
    assert "Quokkabio" in before
    places = _api_places(world)
    api_before = _api(client, world, thread, places)
    assert NAME in api_before
    assert "Kiwicontribution" in api_before
    _token, member_secret = api_services.token_create(
        user=world.member, name="Sheet", scope=TokenScope.WRITE
    )

    response = _delete(client, world.member, django_capture_on_commit_callbacks, shared="keep")
    assert response.status_code == 302
    # signed out at once
    assert not Session.objects.exists() or client.get(reverse("rights:my_data")).status_code == 302
    assert "_auth_user_id" not in client.session

    html = _assert_gone(world, client, django_capture_on_commit_callbacks, thread, places)
    assert "Kiwicontribution shared with the group" in html
    assert "Former member" in html
    # what they shared stays under "Former member" in the API too; their token opens nothing
    api = _api(client, world, thread, places)
    assert "Kiwicontribution shared with the group" in api
    assert "Former member" in api
    program = Client()  # the token alone, no session
    assert program.get("/api/v1/groups/", **bearer(member_secret)).status_code == 401
    assert Post.objects.filter(thread=thread).exists()
    assert ActivityEntry.objects.filter(
        action="rights.account_deleted", organisation=world.school
    ).exists()


def test_deleting_can_remove_what_they_shared(world, client, django_capture_on_commit_callbacks):
    _thread, _peer = member_with_data(world)
    _set_password(world.member)

    _delete(client, world.member, django_capture_on_commit_callbacks, shared="remove")

    assert not Post.objects.filter(author=world.member).exists()
    assert search_for(user=world.facilitator, query="Kiwicontribution") == []
    client.force_login(world.facilitator)
    page = client.get(reverse("discussions:list", args=[world.group.public_id]))
    assert "Kiwicontribution" not in page.content.decode()


def test_a_wrong_password_or_phrase_deletes_nothing(world, client):
    _set_password(world.member)
    client.force_login(world.member)
    for data in (
        {"shared": "keep", "password": "wrong", "phrase": "delete my account"},
        {"shared": "keep", "password": "pw", "phrase": "yes"},
    ):
        response = client.post(reverse("rights:delete_account"), data)
        assert response.status_code == 400
    assert User.objects.get(pk=world.member.pk).is_active


def test_the_only_facilitator_of_an_active_group_is_refused_with_the_reason(world, client):
    _set_password(world.facilitator)
    client.force_login(world.facilitator)
    page = client.get(reverse("rights:delete_account")).content.decode()
    assert "only facilitator" in page
    assert world.group.name in page
    response = client.post(
        reverse("rights:delete_account"),
        {"shared": "keep", "password": "pw", "phrase": "delete my account"},
    )
    assert response.status_code == 400
    assert User.objects.get(pk=world.facilitator.pk).is_active


def test_the_only_admin_of_an_organisation_is_refused_with_the_reason(world, client):
    client.force_login(world.admin)
    page = client.get(reverse("rights:delete_account")).content.decode()
    assert "only administrator" in page
    assert world.school.name in page


def test_mentions_of_a_deleted_member_in_others_texts_become_former_member(
    world, client, django_capture_on_commit_callbacks
):
    thread, peer = member_with_data(world)
    _set_password(world.member)
    post = discussions.reply(
        thread=thread, by=peer, body="Thanks @MereMember! @Mere's idea and @Aroha's too."
    )
    discussions.post_edit(post=post, by=peer, body=post.body + " Also @me.")
    meeting = make_meeting(world)
    meeting = minutes_save(
        meeting=meeting,
        by=world.facilitator,
        text="- @mere.member brings samples\n- `@MereMember` in code, @AroHa leads",
        version=meeting.minutes_version,
    )
    assert search_for(user=world.facilitator, query="MereMember")  # found before
    other = make_group(world.facilitator, organisation=world.school, name="Elsewhere")
    elsewhere = discussions.thread_start(
        group=other, by=world.facilitator, kind="question", title="Q", body="Ask @MereMember"
    )

    _delete(client, world.member, django_capture_on_commit_callbacks, shared="keep")

    post.refresh_from_db()
    assert post.body == (
        "Thanks Former member! Former member's idea and @Aroha's too. Also Former member."
    )
    (revision,) = PostRevision.objects.filter(post=post)
    assert revision.body == "Thanks Former member! Former member's idea and @Aroha's too."
    meeting.refresh_from_db()
    assert meeting.minutes == (
        "- Former member brings samples\n- `Former member` in code, @AroHa leads"
    )
    assert MinutesRevision.objects.get(meeting=meeting).text == meeting.minutes
    # Found nowhere by the name typed, and the rewritten texts are searchable as they are.
    kept = Post.objects.get(thread=elsewhere)
    found = search_for(user=world.facilitator, query="MereMember")
    assert [hit.object_id for hit in found] == [kept.pk]
    assert search_for(user=world.facilitator, query="samples")
    client.force_login(world.facilitator)
    page = client.get(
        reverse("discussions:thread", args=[world.group.public_id, thread.public_id])
    ).content.decode()
    assert "MereMember" not in page
    assert "Former member's idea" in page
    assert 'class="mention"' in page  # @Aroha is still linked
    # A group they were not in keeps its text: the name there is nobody's mention.
    assert kept.body == "Ask @MereMember"


def test_a_name_another_member_answers_to_is_not_rewritten():
    names = mentions.handles(
        name="Mere Member",
        email="me@kowhai.example",
        others=[("Mere Tāne", "mt@kowhai.example"), ("Aroha", "member@kowhai.example")],
    )
    assert names == {"meremember", "me"}  # not "mere" (two Meres) nor "member"
    text = "@MereMember, @Mere, @me. email me@kowhai.example, @Memberx"
    assert mentions.rewrite(text, names, "Former member") == (
        "Former member, @Mere, Former member. email me@kowhai.example, @Memberx"
    )


def test_the_texts_searched_for_mentions_are_found_from_the_models(db):
    found = {
        (model._meta.label, field): path
        for model, path, fields in mentions.texts()
        for field in fields
    }
    assert found[("discussions.Post", "body")] == "thread__group"
    assert found[("discussions.Thread", "title")] == "group"
    assert found[("meetings.Meeting", "minutes")] == "group"
    assert found[("meetings.Decision", "text")] == "group"
    assert found[("inquiry.EvidenceItem", "body")] == "cycle__group"
    assert found[("groups.LearningGroup", "vision")] == "pk"
    assert not any(label == "core.SearchDocument" for label, _field in found)
    assert ("accounts.Profile", "bio") not in found  # not a group's
