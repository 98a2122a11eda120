"""Notifications: reminders exactly once (even with two schedulers), nothing for
cancelled meetings, idempotent sending that survives a dead worker, retries,
digests, quiet hours, preferences and one-click unsubscribe."""

import threading
from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem
from kahui.notifications import scheduler, services
from kahui.notifications.models import Delivery, Dispatch, Notification, Preference, QuietHours
from kahui.notifications.timing import quiet_until
from kahui.scheduling import services as scheduling_services
from kahui.scheduling.models import AvailabilityPoll

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def schedule(world, days=2, hours=0):
    # Elapsed time, not wall-clock time: across a change of daylight saving, "in two
    # hours" is not "two hours later on the clock".
    start = timezone.localtime(timezone.now() + timedelta(days=days, hours=hours))
    [meeting] = meeting_services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=meeting_services.MeetingPlan(
            title="Hui",
            start_date=start.date(),
            start_time=start.time().replace(microsecond=0),
            time_zone=timezone.get_current_timezone_name(),
            duration_minutes=60,
            format="in_person",
            location="Library",
        ),
    )
    meeting.refresh_from_db()  # its times in UTC, so arithmetic on them is elapsed time
    return meeting


@pytest.fixture
def no_digest(world):
    """Nobody in the world takes the digest or calendar invitations: on a Monday morning
    somewhere a weekly digest would go out beside the reminders a test counts, and a
    meeting scheduled in the next two weeks brings invitations."""
    for user in (world.facilitator, world.member):
        Preference.objects.create(user=user, category="digest", delivery=Delivery.OFF)
        Preference.objects.create(user=user, category="calendar", delivery=Delivery.OFF)


def reminders():
    return [m for m in mail.outbox if "Reminder:" in m.subject]


def test_each_round_runs_the_jobs_that_meetings_scheduling_and_proposals_add(world):
    assert scheduler.jobs.names() == [
        "meetings upkeep",
        "meeting reminders",
        "minutes reminders",
        "overdue actions",
        "calendar invitations",
        "close polls",
        "close proposals",
        "proposal reminders",
        "close health checks",
        "health check reminders",
        "open health checks on cadence",
        "years of meeting",
        "forget roster previews",
        "expire data exports",
        "retention of closed groups",
        "rebuild recommendations",
        "webhook overdue actions",
        "webhook retries",
        "forget API rate windows",
    ]
    now = timezone.now()
    scheduling_services.poll_create(
        group=world.group,
        by=world.facilitator,
        title="When?",
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling_services.OptionPlan(
                day=timezone.localdate() + timedelta(days=3),
                start=time(15, 0),
                duration_minutes=60,
                format="in_person",
            )
        ],
        deadline=now + timedelta(hours=1),
    )
    ActionItem.objects.create(
        group=world.group, text="Share the reading", owner=world.member, due_on=now.date()
    )
    report = scheduler.tick(now + timedelta(days=2))
    assert report.done["polls closed"] == 1
    assert AvailabilityPoll.objects.get().closed_at is not None
    assert Notification.objects.filter(user=world.member, key__startswith="overdue:").exists()


@pytest.mark.usefixtures("no_digest")
def test_reminder_sent_once_when_the_scheduler_runs_twice(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world)
    at = meeting.starts_at - timedelta(hours=23)
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduler.tick(at)
    with django_capture_on_commit_callbacks(execute=True):
        second = scheduler.tick(at)
    assert len(first.queued) == 2  # facilitator and member
    assert second.queued == []
    assert sorted(m.to[0] for m in reminders()) == sorted(
        [world.facilitator.email, world.member.email]
    )
    message = reminders()[0]
    assert "Check-in" not in message.body or "Agenda" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert dict(message.alternatives) or message.alternatives


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_digest")
def test_two_schedulers_at_the_same_moment_queue_each_reminder_once(world):
    meeting = schedule(world)
    at = meeting.starts_at - timedelta(hours=23)
    barrier = threading.Barrier(2)
    reports = []

    def run():
        try:
            barrier.wait(timeout=5)
            reports.append(scheduler.tick(at))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(len(r.queued) for r in reports) == 2
    assert Dispatch.objects.filter(key__startswith="reminder:").count() == 2
    assert len(reminders()) == 2


def test_no_reminder_for_a_cancelled_meeting(world, django_capture_on_commit_callbacks):
    meeting = schedule(world)
    meeting_services.meeting_cancel(meeting=meeting, by=world.facilitator, reason="Closed")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = scheduler.tick(meeting.starts_at - timedelta(minutes=30))
    assert report.queued == []
    assert reminders() == []


