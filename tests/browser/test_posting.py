"""Posting in a thread: a member types “@Aro”, picks Aroha from the suggestions with
the keyboard, previews and posts the reply; Aroha is notified, the mention is marked.
Reactions toggle and say who gave them. A picture uploaded on the profile page shows
in the header and beside the member's posts."""

import pytest
from playwright.sync_api import expect

from kahui.discussions import services
from kahui.notifications.models import Notification
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.conftest import tiny_png


@pytest.mark.django_db(transaction=True)
def test_mention_autocomplete_reactions_and_picture(live_server, page, world, tmp_path):
    base = live_server.url
    thread = services.thread_start(
        group=world.group,
        by=world.facilitator,
        kind="idea",
        title="Sound walls",
        body="Who has tried a **sound wall**?",
    )
    url = f"{base}/groups/{world.group.public_id}/discussions/{thread.public_id}/"
    log_in(page, base, world.member.email)
    page.goto(url)

    reply = page.get_by_label("Your reply")
    reply.click()
    reply.press_sequentially("We have, @Aro")
    options = page.get_by_role("listbox", name="Members to mention").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(reply).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    assert_accessible(page)
    reply.press("Enter")
    expect(page.get_by_role("listbox", name="Members to mention")).to_be_hidden()
    expect(reply).to_have_value("We have, @ArohaFacilitator ")
    reply.press_sequentially("it **works**.")
    # Escape closes the suggestions without taking anything back
    reply.press_sequentially(" @A")
    expect(options).to_have_count(1)
    reply.press("Escape")
    expect(page.get_by_role("listbox", name="Members to mention")).to_be_hidden()
    for _ in range(3):
        reply.press("Backspace")
    expect(reply).to_have_value("We have, @ArohaFacilitator it **works**.")

    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview.locator("strong")).to_have_text("works")
    expect(page.get_by_role("button", name="Preview")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Write").click()
    expect(reply).to_be_visible()
    page.get_by_role("button", name="Post reply").click()

    mention = page.locator("a.mention")
    expect(mention).to_have_text("@ArohaFacilitator")
    expect(mention).to_have_attribute("href", f"/people/{world.facilitator.public_id}/")
    note = Notification.objects.get(user=world.facilitator, category="mentions")
    assert note.title == "Mere Member mentioned you in “Sound walls”"

    # Reactions: toggled by htmx, with who gave them.
    first = page.locator("li.post").first
    first.get_by_role("button", name="Helpful").click()
    expect(first.get_by_role("button", name="Helpful · 1")).to_have_attribute(
        "aria-pressed", "true"
    )
    first.get_by_text("Who reacted (1)").click()
    expect(first.get_by_text("Helpful: Mere Member")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    # A picture, uploaded on the profile page, in the header and beside the posts.
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Your profile").click()
    picture = tmp_path / "me.png"
    picture.write_bytes(tiny_png((600, 400), "#884400"))
    page.get_by_label("Choose a picture").set_input_files(str(picture))
    page.get_by_role("button", name="Upload picture").click()
    expect(page.get_by_text("Your picture is saved.")).to_be_visible()
    header_picture = page.locator(".user-menu img.avatar")
    expect(header_picture).to_be_visible()
    assert header_picture.evaluate("img => img.naturalWidth") == 256
    assert_accessible(page)
    assert_fits(page)
    page.goto(url)
    expect(page.locator("li.post img.avatar")).to_have_count(1)
