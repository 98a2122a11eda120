"""The professional-learning record: hours from attendance (as the meetings app counts
them) plus logged activities, by calendar year in the person's time zone, its CSV,
and that it is its owner's alone."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.meetings import selectors as meeting_selectors
from kahui.recognition import selectors, services
from kahui.recognition.models import LearningActivity
from tests.conftest import make_group
from tests.recognition.helpers import held_meeting, members_since

pytestmark = pytest.mark.django_db

# A winter's afternoon in Auckland (NZST, UTC+12).
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)


@pytest.fixture
def year(world, time_machine):
    """Mere's 2026 so far, and a meeting on each side of New Year in Auckland."""
    time_machine.move_to(NOW, tick=False)
    members_since(world, datetime(2024, 1, 1, tzinfo=UTC))
    # 31 Dec 2025 at 11:30 UTC is 1 January 2026, 00:30 in Auckland: it counts in 2026.
    held_meeting(world, starts=datetime(2025, 12, 31, 11, 30, tzinfo=UTC), attended=[world.member])
    # 31 Dec 2025 at 10:30 UTC is 23:30 on New Year's Eve in Auckland: 2025.
    held_meeting(
        world,
        starts=datetime(2025, 12, 31, 10, 30, tzinfo=UTC),
        attended=[world.member],
        minutes=45,
    )
    held_meeting(
        world, starts=datetime(2026, 5, 20, 3, 30, tzinfo=UTC), attended=[world.member], minutes=50
    )
    services.learning_activity_add(
        user=world.member,
        kind="reading",
        done_on=date(2026, 3, 2),
        minutes=90,
        note="=HYPERLINK(evil) Hattie on feedback",
        group=world.group,
    )
    services.learning_activity_add(
        user=world.member, kind="course", done_on=date(2026, 4, 10), minutes=180, note="ESOL course"
    )
    return world


def test_the_years_hours_come_from_attendance_and_logged_learning(year):
    hours = selectors.learning_hours(year.member, year=2026)
    assert (hours.meetings, hours.meeting_minutes) == (2, 110)
    assert (hours.activities, hours.activity_minutes) == (2, 270)
    assert hours.hours == round(380 / 60, 2)
    assert selectors.learning_hours(year.member, year=2025).meeting_minutes == 45
    with_group = selectors.learning_hours(year.member, year=2026, group=year.group)
    assert with_group.activity_minutes == 90  # the course was not part of the group
    # The meetings app counts the same attendance: all years together.
    assert meeting_selectors.pd_summary(year.member).minutes == 155
    assert selectors.record_years(year.member) == [2026, 2025]


def test_the_year_follows_the_persons_time_zone(year):
    profile = year.member.profile
    profile.time_zone = "Europe/Amsterdam"
    profile.save()
    # 00:30 on 1 January in Auckland is still 31 December in Amsterdam.
    assert selectors.learning_hours(year.member, year=2026).meeting_minutes == 50
    assert selectors.learning_hours(year.member, year=2025).meeting_minutes == 105


def test_the_record_page(client, year, django_assert_max_num_queries):
    client.force_login(year.member)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("recognition:record"))
    assert page.context["year"] == 2026
    assert 'data-testid="record-hours">6.33<' in page.text
    assert "ESOL course" in page.text
    previous = client.get(reverse("recognition:record"), {"year": "2025"})
    assert 'data-testid="record-hours">0.75<' in previous.text
    assert "ESOL course" not in previous.text
    # A year with no record falls back to this year rather than failing.
    assert client.get(reverse("recognition:record"), {"year": "1890"}).context["year"] == 2026
    assert client.get(reverse("recognition:record"), {"year": "x"}).context["year"] == 2026


def test_the_csv_is_safe_to_open_in_a_spreadsheet(client, year):
    client.force_login(year.member)
    response = client.get(reverse("recognition:record_csv", args=[2026]))
    assert response["Content-Disposition"].endswith('kahui-professional-learning-2026.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Date", "Kind", "Group", "What", "Minutes", "Hours"]
    assert rows[1] == ["2026-01-01", "Meeting", "Structured literacy Y0-3", "Hui", "60", "1.00"]
    assert rows[2][:3] == ["2026-03-02", "Reading", "Structured literacy Y0-3"]
    assert rows[2][3] == "'=HYPERLINK(evil) Hattie on feedback"  # not a formula
    assert rows[-1] == ["", "Total", "", "", "380", "6.33"]
    # Another person's CSV holds only their own record.
    client.force_login(year.facilitator)
    theirs = client.get(reverse("recognition:record_csv", args=[2026])).content.decode()
    assert "Hattie" not in theirs
    assert "ESOL" not in theirs


def test_logging_learning_through_the_form(client, year):
    client.force_login(year.member)
    url = reverse("recognition:activity_add")
    refused = client.post(
        url, {"kind": "observation", "done_on": "2026-07-01", "hours": "30", "note": "Visit"}
    )
    assert refused.status_code == 400
    assert "Visit" in refused.text  # what was typed stays
    future = client.post(
        url, {"kind": "observation", "done_on": "2026-07-01", "hours": "1.5", "note": "Visit"}
    )
    assert future.status_code == 400
    assert "in the future" in future.text
    done = client.post(
        url,
        {
            "kind": "observation",
            "done_on": "2026-06-01",
            "hours": "1.5",
            "note": "Watched Hemi's phonics lesson",
            "group": str(year.group.public_id),
        },
    )
    assert done.status_code == 302
    logged = LearningActivity.objects.get(kind="observation")
    assert (logged.minutes, logged.group) == (90, year.group)
    entries = ActivityEntry.objects.filter(action="recognition.activity_logged")
    assert entries.count() == 3
    assert not entries.exclude(group=None).exists()

    edit = reverse("recognition:activity_edit", args=[logged.public_id])
    assert (
        client.post(
            edit, {"kind": "observation", "done_on": "2026-06-01", "hours": "2", "note": "Longer"}
        ).status_code
        == 302
    )
    logged.refresh_from_db()
    assert (logged.minutes, logged.note, logged.group) == (120, "Longer", None)
    remove = reverse("recognition:activity_delete", args=[logged.public_id])
    assert "Remove this learning" in client.get(remove).text
    assert client.post(remove, {"confirm": "yes"}).status_code == 302
    assert not LearningActivity.objects.filter(pk=logged.pk).exists()


def test_logged_learning_is_checked(year):
    other = make_group(year.facilitator, name="Not Mere's group")
    with pytest.raises(KahuiError, match="your own groups"):
        services.learning_activity_add(
            user=year.member,
            kind="reading",
            done_on=date(2026, 1, 5),
            minutes=30,
            note="x",
            group=other,
        )
    with pytest.raises(KahuiError, match="at most 24 hours"):
        services.learning_activity_add(
            user=year.member, kind="reading", done_on=date(2026, 1, 5), minutes=0, note="x"
        )
    with pytest.raises(KahuiError, match="Say what it was"):
        services.learning_activity_add(
            user=year.member, kind="reading", done_on=date(2026, 1, 5), minutes=30, note="  "
        )
    logged = LearningActivity.objects.first()
    with pytest.raises(NotAllowed):
        services.learning_activity_remove(logged=logged, by=year.facilitator)


def test_nobody_else_sees_the_record(client, year):
    for persona in ("facilitator", "coordinator", "admin", "colleague"):
        client.force_login(getattr(year, persona))
        page = client.get(reverse("recognition:record"))
        assert "Hattie" not in page.text
        assert "ESOL course" not in page.text
        history = client.get(reverse("groups:history", args=[year.group.public_id]))
        assert "logged professional learning" not in history.text
