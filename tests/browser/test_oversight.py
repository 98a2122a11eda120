"""Oversight in the browser: a coordinator opens the dashboard, sees a group flagged
irregular, sorts, drills down into its figures, opens the term report and downloads its
CSV and PDF; a facilitator's home shows what needs them."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from kahui.orgs.models import SchoolPeriod
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_keyboard_only import reach_by_keyboard
from tests.oversight.conftest import bare_meeting, past_meeting


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_follows_the_groups_and_reports(live_server, browser, world):
    today = timezone.localdate()
    SchoolPeriod.objects.create(
        organisation=world.cluster,
        kind="term",
        name="This term",
        first_day=today - timedelta(days=70),
        last_day=today + timedelta(days=20),
    )
    past_meeting(world.group, 60, present=[world.member, world.facilitator])
    past_meeting(world.group, 3, present=[world.member])
    base = live_server.url
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, base, world.coordinator.email)
    page.goto(f"{base}/orgs/{world.school.slug}/oversight/")
    expect(page.get_by_role("heading", name="Dashboard: Kōwhai Primary")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=world.group.name)
    expect(row.get_by_text("irregular")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.get_by_label("Sort by").select_option("flags")
    page.get_by_label("Largest first").check()
    page.get_by_role("button", name="Show").click()
    assert "sort=flags" in page.url
    page.get_by_role("link", name=world.group.name).click()
    expect(page.get_by_role("heading", name=world.group.name)).to_be_visible()
    expect(page.get_by_text("irregular").first).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.goto(f"{base}/orgs/{world.school.slug}/oversight/")
    page.get_by_role("navigation", name="Oversight pages").get_by_role(
        "link", name="Term and year reports"
    ).click()
    expect(page.get_by_role("heading", name="Report: Kōwhai Primary, This term")).to_be_visible()
    expect(page.locator("#report-activity")).to_be_visible()
    # The chart's figures are in a table the keyboard reaches.
    figures = reach_by_keyboard(page, "The figures of the chart")
    expect(figures.get_by_role("table").first).to_contain_text("Meetings held")
    assert_accessible(page)
    assert_fits(page)
    with page.expect_download() as csv_info:
        page.get_by_role("link", name="Download CSV").click()
    with open(csv_info.value.path(), encoding="utf-8") as file:
        csv_text = file.read()
    assert "Meetings held" in csv_text
    assert world.group.name in csv_text
    with page.expect_download() as pdf_info:
        page.get_by_role("button", name="Download PDF").click()
    with open(pdf_info.value.path(), "rb") as file:
        pdf = file.read()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "This term" in text
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_facilitators_home(live_server, page, world):
    bare_meeting(world.group, 2)
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/dashboard/")
    page.get_by_role("link", name="What needs you in the groups you facilitate").click()
    expect(page.get_by_role("heading", name="What needs you today")).to_be_visible()
    expect(page.get_by_role("link", name="Prepare “Next hui”", exact=False)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
