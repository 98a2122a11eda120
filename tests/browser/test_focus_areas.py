"""Reviewing proposed focus areas: an organisation's administrator finds the page from
the organisation's page, accepts one under a better name, is told what is wrong with
a name that looks like markup, and declines another."""

import pytest
from playwright.sync_api import expect

from kahui.accounts.services import focus_area_for_name, profile_update
from kahui.core.models import FocusArea, FocusAreaStatus
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in


@pytest.mark.django_db(transaction=True)
def test_an_administrator_reviews_proposed_focus_areas(live_server, page, world):
    base = live_server.url
    FocusArea.objects.create(name="Oral language", status=FocusAreaStatus.ACCEPTED)
    world.group.focus_areas.add(focus_area_for_name("maths tlak", by=world.facilitator))
    profile_update(profile=world.member.profile, new_interests=["Outdoor learning"])

    log_in(page, base, world.admin.email)
    page.goto(f"{base}/orgs/{world.school.slug}/")
    page.get_by_role("link", name="Proposed focus areas").click()
    expect(page.get_by_role("heading", name="Proposed focus areas", level=1)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    typo = page.get_by_test_id("proposal").filter(has_text="maths tlak")
    typo.get_by_label("Accept it with a new name", exact=True).check()
    typo.get_by_label("New name", exact=True).fill("Maths talk")
    typo.get_by_role("button", name="Save the decision").click()
    done = "“maths tlak” is in the shared list now, as “Maths talk”."
    expect(page.get_by_text(done)).to_be_visible()
    expect(page.get_by_test_id("proposal")).to_have_count(1)

    interest = page.get_by_test_id("proposal").filter(has_text="Outdoor learning")
    interest.get_by_label("Accept it with a new name", exact=True).check()
    interest.get_by_label("New name", exact=True).fill("<b>Outdoors</b>")
    interest.get_by_role("button", name="Save the decision").click()
    expect(page.locator("#id_outdoor-learning-name_error")).to_contain_text(
        "looks like markup or a link"
    )
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(interest.get_by_label("New name", exact=True)).to_have_value("<b>Outdoors</b>")
    assert_accessible(page)
    assert_fits(page)

    interest.get_by_label("Decline it", exact=False).check()
    interest.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Nothing to review")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base}/orgs/{world.school.slug}/history/")
    expect(page.get_by_text("accepted a proposed focus area under a new name")).to_be_visible()
    expect(page.get_by_text("kept a proposed focus area out of the shared list")).to_be_visible()
