"""Calendar invitations by email (iMIP): sent ahead of each meeting, updated when it
moves, cancelled when it is cancelled, each version once, never to people who chose
their calendar subscription instead."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kahui.meetings import services as meeting_services
from kahui.notifications import scheduler
from kahui.notifications.models import Delivery, Preference

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture(autouse=True)
def no_digest(world):
    for user in (world.facilitator, world.member):
        Preference.objects.create(user=user, category="digest", delivery=Delivery.OFF)


def schedule(world, days):
    start = timezone.localtime(timezone.now() + timedelta(days=days))
    [meeting] = meeting_services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=meeting_services.MeetingPlan(
            title="Hui",
            start_date=start.date(),
            start_time=start.time().replace(microsecond=0, second=0),
            time_zone=timezone.get_current_timezone_name(),
            duration_minutes=60,
            format="in_person",
            location="Library",
        ),
    )
    meeting.refresh_from_db()
    return meeting


def invitations():
    """(recipient, METHOD, the VEVENT) of each invitation sent, in order."""
    found = []
    for message in mail.outbox:
        for content, mimetype in message.alternatives:
            if mimetype.startswith("text/calendar"):
                calendar = Calendar.from_ical(content)
                assert f"method={calendar['method']}" in mimetype
                [event] = calendar.walk("VEVENT")
                found.append((message.to[0], str(calendar["method"]), event))
    return found


def tick(django_capture_on_commit_callbacks, at=None):
    with django_capture_on_commit_callbacks(execute=True):
        return scheduler.tick(at or timezone.now())


def test_members_get_one_invitation_their_calendar_can_add(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world, days=3)
    tick(django_capture_on_commit_callbacks)
    tick(django_capture_on_commit_callbacks)
    sent = invitations()
    assert sorted(to for to, _method, _event in sent) == sorted(
        [world.facilitator.email, world.member.email]
    )
    for to, method, event in sent:
        assert method == "REQUEST"
        assert str(event["uid"]) == f"{meeting.public_id}@kahui"
        assert int(event["sequence"]) == 0
        assert str(event["attendee"]) == f"mailto:{to}"
        assert event.decoded("dtstart") == meeting.starts_at
    message = mail.outbox[0]
    assert any(name == "invite.ics" for name, _content, _type in message.attachments)
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_moved_meeting_updates_and_a_cancelled_one_is_removed_with_a_higher_sequence(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world, days=3)
    tick(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = timezone.localtime(meeting.starts_at + timedelta(days=1))
    meeting_services.meeting_move(
        meeting=meeting,
        by=world.facilitator,
        start_date=later.date(),
        start_time=later.time(),
        duration_minutes=60,
        location="Staffroom",
        online_url="",
        format="in_person",
    )
    tick(django_capture_on_commit_callbacks)
    moved = [event for to, method, event in invitations() if method == "REQUEST"]
    assert {int(event["sequence"]) for event in moved} == {1}
    assert {str(event["location"]) for event in moved} == {"Staffroom"}
    assert len(moved) == 2  # the facilitator's own calendar follows too
    mail.outbox.clear()
    meeting.refresh_from_db()
    meeting_services.meeting_cancel(meeting=meeting, by=world.facilitator, reason="Snow day")
    tick(django_capture_on_commit_callbacks)
    cancelled = [(method, event) for to, method, event in invitations()]
    assert {method for method, _event in cancelled} == {"CANCEL"}
    assert {int(event["sequence"]) for _method, event in cancelled} == {2}
    assert {str(event["status"]) for _method, event in cancelled} == {"CANCELLED"}


def test_people_who_use_their_calendar_address_get_no_invitations(
    world, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=world.member, category="calendar", delivery=Delivery.OFF)
    schedule(world, days=3)
    tick(django_capture_on_commit_callbacks)
    assert [to for to, _method, _event in invitations()] == [world.facilitator.email]


def test_invitations_wait_until_two_weeks_ahead_and_unseen_cancellations_send_nothing(
    world, django_capture_on_commit_callbacks
):
    far = schedule(world, days=30)
    tick(django_capture_on_commit_callbacks)
    assert invitations() == []
    tick(django_capture_on_commit_callbacks, at=far.starts_at - timedelta(days=13))
    assert len(invitations()) == 2
    mail.outbox.clear()
    never_seen = schedule(world, days=40)
    meeting_services.meeting_cancel(meeting=never_seen, by=world.facilitator)
    tick(django_capture_on_commit_callbacks, at=never_seen.starts_at - timedelta(days=1))
    assert invitations() == []


def test_the_preferences_page_offers_invitations_or_the_subscription(client, world):
    client.force_login(world.member)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "email me invitations my calendar can add" in page
    assert "I subscribe to my calendar address instead" in page


def test_a_second_parser_reads_the_invitation_its_update_and_its_cancellation(
    world, django_capture_on_commit_callbacks
):
    """vobject, a parser apart from the icalendar library that writes the invitations,
    reads each version the member gets: one UID, the SEQUENCE going up, the METHOD."""
    import vobject

    def member_versions():
        texts = []
        for message in mail.outbox:
            if message.to == [world.member.email]:
                texts += [c for c, kind in message.alternatives if kind.startswith("text/calendar")]
        mail.outbox.clear()
        return [vobject.readOne(text) for text in texts]

    meeting = schedule(world, days=3)
    first_start = meeting.starts_at
    tick(django_capture_on_commit_callbacks)
    versions = member_versions()
    later = timezone.localtime(meeting.starts_at + timedelta(days=1))
    meeting_services.meeting_move(
        meeting=meeting,
        by=world.facilitator,
        start_date=later.date(),
        start_time=later.time(),
        duration_minutes=60,
        location="Staffroom",
        online_url="",
        format="in_person",
    )
    tick(django_capture_on_commit_callbacks)
    versions += member_versions()
    meeting.refresh_from_db()
    meeting_services.meeting_cancel(meeting=meeting, by=world.facilitator, reason="Snow day")
    tick(django_capture_on_commit_callbacks)
    versions += member_versions()

    assert [v.method.value for v in versions] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [v.vevent for v in versions]
    assert {e.uid.value for e in events} == {f"{meeting.public_id}@kahui"}
    assert [int(e.sequence.value) for e in events] == [0, 1, 2]
    # The wall-clock time in the meeting's zone, by name (vobject reads the offset
    # from the VTIMEZONE through dateutil, which does not follow its RDATE lists).
    for event, starts in zip(events, [first_start, meeting.starts_at], strict=False):
        (zone,) = event.dtstart.params["X-VOBJ-ORIGINAL-TZID"]
        local = starts.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        assert event.dtstart.value.replace(tzinfo=None) == local
    assert events[1].location.value == "Staffroom"
    assert events[2].status.value == "CANCELLED"
    assert events[0].attendee.value == f"mailto:{world.member.email}"