@pytest.mark.usefixtures("no_digest")
def test_short_notice_meeting_gets_only_the_nearest_reminder(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world, days=0, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(meeting.starts_at - timedelta(minutes=50))
    keys = set(Dispatch.objects.values_list("key", flat=True))
    assert all(key.startswith("reminder:60:") for key in keys if key.startswith("reminder"))
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(meeting.starts_at - timedelta(minutes=40))
    assert len(reminders()) == 2


@pytest.mark.usefixtures("no_digest")
def test_a_dead_worker_leaves_the_email_to_be_sent_exactly_once(
    world, django_capture_on_commit_callbacks
):
    meeting = schedule(world)
    at = meeting.starts_at - timedelta(hours=23)

    class WorkerKilled(BaseException):
        """Stands for SIGKILL: nothing after this line runs, the transaction rolls back."""

    # The task backend records the crashed task as failed; its transaction rolls back.
    killed = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=WorkerKilled)
    with killed, django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(at)
    assert reminders() == []
    assert Dispatch.objects.filter(sent_at__isnull=True).count() == 2
    # Ten minutes on, the scheduler re-queues what the dead worker left; each goes once.
    with django_capture_on_commit_callbacks(execute=True):
        report = scheduler.tick(at + timedelta(minutes=11))
    assert report.requeued == 2
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(at + timedelta(minutes=22))
    assert len(reminders()) == 2
    assert Dispatch.objects.filter(sent_at__isnull=True).count() == 0


def test_failures_are_retried_then_given_up_visibly(world, django_capture_on_commit_callbacks):
    from kahui.notifications.tasks import MAX_ATTEMPTS, send_dispatch

    dispatch = services.queue_email(
        key="x:1",
        user=world.member,
        category="meetings",
        template="minutes_reminder",
        context={"meeting": schedule(world), "meeting_url": "/"},
    )
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")
    ):
        for _ in range(MAX_ATTEMPTS):
            send_dispatch.call(dispatch_id=dispatch.pk)
    dispatch.refresh_from_db()
    assert dispatch.attempts == MAX_ATTEMPTS
    assert dispatch.failed_at is not None
    assert "mail server down" in dispatch.last_error
    assert send_dispatch.call(dispatch_id=dispatch.pk) == "nothing to do"


def test_unsubscribe_link_works_without_login_for_that_user_and_category_only(client, world):
    token = services.unsubscribe_token(world.member, "polls")
    url = reverse("notifications:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Polls about meeting times" in page.content.decode()
    assert not Preference.objects.exists()  # a GET (link preview) changes nothing
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert services.delivery_for(world.member, "polls") == Delivery.OFF
    assert services.delivery_for(world.member, "meetings") == Delivery.IMMEDIATE
    assert services.delivery_for(world.facilitator, "polls") == Delivery.IMMEDIATE
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("notifications:unsubscribe", args=[tampered])).status_code == 404


def test_unsubscribed_people_see_the_bell_but_get_no_email(
    world, django_capture_on_commit_callbacks
):
    services.unsubscribe(user_id=world.member.pk, category="polls")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            users=[world.member],
            category="polls",
            title="When?",
            email_template="minutes_reminder",
            context={"meeting": schedule(world), "meeting_url": "/"},
        )
    assert Notification.objects.filter(user=world.member, title="When?").exists()
    assert not [m for m in mail.outbox if "Minutes for" in m.subject]


def test_daily_digest_collects_and_goes_once(world, django_capture_on_commit_callbacks):
    Preference.objects.create(user=world.member, category="actions", delivery=Delivery.DAILY)
    services.notify(users=[world.member], category="actions", title="Read chapter 3")
    zone = ZoneInfo(world.member.profile.time_zone)
    # The next digest time after the notification, whatever the hour now.
    now = timezone.localtime(timezone=zone)
    at = datetime.combine(now.date(), time(7, 30), tzinfo=zone)
    if at <= now:
        at = datetime.combine(now.date() + timedelta(days=1), time(7, 30), tzinfo=zone)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(at)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(at + timedelta(minutes=5))
    digests = [m for m in mail.outbox if "digest" in m.subject.lower()]
    assert len(digests) == 1
    assert "Read chapter 3" in digests[0].body
    assert Notification.objects.get(title="Read chapter 3").emailed_at is not None


def test_quiet_hours_hold_email_until_they_end(world, django_capture_on_commit_callbacks):
    QuietHours.objects.create(user=world.member, starts=time(21, 0), ends=time(7, 0))
    zone = ZoneInfo(world.member.profile.time_zone)
    night = datetime.combine(timezone.localdate(), time(23, 0), tzinfo=zone)
    at_night = mock.patch("django.utils.timezone.now", return_value=night)
    with at_night, django_capture_on_commit_callbacks(execute=True):
        services.queue_email(
            key="q:1",
            user=world.member,
            category="meetings",
            template="minutes_reminder",
            context={"meeting": schedule(world), "meeting_url": "/"},
        )
    assert Dispatch.objects.get(key="q:1").sent_at is None
    assert quiet_until(world.member, night).hour == 7


