"""The founding journey: sign up, verify, set up a group through the whole wizard
(with mistakes at each step), invite a colleague who accepts; both see the group."""

import pytest
from playwright.sync_api import expect

from kahui.groups.models import LearningGroup
from tests.browser.conftest import assert_accessible, assert_fits, last_link
from tests.conftest import PASSWORD, make_user


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()


@pytest.mark.django_db(transaction=True)
def test_sign_up_set_up_group_invite_colleague(live_server, page, browser, settings):
    settings.SITE_URL = live_server.url
    colleague = make_user("hemi@kowhai.example", "Hemi Walker")
    base = live_server.url

    # Sign up and verify the email address.
    page.goto(f"{base}/accounts/signup/")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Your name").fill("Aroha Ngata")
    page.get_by_label("Email").fill("aroha@kowhai.example")
    page.get_by_label("Your role").select_option("facilitator")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    confirm = last_link("aroha@kowhai.example", r"https?://\S+/accounts/confirm-email/\S+")
    page.goto(confirm)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Kia ora, Aroha Ngata")).to_be_visible()
    assert_accessible(page)

    # Step 1: focus and purpose. Nothing filled → errors; the name is kept.
    page.get_by_role("link", name="Start a group").first.click()
    page.get_by_label("Group name").fill("Oral language in the junior school")
    continue_(page)
    # Each error shows at its field, and in the summary at the top with a link to it.
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Choose at least one focus area, or type one.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Group name")).to_have_value("Oral language in the junior school")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_label("Another focus area").fill("Oral language, Talk moves")
    page.get_by_label("Purpose").fill("Grow how our new entrants talk, listen and tell stories.")
    continue_(page)

    # Step 2: shared vision.
    expect(page.get_by_role("heading", name="Shared vision")).to_be_visible()
    continue_(page)
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    page.get_by_label("Shared vision").fill("Every child has rich talk every day.")
    continue_(page)

    # Step 3: goals — a goal without evidence is refused, the goal text stays.
    expect(page.get_by_role("heading", name="Goals")).to_be_visible()
    page.get_by_label("Goal", exact=True).fill("Daily talk routines in every class")
    continue_(page)
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    expect(page.get_by_label("Goal", exact=True)).to_have_value(
        "Daily talk routines in every class"
    )
    page.get_by_label("How will you see progress?").fill("Oral language samples each term")
    page.get_by_role("button", name="Add another goal").click()
    expect(page.get_by_label("Goal", exact=True)).to_have_count(2)
    expect(page.get_by_label("Goal", exact=True).first).to_have_value(
        "Daily talk routines in every class"
    )
    page.get_by_label("Goal", exact=True).nth(1).fill("Whānau hear about progress")
    page.get_by_label("How will you see progress?").nth(1).fill("Whānau survey")
    continue_(page)

    # Step 4: agreements start from suggestions; a suggestion emptied is left out.
    expect(page.get_by_role("heading", name="Agreements")).to_be_visible()
    agreements = page.get_by_label("Agreement", exact=True)
    expect(agreements).to_have_count(6)
    agreements.first.fill("")
    agreements.nth(1).fill("We start and end on time.")
    continue_(page)

    # Step 5: structure — internal needs an organisation; too-short meetings refused.
    expect(page.get_by_role("heading", name="Structure")).to_be_visible()
    page.get_by_label("Online").check()
    page.get_by_label("Meeting length (minutes)").fill("5")
    # Someone in no organisation starts from an external group.
    expect(page.get_by_label("External — across schools or clusters")).to_be_checked()
    continue_(page)
    expect(
        page.get_by_text("Ensure this value is greater than or equal to 15.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Online")).to_be_checked()
    page.get_by_label("Meeting length (minutes)").fill("45")
    page.get_by_label("Open — anyone who can see the group may join").check()
    continue_(page)

    # Step 6: roles — a bad address is refused and kept.
    expect(page.get_by_role("heading", name="Roles")).to_be_visible()
    page.get_by_label("Co-facilitators").fill("not-an-address")
    continue_(page)
    expect(
        page.get_by_text("This is not an email address: not-an-address", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Co-facilitators")).to_have_value("not-an-address")
    page.get_by_label("Co-facilitators").fill("")
    page.get_by_label("Rotate the note-taker and timekeeper at each meeting").check()
    continue_(page)

    # Step 7: invite the colleague and open the group.
    expect(page.get_by_role("heading", name="Invite members")).to_be_visible()
    page.get_by_label("Email addresses").fill("hemi@kowhai.example, oops")
    page.get_by_role("button", name="Finish and open the group").click()
    expect(page.get_by_text("This is not an email address: oops", exact=True)).to_be_visible()
    page.get_by_label("Email addresses").fill("hemi@kowhai.example")
    page.get_by_label("Personal message").fill("Kia ora Hemi, join us!")
    page.get_by_role("button", name="Finish and open the group").click()

    expect(page.get_by_role("heading", name="Oral language in the junior school")).to_be_visible()
    current = page.locator(".stages li[aria-current='step']")
    expect(current).to_contain_text("Whakawhanaungatanga")
    assert_accessible(page)
    assert_fits(page)
    group = LearningGroup.objects.get(name="Oral language in the junior school")
    assert group.goals.count() == 2
    assert group.norms.count() == 5
    assert group.norms.filter(text="We start and end on time.").exists()
    assert group.status == "active"

    # The stage's work is the group's inquiry, which the facilitator may start.
    page.get_by_role("link", name="The work of this stage").click()
    expect(page.get_by_role("heading", name="No inquiry under way")).to_be_visible()
    expect(page.get_by_role("link", name="Start an inquiry cycle")).to_be_visible()
    page.go_back()

    # The colleague follows the emailed link, logs in and accepts.
    invite_link = last_link("hemi@kowhai.example", r"https?://\S+/invites/\S+/")
    context = browser.new_context()
    other = context.new_page()
    other.goto(invite_link)
    other.get_by_label("Email").fill("hemi@kowhai.example")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign In").click()
    expect(other.get_by_text("Kia ora Hemi, join us!")).to_be_visible()
    assert_accessible(other)
    other.get_by_role("button", name="Accept and join").click()
    expect(other.get_by_role("heading", name="Oral language in the junior school")).to_be_visible()
    expect(other.get_by_role("link", name="Hemi Walker")).to_be_visible()
    expect(other.get_by_role("link", name="Aroha Ngata")).to_be_visible()
    context.close()

    page.reload()
    expect(page.get_by_role("link", name="Hemi Walker")).to_be_visible()
    assert group.memberships.filter(user=colleague).exists()
