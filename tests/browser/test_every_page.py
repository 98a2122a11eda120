"""Every main page, as each person who uses it, on a desktop (1280 px) and a phone
(360 px): no serious or critical axe-core violation, landmarks with their own names,
headings in order, targets at least 24 px (WCAG 2.2), and nothing wider than the
screen. Then the two things a scan cannot see: focus moves to the summary of a
refused form, and the group's tabs show they scroll on a phone."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kahui.discussions import services as discussion_services
from kahui.groups import services as group_services
from kahui.inquiry import services as inquiry_services
from kahui.meetings.models import Meeting
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.reflection import services as reflection_services
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_meeting, make_user
from tests.test_dashboard import open_check, open_poll, open_proposal

# Moderate in axe's scale (or off by default), so assert_accessible lets them pass;
# no page may have them.
ALSO_CHECKED = ["landmark-unique", "heading-order", "target-size"]
WIDTHS = (1280, 360)
_axe = Axe()


def problems(page, url: str) -> list[str]:
    """What is wrong with ``url`` at each width: the scans and the width check."""
    response = page.goto(url)
    assert response is not None, url
    assert response.ok, f"{url}: {response.status}"
    page.wait_for_load_state("networkidle")
    found = []
    if page.locator("[data-error-summary]").count():  # e.g. a filter form refusing no filter
        found.append(f"{url}: an error summary on a page just opened")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        try:
            assert_accessible(page)
        except AssertionError as error:
            found.append(f"{width}px {error}")
        results = _axe.run(page, options={"runOnly": ALSO_CHECKED, "resultTypes": ["violations"]})
        found += [
            f"{width}px {page.url}: {v['id']}: {[n['target'] for n in v['nodes']][:4]}"
            for v in results.response["violations"]
        ]
        try:
            assert_fits(page, width)
        except AssertionError as error:
            found.append(f"{width}px {error}")
    return found


def check_all(page, base: str, urls) -> None:
    found = [problem for url in urls for problem in problems(page, base + url)]
    assert not found, "\n".join(found)


@pytest.fixture
def lively(world):
    """The world's group with something on each of its pages."""
    group = world.group
    meeting = make_meeting(world, title="Hui on decodable texts")
    thread = discussion_services.thread_start(
        group=group, by=world.member, kind="question", title="Decodables?", body="Which ones?"
    )
    discussion_services.reply(thread=thread, by=world.facilitator, body="The green set.")
    poll = open_poll(world)
    proposal = open_proposal(world)
    open_check(group)
    inquiry_services.cycle_start(
        group=group, by=world.facilitator, question="What helps our Year 1 readers?"
    )
    reflection_services.entry_write(
        author=world.member, group=group, prompt="learned", title="Week 3", body="Phonics"
    )
    notify(users=[world.member], category=Category.MEETINGS, title="Hui moved", group=group)
    return {"meeting": meeting, "thread": thread, "poll": poll, "proposal": proposal}


def group_pages(group, lively, *, member: bool) -> list[str]:
    g = group.public_id
    pages = [
        reverse("groups:home", args=[g]),
        reverse("groups:members", args=[g]),
        reverse("meetings:list", args=[g]),
        reverse("meetings:detail", args=[g, lively["meeting"].public_id]),
        reverse("inquiry:home", args=[g]),
        reverse("library:group", args=[g]),
        reverse("health:overview", args=[g]),
        reverse("groups:history", args=[g]),
    ]
    if member:
        pages += [
            reverse("discussions:list", args=[g]),
            reverse("discussions:thread", args=[g, lively["thread"].public_id]),
            reverse("proposals:list", args=[g]),
            reverse("proposals:detail", args=[g, lively["proposal"].public_id]),
            reverse("scheduling:polls", args=[g]),
            reverse("scheduling:poll", args=[g, lively["poll"].public_id]),
            reverse("scheduling:group_times", args=[g]),
            reverse("voice:list", args=[g]),
            reverse("recognition:group", args=[g]),
            reverse("reflection:group", args=[g]),
            reverse("meetings:templates", args=[g]),
        ]
    return pages


# Pages every signed-in person has, from the main navigation and the account menu.
EVERYONE = [
    "dashboard:home",
    "groups:mine",
    "groups:explore",
    "people:search",
    "meetings:my_actions",
    "reflection:home",
    "notifications:inbox",
    "accounts:profile",
    "orgs:list",
    "recognition:record",
    "scheduling:availability",
    "library:shared",
    "programmes:list",
]


@pytest.mark.django_db(transaction=True)
def test_signed_out_pages(live_server, page, world):
    check_all(
        page,
        live_server.url,
        [reverse("core:home"), reverse("account_login"), reverse("account_signup")],
    )


@pytest.mark.django_db(transaction=True)
def test_an_educators_pages(live_server, page, world, lively):
    log_in(page, live_server.url, world.member.email)
    check_all(
        page,
        live_server.url,
        [reverse(name) for name in EVERYONE]
        + [
            reverse("search:search") + "?q=phonics",
            reverse("reflection:journal"),
            reverse("reflection:portfolio"),
            reverse("recognition:mine"),
            reverse("orgs:detail", args=[world.school.slug]),
        ]
        + group_pages(world.group, lively, member=True),
    )