def test_bell_preferences_and_inbox(client, world):
    services.notify(users=[world.member], category="kudos", title="Thanks for the readings!")
    client.force_login(world.member)
    assert "1 unread" in client.get(reverse("notifications:bell")).content.decode()
    note = Notification.objects.get(user=world.member)
    response = client.post(reverse("notifications:open", args=[note.public_id]))
    assert response.status_code == 302
    assert "unread" not in client.get(reverse("notifications:bell")).content.decode()
    response = client.post(
        reverse("notifications:preferences"),
        {
            **{
                f"c_{c}": "weekly"
                for c in [
                    "invitations",
                    "join_requests",
                    "mentions",
                    "polls",
                    "meetings",
                    "actions",
                    "health",
                    "kudos",
                    "digest",
                ]
            },
            "quiet_start": "21:00",
            "quiet_end": "",
        },
    )
    assert "Give both ends of the quiet hours" in response.content.decode()


def test_inbox_query_count(client, world, django_assert_max_num_queries):
    for n in range(20):
        services.notify(users=[world.member], category="kudos", title=f"n{n}", group=world.group)
    client.force_login(world.member)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("notifications:inbox")).status_code == 200


def test_a_group_chooses_its_reminders(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.facilitator)
    data = {
        "format": "in_person",
        "scope": "internal",
        "organisation": world.school.pk,
        "frequency": "fortnightly",
        "meeting_minutes": "60",
        "target_size": "8",
        "access": "request",
        "reminder_minutes": ["180"],
        "version": world.group.version,
    }
    url = reverse("groups:edit", args=[world.group.public_id, "structure"])
    assert client.post(url, data).status_code == 302
    world.group.refresh_from_db()
    assert world.group.reminder_minutes == [180]
    meeting = schedule(world)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(meeting.starts_at - timedelta(hours=23))
    assert reminders() == []  # the one-day reminder is off for this group
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(meeting.starts_at - timedelta(hours=2))
    assert len(reminders()) == 2
    # ticking none turns reminders off altogether
    data["reminder_minutes"] = []
    data["version"] = world.group.version
    client.post(url, data)
    world.group.refresh_from_db()
    assert world.group.reminder_minutes == [0]


def test_plain_text_email_is_not_html_escaped_but_html_part_is(world):
    from kahui.core.email import render_templated_email

    world.group.name = "Reading & writing with O'Brien"
    subject, body, html = render_templated_email(
        template="join_request",
        context={
            "requester": "Seán O'Brien & Co",
            "group": world.group,
            "group_url": "/g/x/",
            "message": "<b>Kia ora</b>",
        },
    )
    assert "Seán O'Brien & Co asks to join Reading & writing with O'Brien" in subject
    assert "Seán O'Brien & Co would like to join “Reading & writing with O'Brien”" in body
    assert "“<b>Kia ora</b>”" in body
    assert "&amp;" not in body + subject
    assert "&#x27;" not in body + subject
    assert "O&#x27;Brien &amp; Co" in html
    assert "&lt;b&gt;Kia ora&lt;/b&gt;" in html


def test_muted_emails_queue_no_dispatch_but_keep_the_bell(
    world, django_capture_on_commit_callbacks
):
    from kahui.core.email import emails_muted

    with emails_muted(), django_capture_on_commit_callbacks(execute=True):
        notes = services.notify(
            users=[world.member],
            category="meetings",
            title="Minutes due",
            email_template="minutes_reminder",
            context={"meeting": schedule(world), "meeting_url": "/"},
        )
        dispatch = services.queue_email(
            key="muted:1",
            user=world.member,
            category="meetings",
            template="minutes_reminder",
            context={"meeting": schedule(world), "meeting_url": "/"},
        )
    assert dispatch is None
    assert not Dispatch.objects.exists()
    assert [note.title for note in notes] == ["Minutes due"]
    assert Notification.objects.get(title="Minutes due").emailed_at is None
    assert not [m for m in mail.outbox if "Minutes for" in m.subject]


def test_the_settings_page_reads_all_preferences_at_once(
    client, world, django_assert_max_num_queries
):
    from kahui.notifications.models import Category, Preference

    for category in list(Category)[:3]:
        Preference.objects.create(user=world.member, category=category, delivery="off")
    client.force_login(world.member)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200


# ---- every email goes out exactly once ------------------------------------------------


def _invite_to_group(world, address):
    from kahui.groups import services as group_services

    [invite] = group_services.group_invite(
        group=world.group, by=world.facilitator, emails=[address]
    )
    return f"group-invite:{invite.public_id}"


