"""A meeting from start to finish: schedule a fortnightly series from a protocol,
hand the notes to a member, who writes minutes, records a decision and two actions
and marks attendance; the next meeting reviews those actions and hours grow."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.meetings.models import Meeting
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_schedule_run_and_follow_up_a_meeting(live_server, page, browser, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="Schedule meetings").first.click()
    assert_accessible(page)
    assert_fits(page)

    # A mistake first: a date in the past and no room.
    page.get_by_label("Title").fill("Literacy hui")
    page.get_by_label("Date").fill("2020-02-02")
    page.get_by_label("Start time").fill("15:30")
    page.get_by_label("Repeats").select_option("fortnightly")
    page.get_by_label("Protocol").select_option(label="Consultancy for a problem of practice")
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("The first meeting cannot be in the past.").first).to_be_visible()
    expect(page.get_by_text("Say where people meet in person.").first).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Literacy hui")
    page.wait_for_load_state()  # the form's scripts are ready to follow changes
    first_day = date.today() + timedelta(days=1)
    page.get_by_label("Date").fill(first_day.isoformat())
    page.get_by_label("Room or place").fill("Library")
    # Without term dates a fortnightly series stops after ten weeks: five meetings,
    # listed before anything is saved.
    expect(page.locator("#schedule-preview")).to_contain_text("5 meetings")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_role("heading", name="Literacy hui")).to_be_visible()
    expect(page.get_by_text("The dilemma", exact=True)).to_be_visible()
    meetings = list(Meeting.objects.filter(group=world.group).order_by("starts_at"))
    assert len(meetings) == 5
    assert meetings[1].starts_at - meetings[0].starts_at == timedelta(days=14)
    assert_accessible(page)
    assert_fits(page)

    # The facilitator hands the notes to Mere.
    page.get_by_text("Change duties").click()
    page.get_by_label("Note-taker").select_option(label="Mere Member")
    page.get_by_role("button", name="Save duties").click()
    expect(page.get_by_text("Duties saved.")).to_be_visible()

    # Mere writes the minutes (with a script that must never run), a decision, actions.
    context = browser.new_context()
    mere = context.new_page()
    log_in(mere, base, world.member.email)
    mere.goto(f"{base}/groups/{world.group.public_id}/meetings/{meetings[0].public_id}/")
    mere.get_by_role("textbox", name="Minutes").fill(
        "## Dilemma\nHow do we **group** readers?\n<script>window.pwned = 1</script>"
        '<img src=x onerror="window.pwned = 2">'
    )
    mere.get_by_role("button", name="Save minutes").click()
    expect(mere.get_by_text("Minutes saved.")).to_be_visible()
    expect(mere.get_by_test_id("minutes-view").get_by_text("group")).to_be_visible()
    assert mere.evaluate("window.pwned") is None
    mere.reload()
    assert mere.evaluate("window.pwned") is None

    mere.get_by_role("textbox", name="Decision", exact=True).fill(
        "Use flexible groups for four weeks"
    )
    mere.get_by_role("button", name="Record decision").click()
    expect(mere.get_by_text("Use flexible groups for four weeks")).to_be_visible()
    for text, owner in (
        ("Trial decodable readers", "Mere Member"),
        ("Share running records", "Aroha Facilitator"),
    ):
        mere.get_by_label("Action", exact=True).fill(text)
        mere.get_by_label("Who").select_option(label=owner)
        mere.get_by_label("Due").fill((first_day + timedelta(days=10)).isoformat())
        mere.get_by_role("button", name="Add action").click()
        expect(mere.get_by_text(text, exact=True)).to_be_visible()

    # The meeting takes place; as note-taker Mere records attendance (nobody is marked
    # present until she says so); Aroha left 15 minutes early.
    starts = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meetings[0].pk).update(
        starts_at=starts, ends_at=starts + (meetings[0].ends_at - meetings[0].starts_at)
    )
    mere.reload()
    mere.get_by_label("Mere Member: attendance").select_option("present")
    mere.get_by_label("Aroha Facilitator: attendance").select_option("present")
    mere.get_by_label("Aroha Facilitator: minutes attended").fill("45")
    mere.get_by_role("button", name="Save attendance").click()
    expect(mere.get_by_text("Attendance saved")).to_be_visible()
    assert_accessible(mere)

    # The next meeting brings the actions back for review.
    mere.goto(f"{base}/groups/{world.group.public_id}/meetings/{meetings[1].public_id}/")
    review = mere.locator("#review")
    expect(review.get_by_text("Trial decodable readers", exact=True)).to_be_visible()
    expect(review.get_by_text("Share running records", exact=True)).to_be_visible()

    # Mere's professional-learning hours grew.
    mere.locator(".user-menu summary").click()
    mere.get_by_role("link", name="Professional-learning record").click()
    expect(mere.get_by_test_id("record-meeting-hours")).to_have_text("1")
    assert_accessible(mere)
    context.close()

    # Aroha sees her action across groups.
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_text("Share running records", exact=True)).to_be_visible()
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_a_long_meetings_list_comes_in_pages(live_server, page, world):
    from kahui.meetings import services as meeting_services
    from tests.meetings.helpers import _take_place, plan

    meetings = meeting_services.meetings_schedule(
        group=world.group,
        by=world.facilitator,
        plan=plan(rule="FREQ=DAILY;COUNT=70", template=None),
    )
    _take_place(meetings[:35], timezone.now())
    log_in(page, live_server.url, world.member.email)
    page.goto(f"{live_server.url}/groups/{world.group.public_id}/meetings/")
    upcoming = page.get_by_role("navigation", name="Pages of upcoming meetings")
    past = page.get_by_role("navigation", name="Pages of past meetings")
    expect(upcoming).to_contain_text("Page 1 of 2")
    expect(past).to_contain_text("Page 1 of 2")
    assert_accessible(page)
    assert_fits(page)
    upcoming.get_by_role("link", name="Next").click()
    expect(upcoming).to_contain_text("Page 2 of 2")
    expect(past).to_contain_text("Page 1 of 2")
    past.get_by_role("link", name="Next").focus()
    page.keyboard.press("Enter")
    expect(past).to_contain_text("Page 2 of 2")
    expect(upcoming).to_contain_text("Page 2 of 2")  # the other list stays where it was
    assert_accessible(page)
