"""Evidence in an inquiry: a member imports a diagnostic and, later, a summative data
set on the same measure for a goal, and sees the before/after chart, the effect size
and the goal's progress move."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kahui.inquiry import services
from kahui.inquiry.models import GoalMeasure
from tests.browser.conftest import assert_accessible, assert_fits
from tests.browser.test_explore_join import log_in
from tests.browser.test_keyboard_only import reach_by_keyboard

GOAL = "Daily phonics"


def import_file(page, *, title: str, kind: str, day: date, content: bytes) -> None:
    page.get_by_role("link", name="Import a data set").first.click()
    page.get_by_label("Title").fill(title)
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Measure", exact=True).fill("Phonics check")
    page.get_by_label("Date of the assessment").fill(day.isoformat())
    page.get_by_label("Goal it informs").select_option(label=GOAL)
    page.get_by_label("Highest possible value").fill("40")
    page.get_by_label("CSV file or Excel workbook (.xlsx)").set_input_files(
        {"name": f"{title}.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Preview: 6 rows", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the data set").click()
    expect(page.locator("#messages")).to_contain_text("Imported 6 rows")


@pytest.mark.django_db(transaction=True)
def test_before_and_after_data_move_the_goal(live_server, page, world):
    cycle = services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers decode?",
        goals=world.group.goals.all(),
    )
    services.goal_save(
        cycle=cycle,
        by=world.facilitator,
        measure=GoalMeasure.objects.get(),
        edit=services.MeasureEdit(text=GOAL, name="Phonics check", baseline=20, target=30),
    )
    base = live_server.url
    log_in(page, base, world.member.email)
    page.goto(f"{base}/groups/{world.group.public_id}/")
    page.get_by_role("link", name="Inquiry", exact=True).click()
    page.get_by_role("link", name="Evidence and data").first.click()
    expect(page.get_by_text("No evidence or data yet.")).to_be_visible()

    # A file with a bad row is refused whole, with the row's number.
    page.get_by_role("link", name="Import a data set").first.click()
    page.get_by_label("Title").fill("Broken")
    page.get_by_label("Measure", exact=True).fill("Phonics check")
    page.get_by_label("Date of the assessment").fill(date.today().isoformat())
    page.get_by_label("CSV file or Excel workbook (.xlsx)").set_input_files(
        {"name": "broken.csv", "mimeType": "text/csv", "buffer": b"Code,Score\nL1,12\nL2,lots\n"}
    )
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#import-problems")).to_contain_text("3")
    page.get_by_role("link", name="Cancel").click()

    before = "\ufeffLearner code;Score\nL001;18\nL002;20\nL003;22\nL004;19\nL005;21\nL006;20\n"
    after = "Learner code,Score\nL001,24\nL002,27\nL003,26\nL004,25\nL005,28\nL006,26\n"
    import_file(
        page, title="Diagnostic, Term 1", kind="Diagnostic",
        day=date.today() - timedelta(days=40), content=before.encode(),
    )  # fmt: skip
    data_set_page = page.url
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name="Evidence and data").first.click()
    expect(page.get_by_role("link", name="Diagnostic, Term 1")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    # The grid for typing a data set in, without a file.
    page.get_by_role("link", name="Type in a data set").click()
    page.get_by_role("button", name="Add rows").click()
    expect(page.get_by_label("Learner code, row 10")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    page.goto(data_set_page)
    page.get_by_role("link", name="Evidence and data").first.click()
    import_file(
        page, title="Summative, Term 2", kind="Summative",
        day=date.today() - timedelta(days=2), content=after.encode(),
    )  # fmt: skip

    page.get_by_role("link", name="Analysis of this measure").click()
    expect(page.get_by_role("heading", name="Before and after")).to_be_visible()
    chart = page.get_by_role("img", name="Phonics check: before and after")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Phonics check: before and after")).to_contain_text(
        "Change"
    )
    # The chart's numbers, beside it, are reached with the keyboard.
    figures = reach_by_keyboard(page, "Phonics check: before and after")
    expect(figures.get_by_role("table")).to_contain_text("Change")
    expect(page.get_by_text("6 learners in both")).to_be_visible()
    expect(page.get_by_text("A large increase.")).to_be_visible()
    progress = page.get_by_role("progressbar", name=f"Progress toward: {GOAL}")
    expect(progress).to_have_attribute("value", "60")  # a mean of 26, from 20 toward 30
    assert_accessible(page)
    assert_fits(page)

    # The goal on the cycle's page moved with the data, and lists them.
    page.get_by_role("link", name="Round 1").click()
    goal = page.locator(".goal-card", has_text=GOAL)
    expect(goal.get_by_text("60% of the way to the target")).to_be_visible()
    goal.get_by_text("2 pieces of evidence and data").click()
    expect(goal.get_by_role("link", name="Summative, Term 2")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
