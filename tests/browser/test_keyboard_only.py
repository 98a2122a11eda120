"""Kāhui with the keyboard only: a note-taker signs in, records a meeting's attendance,
answers a poll and paints a usual week without touching the mouse. Every control is
reached with Tab (or Shift+Tab) and worked with the keys a keyboard user would press;
the page is only read, never clicked or filled."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kahui.meetings.models import Attendance, Meeting, MeetingClock
from kahui.scheduling import services as scheduling_services
from kahui.scheduling.models import PollAnswer, PollResponse, WeeklyAvailability
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_meeting_day import meeting_for
from tests.conftest import PASSWORD

# The accessible name of the focused element, near enough: its aria-label, else its
# label, else its text.
FOCUSED_NAME = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const by = (e.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
  const name = e.getAttribute("aria-label") || by
    || (e.labels && e.labels.length ? e.labels[0].innerText : "")
    || e.innerText || "";
  return name.replace(/\\s+/g, " ").trim();
}"""


def focused(page) -> str:
    return page.evaluate(FOCUSED_NAME)


def tab_to(page, name: str, *, backwards: bool = False, limit: int = 250) -> None:
    """Press Tab (or Shift+Tab) until the element named ``name`` has the focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if now == name:
            return
        seen.append(now)
    raise AssertionError(f"Tab never reached {name!r}; it passed {seen[:40]}")


def reach_by_keyboard(page, name: str):
    """Tab to the element named ``name``, check its focus shows, and return it."""
    tab_to(page, name)
    assert focus_is_visible(page), f"{name!r} has the focus but does not show it"
    return page.locator(":focus")


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    tab_to(page, "Email")
    page.keyboard.type(email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Kia ora", exact=False)).to_be_visible()


def focus_is_visible(page) -> bool:
    return page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        " && document.activeElement.matches(':focus-visible')"
    )


@pytest.mark.django_db(transaction=True)
def test_attendance_poll_and_usual_week_with_the_keyboard_only(live_server, page, world):
    base = live_server.url
    group = world.group
    meeting = meeting_for(world)  # Mere takes the notes
    starts = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + (meeting.ends_at - meeting.starts_at)
    )
    poll = scheduling_services.poll_create(
        group=group,
        by=world.facilitator,
        title="When shall we meet in week 5?",
        description="",
        time_zone="Pacific/Auckland",
        options=[
            scheduling_services.OptionPlan(
                day=timezone.localdate() + timedelta(days=days),
                start=timezone.datetime(2000, 1, 1, 15).time(),
                duration_minutes=60,
                format="in_person",
            )
            for days in (4, 5)
        ],
    )
    sign_in(page, base, world.member.email)

    # 1. Attendance: each status is a select (the arrow keys choose), each length a box.
    page.goto(f"{base}/groups/{group.public_id}/meetings/{meeting.public_id}/")
    assert_accessible(page)
    tab_to(page, "Mere Member: attendance")
    assert focus_is_visible(page)
    page.keyboard.press("ArrowDown")  # "— not recorded —" → Present
    tab_to(page, "Aroha Facilitator: attendance")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert focused(page) == "Aroha Facilitator: minutes attended"
    page.keyboard.press("Control+A")
    page.keyboard.type("45")
    tab_to(page, "Save attendance")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Attendance saved")).to_be_visible()
    marks = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assert marks[world.member.pk].status == "present"
    assert marks[world.facilitator.pk].status == "present"
    assert marks[world.facilitator.pk].minutes_attended == 45
    assert_accessible(page)
    assert_fits(page)

    # 2. A poll: Tab lands on each time's first answer, Space chooses it, the arrows
    # move the choice; Tab reaches the comment, then the button.
    page.goto(f"{base}/groups/{group.public_id}/polls/{poll.public_id}/")
    assert_accessible(page)
    tab_to(page, "Yes")
    page.keyboard.press("Space")  # the first time: yes
    page.keyboard.press("Tab")
    assert focused(page) == "Yes"  # the second time's first answer
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # the second time: if need be
    page.keyboard.press("Tab")
    page.keyboard.type("After 3.30 suits me best")
    tab_to(page, "Save my answers")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you, your answers are saved.")).to_be_visible()
    first, second = poll.options.order_by("starts_at")
    answers = dict(PollAnswer.objects.filter(user=world.member).values_list("option_id", "answer"))
    assert answers == {first.pk: "yes", second.pk: "maybe"}
    assert PollResponse.objects.get(user=world.member).comment == "After 3.30 suits me best"
    page.reload()
    expect(page.get_by_role("row", name="Mere Member")).to_contain_text("If need be")
    assert_accessible(page)
    assert_fits(page)

    # 3. The usual week: the grid is one Tab stop; the arrows move, Space paints,
    # Shift+arrows paint on the way, End goes to Sunday.
    page.goto(f"{base}/availability/")
    assert_accessible(page)
    expect(page.get_by_text("Hold Shift with an arrow key")).to_be_visible()  # told how
    # Passing through the cell sizes with the arrows does not leave the page.
    page.evaluate("window.stayed = true")
    tab_to(page, "Cell size")
    page.keyboard.press("ArrowDown")  # 15 minutes …
    page.keyboard.press("ArrowUp")  # … no, 30 as it was
    tab_to(page, "Mon 09:00")
    assert page.evaluate("window.stayed === true")
    assert focus_is_visible(page)
    expect(page.locator("[data-week-position]")).to_have_text("Mon 09:00: Not free")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("Shift+ArrowDown")  # Monday 09:00 to 10:30
    assert focused(page) == "Mon 10:30"
    expect(page.locator("[data-week-position]")).to_have_text("Mon 10:30: Free")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert focused(page) == "Wed 10:30"
    page.keyboard.press("Space")  # Wednesday 10:30: free
    # Back to the paint colours, "If need be", and into the grid where it was left.
    tab_to(page, "Free", backwards=True)
    page.keyboard.press("ArrowRight")
    tab_to(page, "Wed 10:30")
    page.keyboard.press("Enter")  # already free: now "if need be"
    page.keyboard.press("End")
    assert focused(page) == "Sun 10:30"
    page.keyboard.press("Space")
    expect(page.locator("[data-week-announce]")).to_have_text("Sun 10:30: If need be")
    tab_to(page, "Save my week")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your usual week is saved.")).to_be_visible()

    week = WeeklyAvailability.objects.get(user=world.member)
    monday_0900, wednesday_1030, sunday_1030 = 18, 2 * 48 + 21, 6 * 48 + 21
    assert week.yes_mask == sum(1 << (monday_0900 + n) for n in range(4))
    assert week.if_need_be_mask == (1 << wednesday_1030) | (1 << sunday_1030)
    page.reload()
    expect(page.get_by_role("button", name="Mon 10:30")).to_have_attribute(
        "aria-describedby", "week-state-yes"
    )
    expect(page.get_by_role("button", name="Sun 10:30")).to_have_attribute(
        "aria-describedby", "week-state-maybe"
    )
    expect(page.get_by_role("button", name="Tue 10:30")).to_have_attribute("aria-pressed", "false")
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_the_timekeeper_with_the_keyboard_only(live_server, page, world):
    base = live_server.url
    meeting = meeting_for(world)  # Aroha keeps the time
    first, second = list(meeting.agenda.all())[:2]
    assert first.minutes >= 2  # long enough to pass the one-minute mark below
    announce = page.locator("[data-clock-announce]")
    left = page.locator("#clock [data-left]")
    sign_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/")

    tab_to(page, "Start")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#clock [data-step-title]")).to_have_text(first.title)
    # The panel was drawn again; the focus stayed on the same place, now "Pause".
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    expect(announce).to_have_text(f"Now: {first.title}, {first.minutes} min.")
    # The countdown runs, silently: the live region still says only the step.
    expect(left).not_to_have_text(f"{first.minutes:02d}:00")
    expect(left).to_have_attribute("role", "timer")
    assert announce.text_content() == f"Now: {first.title}, {first.minutes} min."

    page.keyboard.press("Tab")
    assert focused(page) == "Next step"
    page.keyboard.press("Enter")
    expect(page.locator("#clock [data-step-title]")).to_have_text(second.title)
    expect(announce).to_have_text(f"Now: {second.title}, {second.minutes} min.")
    expect(page.get_by_role("button", name="Next step")).to_be_focused()
    tab_to(page, "Pause", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("clock-paused")).to_be_visible()
    expect(announce).to_have_text(f"Paused: {second.title}.")
    tab_to(page, "Back", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("#clock [data-step-title]")).to_have_text(first.title)
    clock = MeetingClock.objects.get(meeting=meeting)
    assert clock.step == 0
    assert_accessible(page)

    # A minute and a few seconds left in the first step, running: the time left is
    # said once as it passes one minute.
    MeetingClock.objects.filter(meeting=meeting).update(
        step=0,
        step_elapsed=0,
        step_started_at=timezone.now() - timedelta(seconds=first.minutes * 60 - 63),
    )
    page.reload()
    expect(announce).to_have_text("1 min left in this step.")
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_agenda_items_move_with_the_keyboard_only(live_server, page, world):
    base = live_server.url
    meeting = meeting_for(world)
    titles = list(meeting.agenda.values_list("title", flat=True))
    sign_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/meetings/{meeting.public_id}/agenda/")
    announce = page.locator("[data-agenda-announce]")

    reach_by_keyboard(page, "Move down item 1")
    page.keyboard.press("Enter")  # the first item goes to place 2 …
    expect(announce).to_have_text(f"Moved to place 2 of {len(titles)}.")
    assert focused(page) == "Move down item 2"  # the focus went with it
    page.keyboard.press("Space")  # … and to place 3
    expect(announce).to_have_text(f"Moved to place 3 of {len(titles)}.")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "Move up item 3"
    page.keyboard.press("Enter")  # back to place 2
    expect(announce).to_have_text(f"Moved to place 2 of {len(titles)}.")
    assert_accessible(page)
    tab_to(page, "Save agenda")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Term hui")).to_be_visible()
    saved = list(meeting.agenda.values_list("title", flat=True))
    assert saved[:3] == [titles[1], titles[0], titles[2]]
    assert_fits(page)
