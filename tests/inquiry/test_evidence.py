"""Evidence items and assessment data sets: what the services keep and refuse, the
goal's reading that moves with a data set, the expected levels of a benchmark, and
that everything of it is the group's members' alone."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.inquiry import services
from kahui.inquiry.models import (
    AssessmentDataSet,
    AssessmentRow,
    EvidenceItem,
    GoalMeasure,
    GoalReading,
    InquiryCycle,
)
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


def start(world) -> InquiryCycle:
    return services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers decode?",
        goals=world.group.goals.all(),
    )


def measured(world, cycle, *, baseline=40.0, target=60.0, unit="") -> GoalMeasure:
    measure = GoalMeasure.objects.get(goal__in=cycle.goals.all())
    return services.goal_save(
        cycle=cycle,
        by=world.facilitator,
        measure=measure,
        edit=services.MeasureEdit(
            text=measure.goal.text, name="Phonics check", baseline=baseline, target=target,
            unit=unit,
        ),
    )  # fmt: skip


def spec(cycle, **changes) -> services.DataSetSpec:
    values = {
        "title": "Phonics check, Term 1",
        "kind": "diagnostic",
        "measure": "Phonics check",
        "taken_on": date.today() - timedelta(days=30),
        "stage": cycle.stage_key,
        "minimum": 0.0,
        "maximum": 100.0,
        **changes,
    }
    return services.DataSetSpec(**values)


def rows(*values, prefix="L") -> list[services.RowIn]:
    return [services.RowIn(value=v, code=f"{prefix}{i:03d}") for i, v in enumerate(values, 1)]


def codes(action: str) -> list[str]:
    return list(ActivityEntry.objects.filter(action=action).values_list("action", flat=True))


# -- Evidence ------------------------------------------------------------------------------


def test_members_add_change_and_remove_evidence_and_each_change_is_logged(world):
    cycle = start(world)
    goal = cycle.goals.get()
    item = services.evidence_add(
        cycle=cycle,
        by=world.member,
        edit=services.EvidenceEdit(
            kind="observation", title="Blending at the mat", stage=cycle.stage_key,
            body="L004 blended three CVC words unprompted.", goal=goal,
        ),
    )  # fmt: skip
    assert item.goal == goal
    assert item.added_by == world.member
    services.evidence_update(
        item=item,
        by=world.facilitator,
        edit=services.EvidenceEdit(
            kind="note", title="Blending at the mat", stage=cycle.stage_key, body="Now a note."
        ),
    )
    item.refresh_from_db()
    assert (item.kind, item.goal) == ("note", None)
    changed = ActivityEntry.objects.get(action="inquiry.evidence_changed")
    assert set(changed.changes) == {"kind", "body", "goal"}
    services.evidence_remove(item=item, by=world.member)
    assert not EvidenceItem.objects.exists()
    assert codes("inquiry.evidence_added")
    assert codes("inquiry.evidence_removed")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "link"}, "Paste the link."),
        ({"kind": "sample"}, "Choose the file"),
        ({"kind": "observation", "body": ""}, "Write what you saw"),
        ({"title": "  "}, "Give the evidence a title."),
        ({"stage": "reflect"}, "has not reached this stage"),
    ],
)
def test_evidence_that_says_nothing_is_refused(world, changes, message):
    cycle = start(world)
    edit = {"kind": "note", "title": "A note", "stage": cycle.stage_key, "body": "Seen.", **changes}
    with pytest.raises(KahuiError, match=message):
        services.evidence_add(cycle=cycle, by=world.member, edit=services.EvidenceEdit(**edit))
    assert not EvidenceItem.objects.exists()


def test_evidence_is_for_the_cycles_goals_and_its_members(world):
    cycle = start(world)
    other = make_group(world.outsider, name="Elsewhere")
    edit = services.EvidenceEdit(
        kind="note", title="A note", stage=cycle.stage_key, body="Seen.", goal=other.goals.get()
    )
    with pytest.raises(KahuiError, match="goals this cycle serves"):
        services.evidence_add(cycle=cycle, by=world.member, edit=edit)
    edit = services.EvidenceEdit(kind="note", title="A note", stage=cycle.stage_key, body="Seen.")
    for person in (world.coordinator, world.outsider, world.colleague):
        with pytest.raises(NotAllowed):
            services.evidence_add(cycle=cycle, by=person, edit=edit)


def test_a_sample_of_work_is_stored_privately_and_replaced_files_are_deleted(
    world, django_capture_on_commit_callbacks
):
    cycle = start(world)
    upload = SimpleUploadedFile("writing-L004.pdf", b"%PDF-1.4 sample")
    edit = services.EvidenceEdit(
        kind="sample", title="Writing sample", stage=cycle.stage_key, upload=upload
    )
    item = services.evidence_add(cycle=cycle, by=world.member, edit=edit)
    assert item.file_name == "writing-L004.pdf"
    assert item.content_type == "application/pdf"
    first = item.file.name
    assert "writing" not in first  # a random name on disk
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_update(
            item=item,
            by=world.member,
            edit=services.EvidenceEdit(
                kind="sample", title="Writing sample", stage=cycle.stage_key,
                upload=SimpleUploadedFile("again.png", b"\x89PNG..."),
            ),
        )  # fmt: skip
    assert not default_storage.exists(first)
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(item=item, by=world.member)
    assert not default_storage.exists(item.file.name)


def test_files_that_could_run_in_the_browser_are_refused(world):
    cycle = start(world)
    edit = services.EvidenceEdit(
        kind="sample", title="Page", stage=cycle.stage_key,
        upload=SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
    )  # fmt: skip
    with pytest.raises(KahuiError, match="cannot be shared"):
        services.evidence_add(cycle=cycle, by=world.member, edit=edit)


def test_an_ended_cycle_takes_no_more_evidence(world):
    cycle = start(world)
    InquiryCycle.objects.filter(pk=cycle.pk).update(ended_at=cycle.created_at)
    cycle.refresh_from_db()
    edit = services.EvidenceEdit(kind="note", title="Late", stage=cycle.stage_key, body="x")
    with pytest.raises(KahuiError, match="has ended"):
        services.evidence_add(cycle=cycle, by=world.member, edit=edit)


# -- Data sets -----------------------------------------------------------------------------


def test_a_data_set_is_saved_with_all_its_rows_and_logged(world):
    cycle = start(world)
    data_set = services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle), rows=rows(40, 50, 60)
    )
    assert data_set.row_count == 3
    assert list(data_set.rows.values_list("code", "value")) == [
        ("L001", 40.0),
        ("L002", 50.0),
        ("L003", 60.0),
    ]
    entry = ActivityEntry.objects.get(action="inquiry.data_set_added")
    assert entry.changes["rows"]["to"] == "3"
    assert "L001" not in str(entry.changes)  # the log names no learner


def test_every_bad_row_is_reported_by_number_and_nothing_is_saved(world):
    cycle = start(world)
    bad = [
        services.RowIn(value=40, code="L001"),
        services.RowIn(value=140, code="L002"),
        services.RowIn(value=50, code="L001"),
        services.RowIn(value=50),
        services.RowIn(value=float("nan"), code="L005"),
    ]
    with pytest.raises(services.BadRows) as refused:
        services.data_set_save(cycle=cycle, by=world.member, spec=spec(cycle), rows=bad)
    problems = refused.value.problems
    assert problems[0].startswith("Row 2:")
    assert "above the highest" in problems[0]
    assert problems[1].startswith("Row 3:")
    assert "also on row 1" in problems[1]
    assert problems[2].startswith("Row 4:")
    assert "learner code or a group" in problems[2]
    assert problems[3].startswith("Row 5:")
    assert "not a number" in problems[3]
    assert not AssessmentDataSet.objects.exists()
    assert not AssessmentRow.objects.exists()


def test_codes_that_look_like_names_are_kept_only_once_confirmed(world):
    cycle = start(world)
    named = [
        services.RowIn(value=40, code="L001"),
        services.RowIn(value=45, code="Aroha Ngata"),
        services.RowIn(value=50, label="Mere Parata"),
    ]
    with pytest.raises(services.LooksLikeNames) as refused:
        services.data_set_save(cycle=cycle, by=world.member, spec=spec(cycle), rows=named)
    assert refused.value.rows == [2, 3]
    assert "Aroha" not in refused.value.message  # rows are named, never the names
    assert not AssessmentDataSet.objects.exists()
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle), rows=named, codes_confirmed=True
    )
    assert AssessmentRow.objects.count() == 3


def test_a_scale_of_levels_holds_positions_on_it(world):
    cycle = start(world)
    levels = ("Working towards", "At", "Above")
    level_spec = spec(cycle, scale="levels", levels=levels, minimum=None, maximum=None)
    with pytest.raises(services.BadRows, match="fix these rows"):
        services.data_set_save(cycle=cycle, by=world.member, spec=level_spec, rows=rows(1, 4))
    data_set = services.data_set_save(
        cycle=cycle, by=world.member, spec=level_spec, rows=rows(1, 2, 3)
    )
    assert data_set.level_name(2.0) == "At"
    with pytest.raises(KahuiError, match="at least two levels"):
        services.data_set_save(
            cycle=cycle, by=world.member, spec=spec(cycle, scale="levels", levels=("A",)),
            rows=rows(1),
        )  # fmt: skip


@pytest.mark.clock
def test_a_data_set_tied_to_a_goal_moves_its_progress(world):
    cycle = start(world)
    measure = measured(world, cycle)
    goal = measure.goal
    data_set = services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, goal=goal), rows=rows(40, 50, 60)
    )
    reading = GoalReading.objects.get(data_set=data_set)
    assert (reading.measure, reading.value, reading.taken_on) == (measure, 50.0, data_set.taken_on)
    services.data_set_save(
        cycle=cycle,
        by=world.member,
        spec=spec(cycle, goal=goal),
        rows=rows(50, 55, 60),
        data_set=data_set,
    )
    reading.refresh_from_db()
    assert reading.value == 55.0
    assert ActivityEntry.objects.filter(action="inquiry.data_set_changed").count() == 1
    # only the values changed: still logged, so the analysis is drawn again
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle), rows=rows(50, 55, 60), data_set=data_set
    )
    assert not GoalReading.objects.exists()  # no longer tied to the goal
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, goal=goal), rows=rows(1), data_set=data_set
    )
    services.data_set_remove(data_set=data_set, by=world.member)
    assert not GoalReading.objects.exists()
    assert not AssessmentRow.objects.exists()


def test_a_benchmark_gives_its_goal_the_share_at_or_above_the_expected_level(world):
    cycle = start(world)
    goal = measured(world, cycle, baseline=40, target=80, unit="%").goal
    learners = [
        services.RowIn(value=2, code="A1", year_level=1),
        services.RowIn(value=1, code="A2", year_level=1),
        services.RowIn(value=3, code="A3", year_level=2),
        services.RowIn(value=2, code="A4", year_level=2),
    ]
    benchmark = spec(cycle, kind="benchmark", goal=goal, minimum=None, maximum=None)
    data_set = services.data_set_save(cycle=cycle, by=world.member, spec=benchmark, rows=learners)
    # Without expected levels, the mean.
    assert GoalReading.objects.get(data_set=data_set).value == 2.0
    services.expected_levels_save(
        cycle=cycle, by=world.member, measure="Phonics check", levels={1: 2, 2: 3}
    )
    assert GoalReading.objects.get(data_set=data_set).value == 50.0  # A1 and A3 of four
    assert services.standard_of(world.group, "Phonics check") == {1: 2.0, 2: 3.0}
    with pytest.raises(KahuiError, match="0 to 13"):
        services.expected_levels_save(
            cycle=cycle, by=world.member, measure="Phonics check", levels={14: 1}
        )


def test_data_sets_are_for_members_and_the_cycles_goals(world):
    cycle = start(world)
    other = make_group(world.outsider, name="Elsewhere")
    with pytest.raises(KahuiError, match="goals this cycle serves"):
        services.data_set_save(
            cycle=cycle, by=world.member, spec=spec(cycle, goal=other.goals.get()), rows=rows(1)
        )
    for person in (world.coordinator, world.outsider):
        with pytest.raises(NotAllowed):
            services.data_set_save(cycle=cycle, by=person, spec=spec(cycle), rows=rows(1))
    group_services.group_leave(group=world.group, user=world.member)
    with pytest.raises(NotAllowed):
        services.data_set_save(cycle=cycle, by=world.member, spec=spec(cycle), rows=rows(1))


@pytest.mark.clock
def test_a_future_date_or_an_empty_data_set_is_refused(world):
    cycle = start(world)
    with pytest.raises(KahuiError, match="cannot be in the future"):
        services.data_set_save(
            cycle=cycle, by=world.member,
            spec=spec(cycle, taken_on=date.today() + timedelta(days=30)), rows=rows(1),
        )  # fmt: skip
    with pytest.raises(KahuiError, match="no rows"):
        services.data_set_save(cycle=cycle, by=world.member, spec=spec(cycle), rows=[])


def url(name, world, cycle, *rest):
    return reverse(f"inquiry:{name}", args=[world.group.public_id, cycle.public_id, *rest])


def test_overseers_and_others_get_nothing_of_the_evidence_or_the_data(client, world):
    cycle = start(world)
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, title="Secret check"), rows=rows(1, 2, 3)
    )
    data_set = AssessmentDataSet.objects.get()
    item = services.evidence_add(
        cycle=cycle,
        by=world.member,
        edit=services.EvidenceEdit(
            kind="sample", title="Secret sample", stage=cycle.stage_key,
            upload=SimpleUploadedFile("work.pdf", b"%PDF-1.4 private work"),
        ),
    )  # fmt: skip
    pages = [
        url("evidence", world, cycle),
        url("evidence_file", world, cycle, item.public_id),
        url("evidence_edit", world, cycle, item.public_id),
        url("data_set", world, cycle, data_set.public_id),
        url("data_csv", world, cycle, data_set.public_id),
        url("analysis", world, cycle),
        url("analysis_csv", world, cycle),
        url("expected_levels", world, cycle),
    ]
    client.force_login(world.member)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
    for person, status in ((world.coordinator, 403), (world.admin, 403), (world.outsider, 404)):
        client.force_login(person)
        for page in pages:
            response = client.get(page)
            assert response.status_code == status, (person, page)
            body = (
                b"".join(response) if hasattr(response, "streaming_content") else response.content
            )
            assert b"Secret" not in body
            assert b"private work" not in body
        # The group home shows overseers the inquiry's figures, not its data.
        home = client.get(reverse("groups:home", args=[world.group.public_id]))
        assert "Secret" not in home.text
    client.force_login(world.coordinator)
    for person in (world.coordinator, world.member):  # evidence is not in the search index
        client.force_login(person)
        search = client.get(reverse("search:search"), {"q": "Secret"})
        assert "Secret sample" not in search.text
        assert "Secret check" not in search.text
    assert Path(item.file.path).read_bytes() == b"%PDF-1.4 private work"
