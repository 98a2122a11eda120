from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.core.models import ActivityEntry
from kahui.groups.models import LearningGroup, Status
from kahui.notifications import scheduler
from kahui.notifications.models import Notification
from kahui.rights import retention
from kahui.rights.models import RetentionNotice
from tests.conftest import make_group

pytestmark = pytest.mark.clock


def _closed_group(world, name: str, *, months_ago: int):
    group = make_group(world.facilitator, organisation=world.school, name=name)
    LearningGroup.objects.filter(pk=group.pk).update(
        status=Status.ARCHIVED, updated_at=timezone.now() - timedelta(days=31 * months_ago)
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
