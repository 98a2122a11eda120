"""Pages a new user tripped over, on a phone (360 px) and a desktop: landmarks with
their own names and headings in order (axe), the account menu's name, nothing wider
than the screen, the days of the week grid kept in view, whole stage names, wrapped
titles and minutes, and the review of last actions as a tidy list."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kahui.library import services as library_services
from kahui.meetings import services as meeting_services
from kahui.meetings.models import ActionItem, ActionStatus, Meeting
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting

# Moderate in axe's scale, so assert_accessible lets them pass; these pages must not.
ALSO_CHECKED = ["landmark-unique", "heading-order"]
_axe = Axe()

# The lines an element's text takes, top to bottom, each as where it starts.
LINES = """element => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const rects = [];
    while (walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(walker.currentNode);
        rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
    }
    rects.sort((a, b) => a.top - b.top);
    const lines = [];
    for (const r of rects) {
        const line = lines.find(l => Math.abs(l.middle - (r.top + r.bottom) / 2) < r.height / 2);
        if (line) line.left = Math.min(line.left, r.left);
        else lines.push({middle: (r.top + r.bottom) / 2, left: r.left});
    }
    return lines.map(l => l.left);
}"""


def assert_fine_on_a_phone(page) -> None:
    """The axe scan at 360 px, landmark names and heading order included, then the
    width check."""
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page)
    results = _axe.run(page, options={"runOnly": ALSO_CHECKED, "resultTypes": ["violations"]})
    found = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    assert not found, f"{page.url}: " + "; ".join(found)
    assert_fits(page)


def _meetings_with_actions(world):
    """Last week's meeting, whose actions come up for review at today's, which began
    ten minutes ago (so attendance can be marked at both)."""
    last = make_meeting(world, title="Last hui", days=3)
    for days, text, owner in [
        (1, "Bring the running records for Room 4 and Room 5 so we can compare them", world.member),
        (2, "Read the article", None),
        (3, "Email the whānau about the reading evening", world.facilitator),
    ]:
        meeting_services.action_add(
            group=world.group,
            by=world.facilitator,
            text=text,
            owner=owner,
            meeting=last,
            due_on=timezone.localdate() + timedelta(days=days),
        )
    following = make_meeting(world, title="Today's hui", days=7)
    now = timezone.now()
    week_ago = now - timedelta(days=7)
    Meeting.objects.filter(pk=last.pk).update(
        starts_at=week_ago, ends_at=week_ago + timedelta(hours=1)
    )
    ActionItem.objects.update(created_at=week_ago + timedelta(minutes=30))
    Meeting.objects.filter(pk=following.pk).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=50)
    )
    # Done an hour ago: still reviewed today, as done.
    read = ActionItem.objects.get(text="Read the article")
    meeting_services.action_set_status(action=read, by=world.member, status="done")
    return last, following


@pytest.mark.django_db(transaction=True)
def test_pages_pass_the_scan_on_a_phone(live_server, page, world):
    group = world.group
    last, _following = _meetings_with_actions(world)
    resource = library_services.resource_add(
        group=group,
        by=world.facilitator,
        kind="link",
        title="Getting to know each other",
        url="https://example.org/whanaungatanga",
        stage="connect",  # "Whakawhanaungatanga — build connections", a long badge
    )
    library_services.resource_publish(resource=resource, by=world.facilitator, visibility="public")
    log_in(page, live_server.url, world.facilitator.email)
    for url in (
        reverse("groups:members", args=[group.public_id]),
        reverse("orgs:detail", args=[world.school.slug]),
        reverse("meetings:detail", args=[group.public_id, last.public_id]),
        reverse("groups:mine"),
        reverse("library:shared"),
        reverse("library:group", args=[group.public_id]),
        reverse("library:resource", args=[group.public_id, resource.public_id]),
    ):
        page.goto(live_server.url + url)
        assert_fine_on_a_phone(page)
        # The account menu is named whether or not there is room for the person's name.
        expect(page.locator(".user-menu > summary")).to_have_accessible_name(
            "Aroha Facilitator (account menu)"
        )
        if "/meetings/" in url:
            expect(page.get_by_role("region", name="Attendance marks")).to_be_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_days_stay_in_view_above_the_week(live_server, page, world, width):
    log_in(page, live_server.url, world.member.email)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + reverse("scheduling:availability"))
    wrap = page.get_by_role("region", name="Your usual week")
    monday = wrap.get_by_role("columnheader", name="Mon")

    def box(locator):
        return locator.evaluate("e => e.getBoundingClientRect().toJSON()")

    # It opens at 06:00, just below the days.
    days = box(monday)
    assert days["top"] == pytest.approx(box(wrap)["top"], abs=1)
    assert box(page.get_by_role("button", name="Mon 06:00"))["top"] == pytest.approx(
        days["bottom"], abs=2
    )

    # Scrolled down to the evening, the days are still at the top of the grid.
    wrap.evaluate("e => { e.scrollTop = e.scrollHeight; }")
    assert box(monday)["top"] == pytest.approx(box(wrap)["top"], abs=1)
    expect(monday).to_be_in_viewport()

    # A cell reached with the keyboard is never hidden under the days or the times.
    page.get_by_role("button", name="Sun 08:00").focus()
    for _ in range(6):
        page.keyboard.press("ArrowUp")
        focused = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert focused["top"] >= box(monday)["bottom"] - 1
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Sun 05:00"
    times = wrap.get_by_role("rowheader", name="05:00")
    if width == 360:
        # The week is wider than a phone: it scrolls sideways, and the times stay put.
        wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        assert wrap.evaluate("e => e.scrollLeft") > 0
        assert box(times)["left"] == pytest.approx(box(wrap)["left"], abs=1)
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
        focused = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert focused["left"] >= box(times)["right"] - 1
        assert focused["top"] >= box(monday)["bottom"] - 1
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Mon 05:00"
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_a_wrapped_notification_title_starts_at_the_left(live_server, page, world):
    notify(
        users=[world.member],
        category=Category.MEETINGS,
        title="Meeting moved: Structured literacy Y0-3 now meets on Thursday in the library",
        group=world.group,
    )
    log_in(page, live_server.url, world.member.email)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + reverse("notifications:inbox"))
    title = page.get_by_role("button", name="Meeting moved", exact=False)
    left = title.evaluate("e => e.getBoundingClientRect().left")
    starts = title.evaluate(LINES)  # the first line starts after the "New" badge
    assert len(starts) > 1, "the title should wrap at 360 px"
    assert all(start == pytest.approx(left, abs=1) for start in starts[1:]), (left, starts)
    assert_fine_on_a_phone(page)


@pytest.mark.django_db(transaction=True)
def test_the_other_version_of_the_minutes_wraps(live_server, page, world):
    meeting = make_meeting(world)
    log_in(page, live_server.url, world.member.email)
    page.set_viewport_size({"width": 360, "height": 800})
    url = reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])
    page.goto(live_server.url + url)
    theirs = "Kōrero: " + "we agreed to try the new phonics sequence in every junior class " * 3
    meeting_services.minutes_save(meeting=meeting, by=world.facilitator, text=theirs, version=0)
    page.get_by_role("textbox", name="Minutes").fill("Mine")
    page.get_by_role("button", name="Save minutes").click()
    shown = page.get_by_test_id("their-minutes")
    expect(shown).to_contain_text("every junior class")
    assert shown.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert len(shown.evaluate(LINES)) > 3
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_stage_names_stay_whole(live_server, page, world):
    def check(url):
        page.goto(live_server.url + url)
        name = page.locator(".stages strong", has_text="Whakawhanaungatanga")
        for width in (360, 480, 720, 1024, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            assert len(name.evaluate(LINES)) == 1, f"{url} at {width}px"
        assert_fits(page)

    check(reverse("core:home"))  # the sequence on the landing page
    log_in(page, live_server.url, world.member.email)
    check(reverse("groups:home", args=[world.group.public_id]))


@pytest.mark.django_db(transaction=True)
def test_last_actions_are_reviewed_with_one_click(live_server, page, browser, world):
    _last, following = _meetings_with_actions(world)
    url = live_server.url + reverse(
        "meetings:detail", args=[world.group.public_id, following.public_id]
    )
    log_in(page, live_server.url, world.member.email)
    page.goto(url)
    review = page.locator("#review")
    rows = review.locator(".action-row")
    expect(rows).to_have_count(3)
    expect(review.locator("select")).to_have_count(0)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        # One status control per row, all starting at the same place.
        starts = rows.locator(".action-status").evaluate_all(
            "forms => forms.map(f => Math.round(f.getBoundingClientRect().left))"
        )
        assert len(set(starts)) == 1, f"{starts} at {width}px"
    assert_fine_on_a_phone(page)

    records = "Bring the running records"
    row = rows.filter(has_text=records)
    row.get_by_role("button", name=f"Done {records}", exact=False).click()
    expect(row.get_by_role("button", name="Reopen", exact=False)).to_be_focused()
    assert ActionItem.objects.get(text__startswith=records).status == ActionStatus.DONE
    row.get_by_role("button", name="Reopen", exact=False).click()
    expect(row.get_by_role("button", name="Done", exact=False)).to_be_visible()
    assert ActionItem.objects.get(text__startswith=records).status == ActionStatus.OPEN

    # Without JavaScript the same buttons post the form and come back to the row.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, live_server.url, world.member.email)
    plain.goto(url)
    email = "Email the whānau"
    plain.locator("#review .action-row", has_text=email).get_by_role(
        "button", name="Done", exact=False
    ).click()
    assert plain.url.endswith(f"#action-{ActionItem.objects.get(text__startswith=email).public_id}")
    done = plain.locator("#review .action-row", has_text=email)
    expect(done.get_by_role("button", name="Reopen", exact=False)).to_be_visible()
    assert ActionItem.objects.get(text__startswith=email).status == ActionStatus.DONE
    context.close()
