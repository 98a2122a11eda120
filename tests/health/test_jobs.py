"""The periodic work of health checks at chosen moments: a check opens on the group's
cadence, once however often the scheduler runs; the reminder goes once, two days
before closing, to those who have not answered, through their preferences and quiet
hours; a check closes at its time."""

import threading
from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from kahui.core.models import ActivityEntry
from kahui.groups.models import LearningGroup, Status
from kahui.health import jobs, services
from kahui.health.activity import HealthActivity
from kahui.health.models import HealthCheck
from kahui.notifications import scheduler
from kahui.notifications.models import Delivery, Dispatch, Notification, Preference, QuietHours
from kahui.notifications.scheduler import TickReport
from tests.health.conftest import scores

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def every_six_weeks(world, now, **kwargs):
    return services.health_settings_save(
        group=world.group,
        by=world.facilitator,
        cadence_weeks=kwargs.get("cadence_weeks", 6),
        open_days=7,
        threshold=4,
        now=now,
    )


def run(job, at) -> TickReport:
    report = TickReport()
    job(at, report)
    return report


def test_the_scheduler_runs_the_health_jobs_closing_first():
    names = [name for name in scheduler.jobs.names() if "health" in name]
    assert names == [
        "close health checks",
        "health check reminders",
        "open health checks on cadence",
    ]


@pytest.mark.usefixtures("team")
def test_the_cadence_opens_a_check_once_each_period(world):
    start = timezone.now()
    every_six_weeks(world, start)
    due = start + timedelta(weeks=6)
    assert run(jobs.open_health_checks, due - timedelta(minutes=1)).done == {}
    assert run(jobs.open_health_checks, due).done["health checks opened"] == 1
    assert run(jobs.open_health_checks, due).done == {}  # the scheduler's next round
    check = HealthCheck.objects.get()
    assert (check.number, check.opened_at, check.opened_by) == (1, due, None)
    assert check.closes_at == due + timedelta(days=7)
    entry = ActivityEntry.objects.get(action=HealthActivity.OPENED_ON_CADENCE)
    assert entry.actor is None
    assert Notification.objects.filter(category="health").count() == 6

    # It closes a week later; the next opens six weeks after this one opened.
    assert run(jobs.close_health_checks, check.closes_at - timedelta(minutes=1)).done == {}
    assert run(jobs.close_health_checks, check.closes_at).done["health checks closed"] == 1
    assert run(jobs.open_health_checks, due + timedelta(weeks=6, minutes=-1)).done == {}
    run(jobs.open_health_checks, due + timedelta(weeks=6))
    assert list(HealthCheck.objects.values_list("number", flat=True)) == [2, 1]


def test_no_cadence_no_check_and_no_check_where_none_could_show_results(world, team):
    start = timezone.now()
    later = start + timedelta(weeks=20)
    every_six_weeks(world, start, cadence_weeks=0)
    assert run(jobs.open_health_checks, later).done == {}
    every_six_weeks(world, start)
    LearningGroup.objects.filter(pk=world.group.pk).update(status=Status.ARCHIVED)
    assert run(jobs.open_health_checks, later).done == {}
    LearningGroup.objects.filter(pk=world.group.pk).update(status=Status.ACTIVE)
    world.group.memberships.filter(user__in=team[3:]).delete()  # three left, four needed
    assert run(jobs.open_health_checks, later).done == {}
    assert not HealthCheck.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("team")
def test_two_schedulers_at_the_same_moment_open_one_check(world):
    start = timezone.now()
    every_six_weeks(world, start)
    due = start + timedelta(weeks=6)
    barrier = threading.Barrier(2)

    def tick():
        try:
            barrier.wait(timeout=5)
            run(jobs.open_health_checks, due)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert HealthCheck.objects.count() == 1
    assert Notification.objects.filter(category="health").count() == 6


def test_the_reminder_goes_once_two_days_before_closing_to_those_who_have_not_answered(
    world, team, django_capture_on_commit_callbacks
):
    opened = timezone.now()
    check = services.check_open(group=world.group, by=world.facilitator, now=opened)
    for person in team[:2]:
        services.answer_save(check=check, by=person, scores=scores(4))
    Preference.objects.create(user=team[5], category="health", delivery=Delivery.OFF)
    due = check.closes_at - timedelta(days=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run(jobs.health_check_reminders, due - timedelta(minutes=1)).done == {}
        first = run(jobs.health_check_reminders, due)
        second = run(jobs.health_check_reminders, due + timedelta(minutes=1))
    assert first.done["health check reminders"] == 4
    assert second.done == {}
    assert sorted(
        Dispatch.objects.filter(key__startswith="health-reminder").values_list("key", flat=True)
    ) == sorted(f"health-reminder:{check.pk}:{person.pk}" for person in team[2:5])
    reminded = {m.to[0] for m in mail.outbox if "closes soon" in m.subject}
    assert reminded == {person.email for person in team[2:5]}
    bells = Notification.objects.filter(title__contains="closes soon")
    assert set(bells.values_list("user", flat=True)) == {p.pk for p in team[2:]}


def test_a_short_check_is_reminded_a_day_after_it_opened_and_a_closed_one_never(world, team):
    opened = timezone.now()
    check = services.check_open(
        group=world.group, by=world.facilitator, now=opened, closes_at=opened + timedelta(days=2)
    )
    assert run(jobs.health_check_reminders, opened + timedelta(hours=23)).done == {}
    assert (
        run(jobs.health_check_reminders, opened + timedelta(days=1)).done["health check reminders"]
        == 6
    )
    services.check_close(check=check, now=opened + timedelta(days=1, hours=1))
    other = services.check_open(
        group=world.group, by=world.facilitator, now=opened + timedelta(days=3)
    )
    services.check_close(check=other, now=opened + timedelta(days=4))
    assert run(jobs.health_check_reminders, other.closes_at - timedelta(hours=1)).done == {}


def test_the_reminder_waits_out_quiet_hours(world, team, django_capture_on_commit_callbacks):
    member = world.member
    QuietHours.objects.create(user=member, starts=time(21, 0), ends=time(7, 0))
    zone = ZoneInfo(member.profile.time_zone)
    night = datetime.combine(timezone.localdate(timezone=zone), time(23, 0), tzinfo=zone)
    check = services.check_open(
        group=world.group,
        by=world.facilitator,
        now=night - timedelta(days=3),
        closes_at=night + timedelta(days=1),
    )
    due = check.closes_at - timedelta(days=2)
    assert due <= night < check.closes_at
    with (
        mock.patch("django.utils.timezone.now", return_value=night),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run(jobs.health_check_reminders, night)
    held = Dispatch.objects.get(key=f"health-reminder:{check.pk}:{member.pk}")
    assert held.sent_at is None
    sent = Dispatch.objects.get(key=f"health-reminder:{check.pk}:{world.facilitator.pk}")
    assert sent.sent_at is not None


def test_a_check_closes_at_its_time_with_its_results(world, team):
    opened = timezone.now()
    check = services.check_open(group=world.group, by=world.facilitator, now=opened)
    for person in team[:4]:
        services.answer_save(check=check, by=person, scores=scores(3, depth=2))
    run(jobs.close_health_checks, check.closes_at - timedelta(seconds=1))
    check.refresh_from_db()
    assert check.is_open
    run(jobs.close_health_checks, check.closes_at)
    check.refresh_from_db()
    assert not check.is_open
    assert check.published
    assert check.tallies["depth"] == [0, 4, 0, 0, 0]
