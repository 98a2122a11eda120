"""Finding a time in the browser: a poll answered by three members (one with the
keyboard only) becomes a meeting for everyone; a week painted with the keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.meetings.models import Meeting
from kahui.scheduling.models import WeeklyAvailability
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_poll_to_meeting(live_server, page, browser, world):
    base = live_server.url
    hemi = make_user("hemi@kowhai.example", "Hemi Walker")
    world.group.memberships.create(user=world.colleague)
    world.group.memberships.create(user=hemi)
    day_one = timezone.localdate() + timedelta(days=5)
    day_two = timezone.localdate() + timedelta(days=6)

    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/times/")
    assert_accessible(page)
    page.get_by_role("link", name="Ask when to meet").click()
    page.get_by_label("Title").fill("Term 3 hui")
    page.get_by_label("Date").first.fill(day_one.isoformat())
    page.get_by_label("Start").first.fill("16:00")
    page.get_by_label("End").first.fill("15:00")  # a mistake
    page.get_by_role("button", name="Send the poll").click()
    expect(page.get_by_text("The end must be after the start.", exact=True)).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Term 3 hui")
    page.get_by_label("End").first.fill("17:00")
    page.get_by_label("Date").nth(1).fill(day_two.isoformat())
    page.get_by_label("Start").nth(1).fill("15:30")
    page.get_by_label("End").nth(1).fill("16:30")
    page.get_by_role("button", name="Send the poll").click()
    expect(page.get_by_role("heading", name="Term 3 hui")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    poll_url = page.url

    def answer(email, answers, keyboard=False):
        context = browser.new_context()
        member = context.new_page()
        log_in(member, base, email)
        member.goto(poll_url)
        groups = member.locator("fieldset.answer-row")
        if keyboard:
            # Nothing is chosen yet: Tab lands on each group's first radio, Space chooses
            # it, arrows move the choice, Tab moves on.
            groups.nth(0).locator("input").first.focus()
            for value in answers:
                member.keyboard.press("Space")
                for _ in range({"yes": 0, "maybe": 1, "no": 2}[value]):
                    member.keyboard.press("ArrowRight")
                member.keyboard.press("Tab")
            member.keyboard.type("Either is fine")  # Tab reached the comment box
            member.keyboard.press("Enter")
        else:
            for index, value in enumerate(answers):
                label = {"yes": "Yes", "maybe": "If need be", "no": "No"}[value]
                groups.nth(index).get_by_label(label).check()
            member.get_by_role("button", name="Save my answers").click()
        expect(member.get_by_text("Thank you, your answers are saved.")).to_be_visible()
        context.close()

    answer(world.member.email, ["no", "yes"])
    answer(world.colleague.email, ["maybe", "yes"])
    answer(hemi.email, ["yes", "yes"], keyboard=True)

    page.reload()
    best = page.get_by_test_id("result").first
    expect(best).to_contain_text("3 yes")
    expect(page.get_by_role("row", name="Hemi Walker")).to_contain_text("Either is fine")
    best.locator("summary").click()
    # A mistake first: the time is in person, so it needs a room, as scheduling does.
    best.get_by_label("Meeting title").fill("Term 3 hui")
    best.get_by_role("button", name="Schedule the meeting").click()
    expect(best.get_by_text("Say where people meet in person.", exact=True)).to_be_visible()
    expect(best.get_by_label("Meeting title")).to_have_value("Term 3 hui")
    assert not Meeting.objects.filter(group=world.group).exists()
    assert_accessible(page)
    best.get_by_label("Room or place").fill("Staffroom")
    best.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("Meeting scheduled; everyone has been told.")).to_be_visible()
    meeting = Meeting.objects.get(group=world.group)
    assert timezone.localtime(meeting.starts_at).date() == day_two

    # The meeting is there for a member too.
    context = browser.new_context()
    other = context.new_page()
    log_in(other, base, world.colleague.email)
    other.goto(f"{base}/groups/{world.group.public_id}/meetings/")
    expect(other.get_by_role("link", name="Term 3 hui")).to_be_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_paint_a_week_with_the_keyboard(live_server, page, world):
    log_in(page, live_server.url, world.member.email)
    page.goto(f"{live_server.url}/availability/")
    assert_accessible(page)
    page.get_by_role("button", name="Tue 16:00").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Tue 16:30")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Save my week").click()
    expect(page.get_by_text("Your usual week is saved.")).to_be_visible()
    week = WeeklyAvailability.objects.get(user=world.member)
    tuesday_16 = 48 + 32
    assert week.yes_mask == (1 << tuesday_16) | (1 << (tuesday_16 + 1))
    assert_fits(page)
