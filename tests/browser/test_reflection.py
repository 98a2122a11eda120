"""Reflection in the browser: a member writes a private journal entry that another
member cannot reach, not even by its address; they share a second entry with the
group, and the other member reads it."""

import pytest
from playwright.sync_api import expect

from kahui.groups.models import GroupRole
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import make_user


def _write(page, base, *, title: str, body: str) -> str:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reflection").click()
    expect(page.get_by_role("heading", name="Reflection", exact=True)).to_be_visible()
    page.get_by_role("link", name="Write a reflection").first.click()
    page.get_by_label("Reflecting on").select_option(label="How my practice changed")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill(body)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved in your journal. Only you can read it.")).to_be_visible()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    return page.url


@pytest.mark.django_db(transaction=True)
def test_a_private_entry_stays_private_and_a_shared_one_reaches_the_group(
    live_server, page, browser, world
):
    peer = make_user("pe@kowhai.example", "Pita Peer", organisation=world.school)
    world.group.memberships.create(user=peer, role=GroupRole.MEMBER)
    base = live_server.url
    log_in(page, base, world.member.email)
    private_url = _write(
        page, base, title="Unsure about my phonics groups", body="I doubt myself on Mondays."
    )
    assert_accessible(page)
    assert_fits(page)
    shared_url = _write(
        page, base, title="Grouping by need works", body="Flexible groups lifted my readers."
    )
    page.get_by_label("The whole group").check()
    page.get_by_role("button", name="Save sharing").click()
    expect(page.get_by_text("Shared with the group.")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Your journal").click()
    expect(page.get_by_role("link", name="Unsure about my phonics groups")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    # The other reflection pages pass the same checks.
    for section in ("Portfolio", "Peer feedback"):
        page.get_by_role("navigation", name="Reflection sections").get_by_role(
            "link", name=section
        ).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        assert_fits(page)
    page.goto(f"{base}/groups/{world.group.public_id}/reflection/")
    page.get_by_text("Set a goal").click()
    page.get_by_role("textbox", name="My goal").fill("Run flexible groups every morning")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("link", name="Run flexible groups every morning")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Ask for feedback").click()
    assert_accessible(page)
    assert_fits(page)

    context = browser.new_context()
    pita = context.new_page()
    pita.set_default_timeout(10_000)
    log_in(pita, base, peer.email)
    # Not even by its address.
    response = pita.goto(private_url)
    assert response.status == 404
    expect(pita.get_by_text("I doubt myself on Mondays.")).to_have_count(0)
    # From the group's pages: the shared entry, and only that one.
    pita.goto(f"{base}/groups/{world.group.public_id}/")
    pita.get_by_role("navigation", name="Group sections").get_by_role(
        "link", name="Reflection"
    ).click()
    expect(pita.get_by_role("heading", name="Shared reflections")).to_be_visible()
    expect(pita.get_by_text("Unsure about my phonics groups")).to_have_count(0)
    assert_accessible(pita)
    assert_fits(pita)
    pita.get_by_role("link", name="Grouping by need works").click()
    assert pita.url == shared_url
    expect(pita.get_by_text("Flexible groups lifted my readers.")).to_be_visible()
    expect(pita.get_by_text("Mere Member")).to_be_visible()
    assert_accessible(pita)
    assert_fits(pita)
    context.close()