def _invite_to_org(world, address):
    from kahui.orgs import services as org_services

    [invite] = org_services.org_invite(org=world.school, by=world.admin, emails=[address])
    return f"org-invite:{invite.public_id}"


def _invite_a_guest(world, address):
    from tests.conftest import make_meeting

    guest = meeting_services.guest_invite(
        meeting=make_meeting(world), by=world.facilitator, name="Dr Rangi", email=address
    )
    return f"guest:{guest.public_id}"


@pytest.mark.parametrize(
    ("send", "template"),
    [
        (_invite_to_group, "group_invite"),
        (_invite_to_org, "org_invite"),
        (_invite_a_guest, "meeting_guest"),
    ],
)
def test_invitations_and_guest_emails_go_out_exactly_once(
    world, django_capture_on_commit_callbacks, send, template
):
    address = "nobody-yet@elsewhere.example"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        key = send(world, address)
    dispatch = Dispatch.objects.get()
    assert (dispatch.key, dispatch.user, dispatch.email) == (key, None, address)
    assert dispatch.sent_at is not None
    assert [m.to for m in mail.outbox] == [[address]]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers  # no account to unsubscribe
    # Queued a second time under the same key, nothing more goes out.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.queue_email(key=key, email=address, template=template, context={})
    assert again is None
    assert Dispatch.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_invitation_that_failed_is_retried_and_sent_once(
    world, django_capture_on_commit_callbacks
):
    from kahui.notifications.tasks import send_dispatch

    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _invite_to_group(world, "new@elsewhere.example")
    dispatch = Dispatch.objects.get()
    assert (dispatch.attempts, dispatch.sent_at) == (1, None)
    assert "mail server down" in dispatch.last_error
    assert mail.outbox == []
    assert send_dispatch.call(dispatch_id=dispatch.pk) == "sent"
    assert send_dispatch.call(dispatch_id=dispatch.pk) == "nothing to do"
    assert [m.to for m in mail.outbox] == [["new@elsewhere.example"]]


def test_an_invitation_is_written_in_the_language_of_the_account_it_reaches(
    world, django_capture_on_commit_callbacks
):
    world.colleague.profile.language = "mi"
    world.colleague.profile.save()
    with (
        mock.patch.object(
            services, "render_templated_email", wraps=services.render_templated_email
        ) as render,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _invite_to_group(world, "col@kowhai.example")
        _invite_to_org(world, "new@elsewhere.example")
    assert [call.kwargs["language"] for call in render.call_args_list] == ["mi", "en"]


def test_invitations_made_while_emails_are_muted_queue_nothing(
    world, django_capture_on_commit_callbacks
):
    from kahui.core.email import emails_muted

    with emails_muted(), django_capture_on_commit_callbacks(execute=True):
        _invite_to_group(world, "a@elsewhere.example")
        _invite_to_org(world, "b@elsewhere.example")
        _invite_a_guest(world, "c@elsewhere.example")
    assert not Dispatch.objects.exists()
    assert mail.outbox == []


def test_account_emails_go_out_exactly_once(client, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress

    from kahui.notifications.tasks import send_dispatch
    from tests.conftest import PASSWORD

    signup = {
        "display_name": "Sanne de Vries",
        "email": "sanne@school.example",
        "role": "teacher",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup)
    [verification] = Dispatch.objects.all()
    assert verification.key.startswith("account:email_confirmation_signup:")
    assert (verification.user, verification.email) == (None, "sanne@school.example")
    assert verification.sent_at is not None
    EmailAddress.objects.filter(email="sanne@school.example").update(verified=True)
    client.logout()
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("account_reset_password"), {"email": "sanne@school.example"})
    reset = Dispatch.objects.exclude(pk=verification.pk).get()
    assert reset.key.startswith("account:password_reset_key:")
    assert reset.sent_at is None
    assert send_dispatch.call(dispatch_id=reset.pk) == "sent"
    assert send_dispatch.call(dispatch_id=reset.pk) == "nothing to do"
    assert [m.to for m in mail.outbox] == [["sanne@school.example"]] * 2


@pytest.mark.usefixtures("no_digest")
def test_the_scheduler_command_says_what_one_round_queued(world, time_machine):
    from io import StringIO

    from django.core.management import call_command

    meeting = schedule(world)
    time_machine.move_to(meeting.starts_at - timedelta(hours=23))
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert out.getvalue().startswith("queued 2 emails")
    # A second round finds nothing new and says nothing; without --once it waits
    # the interval between rounds.
    quiet = StringIO()
    sleep = "kahui.notifications.management.commands.scheduler.time.sleep"
    with (
        mock.patch(sleep, side_effect=KeyboardInterrupt) as waited,
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("scheduler", "--interval", "5", stdout=quiet)
    waited.assert_called_once_with(5)
    assert quiet.getvalue() == ""
