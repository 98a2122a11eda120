import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kahui.core.models import ActivityEntry
from kahui.library import services as library
from kahui.notifications import scheduler
from kahui.notifications.models import Dispatch, Notification
from kahui.rights import exporting
from kahui.rights.models import DataExport
from tests.conftest import tiny_png
from tests.rights.helpers import everything, export_of, member_with_data


def test_the_export_holds_the_members_own_data_and_not_their_peers(
    world, client, django_capture_on_commit_callbacks
):
    member_with_data(world)
    _export, files = export_of(client, world.member, django_capture_on_commit_callbacks)

    assert "account.json" in files
    assert json.loads(files["account.json"])["email"] == "me@kowhai.example"
    profile = json.loads(files["profile.json"])
    assert profile["accounts.profile"][0]["bio"] == "Quokkabio ponders fractions"
    text = everything(files)
    assert (
        "Zebrawords only Mere may read"
        in files["reflection_journal_portfolio_feedback.json"].decode()
    )
    assert "Kiwicontribution shared with the group" in text
    assert "groups.groupmembership" in files["groups_and_memberships.json"].decode()
    # Another member's private journal, and any password hash, are not in it.
    assert "Pitasecret" not in text
    assert "pbkdf2" not in text
    assert "md5$" not in text
    assert world.member.password not in text


def test_the_export_carries_the_files_the_member_uploaded(
    world, client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    library.resource_add(
        group=world.group,
        by=world.member,
        kind="file",
        title="Slides",
        upload=SimpleUploadedFile("slides.png", tiny_png(), content_type="image/png"),
    )
    _export, files = export_of(client, world.member, django_capture_on_commit_callbacks)
    assert [name for name in files if name.startswith("files/library/")]


def test_the_owner_is_told_once_by_the_bell_and_by_email(
    world, client, django_capture_on_commit_callbacks
):
    export, _files = export_of(client, world.member, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=world.member, category="account").count() == 1
    assert Dispatch.objects.filter(key__startswith=f"export:{export.public_id}").count() == 1
    assert [m.to for m in mail.outbox] == [["me@kowhai.example"]]
    # The worker running it again tells no one twice.
    exporting.build_export.call(export_id=export.pk)
    assert Notification.objects.filter(user=world.member, category="account").count() == 1
    assert ActivityEntry.objects.filter(
        action="rights.export_requested", organisation=world.school
    ).exists()


def test_only_its_owner_can_download_an_export(world, client, django_capture_on_commit_callbacks):
    export, _files = export_of(client, world.member, django_capture_on_commit_callbacks)
    url = reverse("rights:export_download", args=[export.public_id])
    for other in (world.facilitator, world.admin, world.colleague):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_one_export_at_a_time(world, client):
    client.force_login(world.member)
    DataExport.objects.create(owner=world.member)  # still waiting for the worker
    response = client.post(reverse("rights:my_data"), follow=True)
    assert "already being made" in response.content.decode()
    assert DataExport.objects.filter(owner=world.member).count() == 1


@pytest.mark.clock
def test_an_export_is_deleted_with_its_file_after_it_expires(
    world, client, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    export, _files = export_of(client, world.member, django_capture_on_commit_callbacks)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)

    time_machine.shift(timedelta(days=exporting.KEEP_DAYS) - timedelta(minutes=1))
    scheduler.tick()
    assert DataExport.objects.filter(pk=export.pk).exists()

    time_machine.shift(timedelta(minutes=2))
    report = scheduler.tick()
    assert report.done["data exports expired"] == 1
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not storage.exists(name)


def test_my_data_page_lists_the_exports(world, client, django_assert_max_num_queries):
    DataExport.objects.create(owner=world.member, status="ready")
    client.force_login(world.member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:my_data"))
    assert response.status_code == 200
    assert "Ready to download" in response.content.decode()
