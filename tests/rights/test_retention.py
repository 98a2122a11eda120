import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from kahui.core.models import ActivityEntry
from kahui.groups import services as groups
from kahui.groups.models import LearningGroup, Status
from kahui.inquiry.models import EvidenceItem, InquiryCycle
from kahui.library import services as library
from kahui.notifications import scheduler
from kahui.notifications.models import Notification
from kahui.rights import retention
from kahui.rights.models import RetentionNotice
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.clock


def _closed_group(world, name: str, *, months_ago: int):
    group = make_group(world.facilitator, organisation=world.school, name=name)
    closed = timezone.now() - timedelta(days=31 * months_ago)
    LearningGroup.objects.filter(pk=group.pk).update(
        status=Status.ARCHIVED, closed_at=closed, updated_at=closed
    )
    return group


def test_closed_groups_past_retention_are_noticed_then_deleted(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    old = _closed_group(world, "Old inquiry", months_ago=7)
    recent = _closed_group(world, "Recent inquiry", months_ago=2)
    retention.retention_set(organisation=world.school, by=world.admin, months=6)

    report = scheduler.tick()
    assert report.done["closed groups noticed"] == 1
    assert RetentionNotice.objects.filter(group=old).exists()
    note = Notification.objects.get(user=world.admin, category="account")
    assert "Old inquiry" in note.title
    assert scheduler.tick().done["closed groups noticed"] == 0  # told once

    time_machine.shift(timedelta(days=retention.NOTICE_DAYS) - timedelta(minutes=5))
    scheduler.tick()
    assert LearningGroup.objects.filter(pk=old.pk).exists()

    time_machine.shift(timedelta(minutes=10))
    assert scheduler.tick().done["closed groups deleted"] == 1
    assert not LearningGroup.objects.filter(pk=old.pk).exists()
    assert LearningGroup.objects.filter(pk=recent.pk).exists()
    assert LearningGroup.objects.filter(pk=world.group.pk).exists()  # active
    assert ActivityEntry.objects.filter(
        action="rights.group_deleted", organisation=world.school, target="Old inquiry"
    ).exists()


def test_a_group_opened_again_or_no_retention_keeps_it(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    old = _closed_group(world, "Old inquiry", months_ago=30)
    scheduler.tick()
    assert not RetentionNotice.objects.exists()  # no retention set: kept for ever

    retention.retention_set(organisation=world.school, by=world.admin, months=12)
    scheduler.tick()
    assert RetentionNotice.objects.filter(group=old).exists()
    LearningGroup.objects.filter(pk=old.pk).update(status=Status.ACTIVE)
    time_machine.shift(timedelta(days=retention.NOTICE_DAYS + 1))
    scheduler.tick()
    assert LearningGroup.objects.filter(pk=old.pk).exists()
    assert not RetentionNotice.objects.exists()


def test_admins_set_retention_on_its_page(world, client):
    client.force_login(world.admin)
    url = reverse("rights:retention", args=[world.school.slug])
    assert client.post(url, {"months": "0"}).status_code == 400
    assert client.post(url, {"months": "18"}).status_code == 302
    assert world.school.retention.months == 18
    assert client.post(url, {"months": ""}).status_code == 302
    world.school.retention.refresh_from_db()
    assert world.school.retention.months is None
    assert ActivityEntry.objects.filter(action="rights.retention_set").count() == 2


def test_the_last_member_leaving_closes_the_group_at_that_moment(world, time_machine):
    time_machine.move_to(datetime(2026, 3, 4, 5, 6, tzinfo=UTC), tick=False)
    group = make_group(world.member, organisation=world.school, name="Alone")
    assert group.closed_at is None
    groups.group_leave(group=group, user=world.member)
    group.refresh_from_db()
    assert group.status == Status.ARCHIVED
    assert group.closed_at == datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def test_retention_counts_from_when_the_group_was_closed(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    # Closed long ago, changed lately (a facilitator's late edit): due.
    long_closed = _closed_group(world, "Long closed", months_ago=8)
    LearningGroup.objects.filter(pk=long_closed.pk).update(updated_at=now)
    # Changed long ago, closed lately: kept.
    lately_closed = _closed_group(world, "Lately closed", months_ago=8)
    LearningGroup.objects.filter(pk=lately_closed.pk).update(closed_at=now - timedelta(days=3))
    # Closed before the moment was kept: counted from its last change.
    unknown = _closed_group(world, "Unknown", months_ago=8)
    LearningGroup.objects.filter(pk=unknown.pk).update(closed_at=None)
    policy = retention.retention_set(organisation=world.school, by=world.admin, months=6)
    due = set(retention.due_groups(policy, now).values_list("name", flat=True))
    assert due == {"Long closed", "Unknown"}


def test_the_migration_dates_closed_groups_from_their_last_change(world):
    closed = _closed_group(world, "Closed", months_ago=3)
    LearningGroup.objects.filter(pk=closed.pk).update(closed_at=None)
    migration = importlib.import_module("kahui.groups.migrations.0007_group_closed_at")
    migration.closed_when_last_changed(django_apps, None)
    closed.refresh_from_db()
    world.group.refresh_from_db()
    assert closed.closed_at == closed.updated_at
    assert world.group.closed_at is None  # active


def test_deleting_a_group_removes_its_files_but_not_others_or_shared_copies(
    world, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    old = _closed_group(world, "Old inquiry", months_ago=7)
    old.memberships.create(user=world.member, role="member")

    def upload(group, name):
        return library.resource_add(
            group=group,
            by=world.facilitator,
            kind="file",
            title=name,
            upload=SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode()),
        )

    plan = upload(old, "plan.pdf")
    shared = upload(old, "shared.pdf")
    copy = library.resource_copy(resource=shared, to_group=world.group, by=world.facilitator)
    cycle = InquiryCycle.objects.create(group=old, number=1, question="What helps?", stage="notice")
    sample = EvidenceItem.objects.create(
        cycle=cycle,
        stage="notice",
        kind="sample",
        title="Writing",
        file=SimpleUploadedFile("writing.pdf", b"%PDF-1.4 writing"),
    )
    elsewhere = upload(world.group, "elsewhere.pdf")
    storage = plan.file.storage
    names = [plan.file.name, shared.file.name, sample.file.name, elsewhere.file.name]
    assert all(storage.exists(name) for name in names)
    storage.delete(plan.file.name)  # already missing: no error

    retention.retention_set(organisation=world.school, by=world.admin, months=6)
    scheduler.tick()
    time_machine.shift(timedelta(days=retention.NOTICE_DAYS + 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler.tick().done["closed groups deleted"] == 1

    assert not LearningGroup.objects.filter(pk=old.pk).exists()
    assert not storage.exists(sample.file.name)
    assert storage.exists(elsewhere.file.name)  # another group's
    assert storage.exists(copy.file.name)  # the copy in another group still uses it
    assert copy.file.name == shared.file.name


def test_a_deletion_rolled_back_keeps_the_files(world, django_capture_on_commit_callbacks):
    old = _closed_group(world, "Old inquiry", months_ago=7)
    plan = library.resource_add(
        group=old,
        by=world.facilitator,
        kind="file",
        title="Plan",
        upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
    )
    pk = old.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                retention._delete_group(old)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert plan.file.storage.exists(plan.file.name)
    assert LearningGroup.objects.filter(pk=pk).exists()


def test_each_administrator_is_told_in_their_language(world, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    dutch = make_user("nl@kowhai.example", "Daan Beheerder", organisation=world.school)
    world.school.memberships.create(user=dutch, role="admin")
    dutch.profile.language = "nl"
    dutch.profile.save()
    _closed_group(world, "Old inquiry", months_ago=7)
    retention.retention_set(organisation=world.school, by=world.admin, months=6)
    with translation.override("en"):
        scheduler.tick()
    english = Notification.objects.get(user=world.admin, category="account")
    assert english.title == "The closed group “Old inquiry” will be deleted in 14 days"
    note = Notification.objects.get(user=dutch, category="account")
    assert note.title == "De gesloten groep “Old inquiry” wordt over 14 dagen verwijderd"


def test_a_deleted_group_leaves_nothing_in_the_search_index(world):
    from django.db import connection

    from kahui.core import search
    from kahui.core.models import SearchDocument
    from kahui.discussions import services as talk

    old = _closed_group(world, "Old inquiry", months_ago=7)
    talk.thread_start(
        group=old, by=world.facilitator, kind="idea", title="Zebrafish", body="Zebrafish ideas"
    )
    search.reindex_all()
    group_id = old.pk
    assert SearchDocument.objects.filter(group_id=group_id).exists()

    retention._delete_group(old)

    assert not SearchDocument.objects.filter(group_id=group_id).exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'zebrafish'")
            assert cursor.fetchone()[0] == 0