@pytest.mark.django_db(transaction=True)
def test_a_facilitators_pages(live_server, page, world, lively):
    log_in(page, live_server.url, world.facilitator.email)
    g = world.group.public_id
    check_all(
        page,
        live_server.url,
        [
            reverse("dashboard:home"),
            reverse("oversight:facilitating"),
            reverse("meetings:schedule", args=[g]),
            reverse("meetings:edit", args=[g, lively["meeting"].public_id]),
            reverse("health:settings", args=[g]),
            reverse("proposals:new", args=[g]),
            *group_pages(world.group, lively, member=True),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_a_coordinators_pages(live_server, page, world, lively):
    log_in(page, live_server.url, world.coordinator.email)
    check_all(
        page,
        live_server.url,
        [
            reverse("dashboard:home"),
            reverse("orgs:list"),
            reverse("orgs:detail", args=[world.cluster.slug]),
            reverse("oversight:dashboard", args=[world.school.slug]),
            reverse("oversight:dashboard", args=[world.cluster.slug]),
            reverse("formation:runs", args=[world.cluster.slug]),
            reverse("programmes:list"),
            reverse("programmes:create"),
            reverse("groups:explore"),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_a_supporters_pages(live_server, page, world, lively):
    rtlb = make_user("rtlb@awa.example", "Rawiri RTLB")
    supporter = group_services.supporter_invite(
        group=world.group, by=world.facilitator, email=rtlb.email, role_note="RTLB"
    )
    group_services.supporter_accept(supporter=supporter, user=rtlb)
    log_in(page, live_server.url, rtlb.email)
    check_all(
        page,
        live_server.url,
        [
            reverse("dashboard:home"),
            reverse("groups:supporting"),
            *group_pages(world.group, lively, member=False),
        ],
    )


@pytest.mark.django_db(transaction=True)
def test_focus_moves_to_the_summary_of_a_refused_form(live_server, page, world):
    # A form rendered whole (here allauth's sign-in) gets its summary by itself.
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email").fill(world.facilitator.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign In").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("not correct")
    assert_accessible(page)
    assert_fits(page)

    # A form laid out by hand includes it: its links move focus to the field.
    log_in(page, live_server.url, world.facilitator.email)
    page.goto(live_server.url + reverse("proposals:new", args=[world.group.public_id]))
    page.get_by_role("button", name="Open the proposal").click()
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    # Its first link takes focus to the field, below the sticky header.
    link = summary.get_by_role("link").first
    field = link.get_attribute("href").removeprefix("#")
    link.click()
    assert page.evaluate("document.activeElement.id") == field
    focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect()")
    assert focused >= header["bottom"], (focused, header)
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_the_group_tabs_show_they_scroll_on_a_phone(live_server, page, world):
    log_in(page, live_server.url, world.facilitator.email)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + reverse("groups:home", args=[world.group.public_id]))
    tabs = page.get_by_role("navigation", name="Group sections")
    strip = tabs.locator("ul")
    assert strip.evaluate("e => e.scrollWidth > e.clientWidth")
    # A fade at the end says there is more; it goes once the end is reached.
    expect(tabs).to_have_attribute("data-more-after", "")
    expect(tabs).not_to_have_attribute("data-more-before", "")
    # The keyboard reaches the last tab, which scrolls into view.
    last = tabs.get_by_role("link", name="History")
    last.focus()
    expect(last).to_be_in_viewport()
    page.wait_for_function(
        "() => document.querySelector('nav.tabs').hasAttribute('data-more-before')"
    )
    expect(tabs).not_to_have_attribute("data-more-after", "")
    assert_accessible(page)
    assert_fits(page)
    # Wider, the fades say exactly where more tabs lie; on a desktop all of them show.
    for width in (720, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_function(
            """() => {
                const nav = document.querySelector('nav.tabs'), ul = nav.querySelector('ul');
                const after = ul.scrollWidth - ul.clientWidth - ul.scrollLeft > 1;
                return nav.hasAttribute('data-more-before') === (ul.scrollLeft > 1)
                    && nav.hasAttribute('data-more-after') === after;
            }"""
        )
    assert strip.evaluate("e => e.scrollWidth <= e.clientWidth")
    expect(tabs).not_to_have_attribute("data-more-after", "")
    expect(tabs).not_to_have_attribute("data-more-before", "")


# A table shown as cards: nothing in it scrolls sideways, and each value says its column.
AS_CARDS = """table => {
    const wrap = table.closest('.table-wrap');
    const cells = [...table.querySelectorAll('tbody td')];
    return wrap.scrollWidth <= wrap.clientWidth
        && cells.every(td => getComputedStyle(td, '::before').content.includes(td.dataset.label))
        && cells.every(td => getComputedStyle(td).display === 'block');
}"""


@pytest.mark.django_db(transaction=True)
def test_attendance_and_the_coordinators_table_are_cards_on_a_phone(
    live_server, page, browser, world
):
    base = live_server.url
    meeting = make_meeting(world)
    now = timezone.now()  # it began ten minutes ago, so attendance can be marked
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=50)
    )
    log_in(page, base, world.facilitator.email)
    page.goto(base + reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    attendance = page.locator("table.attendance-table")
    page.set_viewport_size({"width": 360, "height": 800})
    assert attendance.evaluate(AS_CARDS)
    assert_fits(page)
    assert not attendance.evaluate(AS_CARDS)  # a table again on a desktop

    coordinator = browser.new_context().new_page()
    log_in(coordinator, base, world.coordinator.email)
    coordinator.set_viewport_size({"width": 360, "height": 800})
    coordinator.goto(base + reverse("oversight:dashboard", args=[world.school.slug]))
    assert coordinator.locator("#dashboard-table").evaluate(AS_CARDS)
    assert_accessible(coordinator)
    assert_fits(coordinator)
