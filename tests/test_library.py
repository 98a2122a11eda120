"""The library: links, files and notes; upload limits and refused types; files never
served inline; who can see what; saving a copy; search."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.core.models import ActivityEntry
from kahui.library import services
from kahui.library.activity import LibraryActivity
from kahui.library.models import Resource
from kahui.search.selectors import search_for

pytestmark = pytest.mark.django_db


def add_file(world, name="plan.pdf", content=b"%PDF-1.4 plan", **kwargs):
    return services.resource_add(
        group=world.group,
        by=world.member,
        kind="file",
        title="Term plan",
        upload=SimpleUploadedFile(name, content),
        **kwargs,
    )


def test_refused_types_and_sizes_give_clear_messages(client, world, settings):
    with pytest.raises(KahuiError, match=r"“\.html” cannot be shared"):
        add_file(world, name="page.html", content=b"<script>alert(1)</script>")
    with pytest.raises(KahuiError, match=r"“\.svg” cannot be shared"):
        add_file(world, name="logo.svg")
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(KahuiError, match=r"This file is 1\.1 MB; the limit is 1\.0 MB\."):
        add_file(world, content=b"x" * (1024 * 1024 + 1))
    client.force_login(world.member)
    response = client.post(
        reverse("library:add", args=[world.group.public_id]),
        {
            "kind": "file",
            "title": "Evil page",
            "visibility": "group",
            "upload": SimpleUploadedFile("evil.html", b"<script>x</script>"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be shared" in page
    assert 'value="Evil page"' in page
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("size", "refusal"),
    [
        (21_000_000, "This file is 21.0 MB; the limit is 20.0 MB."),
        # just over the limit: never shown as the limit it exceeds
        (20_000_001, "This file is 20.1 MB; the limit is 20.0 MB."),
        (20_000_000, None),
    ],
)
def test_size_limit_messages_use_one_megabyte_and_agree(settings, size, refusal):
    settings.MAX_UPLOAD_MB = 20
    upload = SimpleNamespace(name="slides.pdf", size=size)
    if refusal is None:
        assert services.check_upload(upload) == "application/pdf"
    else:
        with pytest.raises(KahuiError) as refused:
            services.check_upload(upload)
        assert refused.value.message == refusal


def test_the_upload_help_gives_the_limit_in_the_same_units(client, world, settings):
    settings.MAX_UPLOAD_MB = 20
    client.force_login(world.member)
    page = client.get(reverse("library:add", args=[world.group.public_id])).content.decode()
    assert "Up to 20.0 MB:" in page


def test_each_change_of_audience_says_who_can_see_it_now(client, world):
    client.force_login(world.member)
    response = client.post(
        reverse("library:add", args=[world.group.public_id]),
        {
            "kind": "link",
            "title": "Phonics guide",
            "url": "https://example.org/guide",
            "visibility": "organisation",
        },
        follow=True,
    )
    assert "Shared with everyone in Kōwhai Primary." in response.content.decode()
    resource = Resource.objects.get()
    publish = reverse("library:publish", args=[world.group.public_id, resource.public_id])

    def told(visibility):
        page = client.post(publish, {"visibility": visibility}, follow=True)
        return [str(message) for message in page.context["messages"]]

    assert told("public") == ["Now every Kāhui educator can see it."]
    assert told("public") == ["Nothing changed: every Kāhui educator can see it."]
    assert told("group") == ["Now the members of Structured literacy Y0-3 can see it."]
    assert told("everyone") == ["Choose who can see it."]
    assert ActivityEntry.objects.filter(action=LibraryActivity.PUBLISHED).count() == 2


def test_a_group_outside_any_organisation_cannot_publish_to_one(client, world):
    from tests.conftest import make_group

    loose = make_group(world.outsider, name="Independent readers")
    with pytest.raises(KahuiError, match="belongs to no organisation"):
        note(world, group=loose, visibility="organisation")
    resource = services.resource_add(
        group=loose, by=world.outsider, kind="note", title="Tips", body="Read daily."
    )
    with pytest.raises(KahuiError, match="belongs to no organisation"):
        services.resource_publish(resource=resource, by=world.outsider, visibility="organisation")
    client.force_login(world.outsider)
    page = client.get(reverse("library:add", args=[loose.public_id])).content.decode()
    assert 'value="organisation"' not in page
    page = client.get(
        reverse("library:resource", args=[loose.public_id, resource.public_id])
    ).content.decode()
    assert 'value="organisation"' not in page
    assert 'value="public"' in page


def test_files_download_as_attachments_with_their_safe_type(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = add_file(world, name="notes.txt", content=b"<script>alert(1)</script>")
    client.force_login(world.member)
    response = client.get(
        reverse("library:download", args=[world.group.public_id, resource.public_id])
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


def test_visibility_group_organisation_public(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = services.resource_add(
        group=world.group,
        by=world.member,
        kind="link",
        title="Phonics guide",
        url="https://example.org/guide",
    )
    url = reverse("library:resource", args=[world.group.public_id, resource.public_id])
    client.force_login(world.colleague)  # same school, not in the group
    assert client.get(url).status_code == 404
    services.resource_publish(resource=resource, by=world.member, visibility="organisation")
    assert client.get(url).status_code == 200
    assert "Phonics guide" in client.get(reverse("library:shared")).content.decode()
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    services.resource_publish(resource=resource, by=world.member, visibility="public")
    assert client.get(url).status_code == 200
    with pytest.raises(KahuiError, match="Only whoever added it"):
        services.resource_publish(resource=resource, by=world.outsider, visibility="group")


def test_save_a_copy_to_my_group(world):
    from tests.conftest import make_group

    resource = services.resource_add(
        group=world.group,
        by=world.member,
        kind="note",
        title="Sound wall tips",
        body="Start with /m/ /s/ /a/.",
        visibility="public",
    )
    mine = make_group(world.outsider, name="Outsider group")
    copy = services.resource_copy(resource=resource, to_group=mine, by=world.outsider)
    assert copy.group == mine
    assert copy.copied_from == resource
    with pytest.raises(KahuiError, match="group you belong to"):
        services.resource_copy(resource=resource, to_group=world.group, by=world.outsider)


def test_group_resources_are_found_by_members_only(world):
    services.resource_add(
        group=world.group,
        by=world.member,
        kind="note",
        title="Oral language games",
        body="Barrier games for Year 1",
    )
    assert search_for(user=world.member, query="barrier games")
    assert search_for(user=world.colleague, query="barrier games") == []
    assert search_for(user=world.outsider, query="barrier games") == []


def test_library_query_count(client, world, django_assert_max_num_queries):
    for n in range(12):
        services.resource_add(
            group=world.group,
            by=world.member,
            kind="link",
            title=f"Link {n}",
            url=f"https://example.org/{n}",
            principles=["inclusive"],
        )
    client.force_login(world.member)
    listing = reverse("library:group", args=[world.group.public_id])
    with django_assert_max_num_queries(14):
        assert client.get(listing).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(listing, {"principle": "inclusive"}).context["page"].paginator.count == 12
    with django_assert_max_num_queries(10):
        assert client.get(reverse("library:shared")).status_code == 200


def note(world, visibility="group", group=None, title="Sound wall tips"):
    # Added by a member of the group (its facilitator, in a group of its own).
    author = world.member if group is None else group.memberships.first().user
    return services.resource_add(
        group=group or world.group,
        by=author,
        kind="note",
        title=title,
        body="Start with /m/ /s/ /a/.",
        visibility=visibility,
    )


def test_a_resource_of_a_group_that_left_its_organisation_is_the_members_alone(world):
    resource = note(world, visibility="organisation")
    assert services.audience(resource) == "everyone in Kōwhai Primary"
    world.group.organisation = None
    world.group.save()
    resource.refresh_from_db()
    assert services.audience(resource) == "the members of Structured literacy Y0-3"


def test_copying_needs_the_right_to_see_the_resource(world):
    from tests.conftest import make_group

    resource = note(world)
    mine = make_group(world.outsider, name="Outsider group")
    with pytest.raises(KahuiError, match="cannot see"):
        services.resource_copy(resource=resource, to_group=mine, by=world.outsider)
    services.resource_publish(resource=resource, by=world.member, visibility="organisation")
    with pytest.raises(KahuiError, match="cannot see"):
        services.resource_copy(resource=resource, to_group=mine, by=world.outsider)
    theirs = make_group(world.colleague, name="Colleague group")
    assert services.resource_copy(resource=resource, to_group=theirs, by=world.colleague)
    assert not Resource.objects.filter(group=mine).exists()


def test_collections_hold_only_what_the_group_may_see(world):
    from tests.conftest import make_group

    elsewhere = make_group(world.outsider, name="Elsewhere", organisation=world.other_school)
    private = note(world, group=elsewhere, title="Their note")
    with pytest.raises(KahuiError, match="cannot be added"):
        services.collection_add(group=world.group, by=world.member, name="Start", resource=private)
    services.resource_publish(resource=private, by=world.outsider, visibility="organisation")
    with pytest.raises(KahuiError, match="cannot be added"):
        services.collection_add(group=world.group, by=world.member, name="Start", resource=private)
    services.resource_publish(resource=private, by=world.outsider, visibility="public")
    collection, added = services.collection_add(
        group=world.group, by=world.member, name="Start", resource=private
    )
    assert added
    assert list(collection.resources.all()) == [private]
    with pytest.raises(KahuiError, match="member"):
        services.collection_add(
            group=world.group, by=world.outsider, name="Start", resource=note(world)
        )


def test_adding_to_a_collection_twice_is_one_entry(client, world):
    from kahui.core.models import ActivityEntry

    resource = note(world)
    client.force_login(world.member)
    url = reverse("library:collect", args=[world.group.public_id, resource.public_id])
    client.post(url, {"name": "Start here"})
    page = client.post(url, {"name": " start here "}, follow=True).content.decode()
    assert "already in" in page
    assert resource.collections.count() == 1
    assert ActivityEntry.objects.filter(action=LibraryActivity.COLLECTED).count() == 1


def test_hand_edited_library_filters_give_no_error(client, world):
    note(world)
    client.force_login(world.member)
    listing = reverse("library:group", args=[world.group.public_id])
    response = client.get(listing, {"collection": "notauuid"})
    assert response.status_code == 200
    assert "There is no such collection" in response.content.decode()
    assert response.context["page"].paginator.count == 1
    missing = "0f8fad5b-d9cb-469f-a165-70867728950e"
    response = client.get(listing, {"collection": missing})
    assert "There is no such collection" in response.content.decode()
    for params in ({"page": "abc"}, {"page": "99"}, {"principle": "nope"}, {"tag": "x"}):
        assert client.get(listing, params).status_code == 200
        assert client.get(reverse("library:shared"), params).status_code == 200
    discussions = reverse("discussions:list", args=[world.group.public_id])
    for params in ({"page": "abc"}, {"page": "-1"}, {"kind": "nope"}, {"sort": "x"}):
        assert client.get(discussions, params).status_code == 200


def test_a_removed_files_bytes_go_only_once_the_removal_is_committed(
    world, django_capture_on_commit_callbacks
):
    resource = add_file(world)
    storage, name = resource.file.storage, resource.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.resource_delete(resource=resource, by=world.member)
    assert storage.exists(name)  # a rollback now would leave the file in place
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_a_resource_can_serve_mana_motuhake(client, world):
    """Empowering others is one of the practice principles a resource can serve."""
    resource = services.resource_add(
        group=world.group,
        by=world.member,
        kind="link",
        title="Handing over the facilitation",
        url="https://example.org/hand-over",
        principles=["empower"],
    )
    client.force_login(world.member)
    listing = reverse("library:group", args=[world.group.public_id])
    page = client.get(listing, {"principle": "empower"})
    assert list(page.context["page"].object_list) == [resource]
    assert "Mana motuhake — empowering others" in page.text
