"""Each of the five events makes exactly one delivery per endpoint that wants it, and
carries only what the organisation's administrators see: no meeting titles, minutes,
action texts or anything private."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from kahui.groups import services as group_services
from kahui.meetings import services as meeting_services
from kahui.notifications import scheduler
from kahui.webhooks import services
from kahui.webhooks.events import payload
from kahui.webhooks.models import Delivery, Event, EventType
from tests.conftest import make_group, make_meeting, make_user

pytestmark = pytest.mark.django_db


def events_of(kind: str) -> list[Event]:
    return list(Event.objects.filter(type=kind))


def test_a_meeting_scheduled_makes_one_delivery_without_its_title(world, hook):
    meeting = make_meeting(world, title="Private: talking about Tama")
    (event,) = events_of(EventType.MEETING_SCHEDULED)
    assert Delivery.objects.filter(event=event, endpoint=hook).count() == 1
    data = event.data
    assert data["group"]["id"] == str(world.group.public_id)
    assert data["meeting"]["id"] == str(meeting.public_id)
    assert data["meeting"]["starts_at"] == meeting.starts_at.isoformat()
    assert "Tama" not in json.dumps(payload(event))


def test_minutes_are_published_once_however_often_they_are_saved(world, hook):
    meeting = make_meeting(world)
    saved = meeting_services.minutes_save(
        meeting=meeting, by=world.facilitator, text="We talked about Tama.", version=0
    )
    meeting_services.minutes_save(
        meeting=saved, by=world.facilitator, text="We talked.", version=saved.minutes_version
    )
    (event,) = events_of(EventType.MINUTES_PUBLISHED)
    assert Delivery.objects.filter(event=event).count() == 1
    assert event.data["meeting"]["id"] == str(meeting.public_id)
    assert "Tama" not in json.dumps(payload(event))


def test_a_group_is_created_when_it_opens(world, hook):
    group = group_services.group_create(by=world.facilitator, name="Maths talk", purpose="Talk")
    group_services.group_update(
        group=group, by=world.facilitator, version=None, organisation=world.school
    )
    assert not events_of(EventType.GROUP_CREATED)  # being set up: its facilitators' alone
    group = make_group(world.facilitator, name="Oral language", organisation=world.school)
    (event,) = events_of(EventType.GROUP_CREATED)
    assert event.data == {
        "group": {
            "id": str(group.public_id),
            "name": "Oral language",
            "url": event.data["group"]["url"],
        }
    }
    assert event.data["group"]["url"].endswith(f"/groups/{group.public_id}/")
    assert Delivery.objects.filter(event=event).count() == 1


def test_someone_joining_a_group_is_a_member_joined(world, hook):
    request = group_services.join_request_create(group=world.group, user=world.colleague)
    group_services.join_request_decide(request=request, by=world.facilitator, approve=True)
    (event,) = events_of(EventType.MEMBER_JOINED)
    assert event.data["member"] == {
        "id": str(world.colleague.public_id),
        "name": world.colleague.display_name,
    }
    assert event.data["group"]["id"] == str(world.group.public_id)
    assert Delivery.objects.filter(event=event).count() == 1


@pytest.mark.clock
def test_an_overdue_action_is_sent_once(world, hook, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    today = timezone.localdate()
    action = meeting_services.action_add(
        group=world.group,
        by=world.facilitator,
        text="Read about Tama's reading",
        owner=world.member,
        due_on=today + timedelta(days=1),
    )
    scheduler.tick()
    assert not events_of(EventType.ACTION_OVERDUE)
    time_machine.shift(timedelta(days=3))
    scheduler.tick()
    scheduler.tick()
    (event,) = events_of(EventType.ACTION_OVERDUE)
    assert event.data["action"]["id"] == str(action.public_id)
    assert event.data["action"]["due_on"] == action.due_on.isoformat()
    assert "Tama" not in json.dumps(payload(event))
    assert Delivery.objects.filter(event=event).count() == 1


def test_events_of_another_organisation_are_not_sent(world, hook):
    other = make_user("x@elsewhere.example", organisation=world.other_school)
    make_group(other, name="Elsewhere group", organisation=world.other_school)
    assert not Event.objects.exists()


def test_a_change_rolled_back_sends_nothing(world, hook):
    def schedule_then_fail() -> None:
        with transaction.atomic():
            make_meeting(world)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        schedule_then_fail()
    assert not Event.objects.exists()
    assert not Delivery.objects.exists()


def test_two_endpoints_each_get_one_delivery(world, hook, receiver):
    second = services.endpoint_create(
        organisation=world.school, by=world.admin, url=receiver.url, events=["meeting.scheduled"]
    )
    make_meeting(world)
    (event,) = Event.objects.all()
    assert sorted(
        Delivery.objects.filter(event=event).values_list("endpoint", flat=True)
    ) == sorted([hook.pk, second.pk])
