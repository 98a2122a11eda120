"""Finding colleagues and groups: a facilitator says who the group is for, a colleague
finds a teacher of the school by interest in people search, and filters Explore by
year level and meeting time, with JavaScript and without it."""

import re

import pytest
from playwright.sync_api import expect

from kahui.accounts.models import Profile
from kahui.core.models import FocusArea, FocusAreaStatus
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_group, make_meeting


@pytest.mark.django_db(transaction=True)
def test_a_colleague_finds_a_teacher_and_a_group(live_server, page, browser, world):
    base = live_server.url
    oral = FocusArea.objects.create(
        name="Oral language", slug="oral-language", status=FocusAreaStatus.ACCEPTED
    )
    Profile.objects.get(user=world.member).interests.add(oral)
    Profile.objects.filter(user=world.admin).update(findable=False)
    make_group(world.facilitator, name="Maths talk moves", organisation=world.school)
    make_meeting(world)  # the literacy group meets at 15:30 in Auckland

    # The facilitator says who the literacy group is for.
    log_in(page, base, world.facilitator.email)
    page.goto(f"{base}/groups/{world.group.public_id}/edit/focus/")
    page.get_by_label("Oral language").check()
    page.get_by_label("Years 0–3 / groep 1–4").check()
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Shared learners").fill("Our new entrants")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_test_id("audience")).to_contain_text("Our new entrants")
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()

    # A colleague finds a teacher who shares an interest.
    log_in(page, base, world.colleague.email)
    page.get_by_role("link", name="Colleagues", exact=True).click()
    expect(page.get_by_role("heading", name="Find colleagues", level=1)).to_be_visible()
    expect(page.get_by_text("2 colleagues found")).to_be_visible()  # Ada hides
    expect(page.get_by_role("link", name="Ada Admin")).to_have_count(0)
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Name or interest").fill("oral")
    expect(page.get_by_text("1 colleague found")).to_be_visible()
    expect(page.get_by_text(world.member.email)).to_have_count(0)
    page.get_by_role("link", name="Mere Member").click()
    expect(page.get_by_role("heading", name="Mere Member", level=1)).to_be_visible()

    # Explore narrows the groups by year level and by when they meet.
    page.get_by_role("link", name="Explore", exact=True).click()
    expect(page.get_by_text("2 groups found")).to_be_visible()
    page.get_by_label("Year level").select_option("y0-3")
    expect(page.get_by_text("1 group found")).to_be_visible()
    expect(page.get_by_role("heading", name=world.group.name)).to_be_visible()
    page.get_by_label("Year level").select_option("")
    page.get_by_label("Meets at").select_option("after_school")
    expect(page.get_by_text("1 group found")).to_be_visible()
    expect(page.get_by_test_id("meets")).to_contain_text("Meets")
    assert_accessible(page)
    assert_fits(page)

    # Without JavaScript the same filters are a plain form.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, base, world.colleague.email)
    plain.goto(f"{base}/explore/")
    plain.get_by_label("Year level").select_option("y0-3")
    plain.get_by_role("button", name="Search").click()
    expect(plain.get_by_text("1 group found")).to_be_visible()
    expect(plain).to_have_url(re.compile(r"/explore/\?.*year_level=y0-3"))
    plain.goto(f"{base}/people/")
    plain.get_by_label("Role").select_option("teacher")
    plain.get_by_role("button", name="Search").click()
    expect(plain.get_by_text("2 colleagues found")).to_be_visible()
    context.close()
