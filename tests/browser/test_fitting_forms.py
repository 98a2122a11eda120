"""Forms that fit: fields that show only when they apply, long lists that are
searched by typing, and role rows that save when changed; each also without
JavaScript."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kahui.accounts.models import Profile
from kahui.groups.models import GroupMembership, GroupRole
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_the_cohort_fields_follow_the_chosen_source(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.coordinator.email)
    page.goto(base + reverse("formation:new", args=[world.school.slug]))
    role = page.get_by_label("Role", exact=True)
    free_times = page.get_by_label("Free times for those who have not painted their usual week")
    pasted = page.get_by_label("Or paste the CSV")
    # The whole organisation: no filters, no file.
    expect(role).to_be_hidden()
    expect(pasted).to_be_hidden()
    expect(free_times).to_be_visible()
    page.get_by_label("A filtered list of the organisation's educators").check()
    expect(role).to_be_visible()
    expect(free_times).to_be_visible()
    page.get_by_label("An uploaded CSV").check()
    expect(pasted).to_be_visible()
    expect(role).to_be_hidden()
    expect(free_times).to_be_hidden()
    assert_accessible(page)
    assert_fits(page)


@pytest.mark.django_db(transaction=True)
def test_without_javascript_every_field_shows(live_server, browser, world):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(world.coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto(base + reverse("formation:new", args=[world.school.slug]))
    expect(page.get_by_label("Role", exact=True)).to_be_visible()
    expect(page.get_by_label("Or paste the CSV")).to_be_visible()
    # A plain select for the time zone, sent with the form's button.
    page.goto(base + reverse("accounts:profile"))
    expect(page.locator("select#id_time_zone")).to_be_visible()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_time_zone_is_found_by_typing_and_picked_with_the_keyboard(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(base + reverse("accounts:profile"))
    # Tom Select loads after the page: wait for it, or the native select answers.
    expect(page.locator(".ts-wrapper")).to_have_count(1)
    zone = page.get_by_role("combobox", name="Time zone")
    expect(zone).to_be_visible()
    assert_accessible(page)
    zone.focus()
    page.keyboard.type("Amster")
    option = page.get_by_role("option", name="Europe/Amsterdam")
    expect(option).to_be_visible()
    expect(page.get_by_role("option", name="Pacific/Auckland")).to_have_count(0)
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(page.locator("select#id_time_zone")).to_have_value("Europe/Amsterdam")
    assert_fits(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save profile").click()
    assert Profile.objects.get(user=world.member).time_zone == "Europe/Amsterdam"


@pytest.mark.django_db(transaction=True)
def test_a_role_changes_when_its_select_does(live_server, page, world):
    base = live_server.url
    log_in(page, base, world.facilitator.email)
    page.goto(base + reverse("groups:members", args=[world.group.public_id]))
    name = world.member.display_name
    role = page.get_by_label(f"Role of {name}")
    change = page.get_by_role("button", name=f"Change the role of {name}")
    # The button is out of sight until the keyboard reaches it.
    expect(change).to_have_count(1)
    assert change.bounding_box()["width"] <= 1
    role.select_option("facilitator")
    expect(page.get_by_role("status").filter(has_text=f"{name} is now Facilitator")).to_be_visible()
    membership = GroupMembership.objects.get(group=world.group, user=world.member)
    assert membership.role == GroupRole.FACILITATOR
    expect(page.get_by_label(f"Role of {name}")).to_have_value("facilitator")
    change.focus()
    assert change.bounding_box()["width"] > 1
    assert_accessible(page)
    assert_fits(page)
