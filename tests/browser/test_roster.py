"""A roster import in the browser: an administrator reaches the roster from the
organisation's page, uploads a file with a bad row, checks the preview, confirms, the
page follows the job's progress, and the result shows the preview's counts."""

import pytest
from playwright.sync_api import expect

from kahui.orgs.models import OrgInvite
from kahui.roster.jobs import import_execute
from kahui.roster.models import ImportStatus, RosterImport
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in

ROSTER = "\n".join(
    [
        "name;email;school;role;subjects;year levels;interests",
        "Mere Member;me@kowhai.example;Kōwhai Primary;coordinator;english;y4-6;Reading",
        "Nui Tahi;nui@x.example;;;;;",
        "Rua Tahi;rua@x.example;;;;;",
        "Bad;nui@x.example;;;;;",
    ]
)


@pytest.mark.django_db(transaction=True)
def test_upload_preview_confirm_progress_result(live_server, page, world, settings, tmp_path):
    # The job waits in the queue, so the page shows its progress until it runs.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    roster = tmp_path / "staff.csv"
    roster.write_bytes(("\ufeff" + ROSTER).encode())
    base = live_server.url
    log_in(page, base, world.admin.email)
    page.goto(f"{base}/orgs/{world.school.slug}/")
    page.get_by_role("link", name="Import or export the roster").click()
    expect(page.get_by_role("heading", name="Roster", exact=True)).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Roster file (CSV or XLSX)").set_input_files(str(roster))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    expect(page.get_by_test_id("planned-create")).to_have_text("2")
    expect(page.get_by_test_id("planned-update")).to_have_text("1")
    expect(page.get_by_test_id("planned-bad")).to_have_text("1")
    expect(page.get_by_text("nui@x.example is already in row 3.")).to_be_visible()
    assert not OrgInvite.objects.exists()
    assert_accessible(page)
    assert_fits(page)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Importing")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)

    roster_import = RosterImport.objects.get()
    assert roster_import.status == ImportStatus.QUEUED
    import_execute(import_id=roster_import.pk)  # the worker's turn
    # The page's polling notices the end and shows the result.
    expect(page.get_by_role("heading", name="Import result")).to_be_visible()
    expect(page.get_by_test_id("result-create")).to_have_text("2")
    expect(page.get_by_test_id("result-update")).to_have_text("1")
    assert OrgInvite.objects.count() == 2
    assert_accessible(page)
    assert_fits(page)
