"""The evidence and data pages: importing a file (preview, then confirm), typing a data
set into a grid, the analysis with its charts and tables, the CSV exports, and the
number of queries the list pages take."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.inquiry import services
from kahui.inquiry.models import AssessmentDataSet, AssessmentRow, EvidenceItem, GoalReading
from tests.inquiry.test_evidence import measured, rows, spec, start

pytestmark = pytest.mark.django_db

DAY = (date.today() - timedelta(days=20)).isoformat()


def url(name, world, cycle, *rest):
    return reverse(f"inquiry:{name}", args=[world.group.public_id, cycle.public_id, *rest])


def describe(cycle, **changes) -> dict:
    return {
        "title": "Phonics check, Term 1",
        "kind": "diagnostic",
        "measure": "Phonics check",
        "taken_on": DAY,
        "stage": cycle.stage_key,
        "scale": "numbers",
        "minimum": "0",
        "maximum": "40",
        "levels": "",
        **changes,
    }


def upload(content: bytes, name: str = "results.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def read_then_save(client, world, cycle, content, *, name="results.csv", **changes):
    """Post the file for its preview, then confirm; both answers."""
    preview = client.post(
        url("data_import", world, cycle),
        {**describe(cycle, **changes), "upload": upload(content, name)},
    )
    token = preview.context.get("token") if preview.context else None
    if token is None:
        return preview, None
    saved = client.post(
        url("data_import", world, cycle), {**describe(cycle, **changes), "token": token}
    )
    return preview, saved


@pytest.mark.clock
def test_a_utf8_file_with_a_byte_order_mark_is_previewed_then_saved(client, world):
    cycle = start(world)
    client.force_login(world.member)
    content = "\ufeffLearner code,Year,Score\nL001,1,12\nL002,1,20\nL003,2,31\n".encode()
    preview = client.post(
        url("data_import", world, cycle), {**describe(cycle), "upload": upload(content)}
    )
    assert preview.status_code == 200
    assert "Preview: 3 rows from results.csv" in preview.text
    assert not AssessmentDataSet.objects.exists()  # nothing before the teacher confirms
    saved = client.post(
        url("data_import", world, cycle), {**describe(cycle), "token": preview.context["token"]}
    )
    assert saved.status_code == 302
    data_set = AssessmentDataSet.objects.get()
    assert data_set.source == "results.csv"
    assert list(data_set.rows.values_list("code", "year_level", "value")) == [
        ("L001", 1, 12.0),
        ("L002", 1, 20.0),
        ("L003", 2, 31.0),
    ]
    page = client.get(saved["Location"])
    assert "Imported 3 rows" in page.text


def test_a_windows_1252_file_with_semicolons_and_decimal_commas_is_read(client, world):
    cycle = start(world)
    client.force_login(world.member)
    # Excel's plain CSV on Windows: no macrons (ū became "?"), é as one byte, semicolons.
    content = "Group;Score\nKea;12,5\nKerer?;20,25\nCaf\xe9;3\n".encode("windows-1252")
    preview, saved = read_then_save(client, world, cycle, content)
    assert preview.context["warnings"]  # the macron that was lost is pointed out
    assert saved.status_code == 302
    assert list(AssessmentRow.objects.values_list("label", "value")) == [
        ("Kea", 12.5),
        ("Kerer?", 20.25),
        ("Café", 3.0),
    ]


def test_every_bad_row_is_named_and_nothing_is_imported(client, world):
    cycle = start(world)
    client.force_login(world.member)
    content = b"Code,Score\nL001,12\nL002,fifty\nL003,99\n,4\n"
    preview, saved = read_then_save(client, world, cycle, content)
    assert preview.status_code == 400
    assert saved is None
    problems = preview.context["problems"]
    assert any("3" in problem for problem in problems)  # "fifty" on row 3
    assert any("4" in problem for problem in problems)  # 99 is above 40
    assert "Nothing was imported" in preview.text
    assert not AssessmentDataSet.objects.exists()


def test_a_file_without_a_value_column_says_what_is_missing(client, world):
    cycle = start(world)
    client.force_login(world.member)
    preview, _saved = read_then_save(client, world, cycle, b"Code,Comment\nL001,good\n")
    assert preview.status_code == 400
    assert preview.context["problems"]
    assert not AssessmentDataSet.objects.exists()


def test_names_are_warned_about_and_kept_only_once_the_teacher_says_they_are_codes(client, world):
    cycle = start(world)
    client.force_login(world.member)
    content = b"Code,Score\nAroha Ngata,12\nMere Parata,20\nL003,31\n"
    preview = client.post(
        url("data_import", world, cycle), {**describe(cycle), "upload": upload(content)}
    )
    assert preview.context["looks_like_names"]
    assert "These are codes, not learners" in preview.text
    token = preview.context["token"]
    refused = client.post(url("data_import", world, cycle), {**describe(cycle), "token": token})
    assert refused.status_code == 400
    assert "look like names (rows 2, 3)" in refused.text
    assert not AssessmentDataSet.objects.exists()
    saved = client.post(
        url("data_import", world, cycle),
        {**describe(cycle), "token": token, "codes_confirmed": "on"},
    )
    assert saved.status_code == 302
    assert AssessmentRow.objects.count() == 3


def test_a_column_headed_name_is_never_read(client, world):
    cycle = start(world)
    client.force_login(world.member)
    content = b"Name,Code,Score\nAroha Ngata,L001,12\nMere Parata,L002,20\n"
    _preview, saved = read_then_save(client, world, cycle, content)
    assert saved.status_code == 302
    assert list(AssessmentRow.objects.values_list("code", flat=True)) == ["L001", "L002"]
    assert "Aroha" not in str(list(AssessmentRow.objects.values()))


def test_a_workbook_is_read(client, world):
    cycle = start(world)
    client.force_login(world.member)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Learner code", "Score"])
    sheet.append(["L001", 12])
    sheet.append(["L002", 22.5])
    buffer = io.BytesIO()
    book.save(buffer)
    _preview, saved = read_then_save(client, world, cycle, buffer.getvalue(), name="check.xlsx")
    assert saved.status_code == 302
    assert list(AssessmentRow.objects.values_list("value", flat=True)) == [12.0, 22.5]


def test_five_thousand_rows_import_in_one_go_or_not_at_all(client, world):
    cycle = start(world)
    client.force_login(world.member)
    lines = ["Code,Score"] + [f"L{i:05d},{i % 40}" for i in range(5000)]
    _preview, saved = read_then_save(client, world, cycle, "\n".join(lines).encode())
    assert saved.status_code == 302
    assert AssessmentRow.objects.count() == 5000
    lines[2500] = "L02499,41"  # one value off the scale, halfway down
    preview, saved = read_then_save(client, world, cycle, "\n".join(lines).encode())
    assert preview.status_code == 400
    assert saved is None
    assert AssessmentDataSet.objects.count() == 1
    assert AssessmentRow.objects.count() == 5000


def test_the_service_refusing_the_confirmed_rows_saves_none_of_them(client, world, monkeypatch):
    cycle = start(world)
    client.force_login(world.member)
    lines = ["Code,Score"] + [f"L{i:05d},{i % 40}" for i in range(5000)]
    preview = client.post(
        url("data_import", world, cycle),
        {**describe(cycle), "upload": upload("\n".join(lines).encode())},
    )
    original = AssessmentRow.objects.bulk_create

    def fail_halfway(objs, **kwargs):
        objs = list(objs)
        original(objs[:2500], **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(AssessmentRow.objects, "bulk_create", fail_halfway)
    with pytest.raises(RuntimeError):
        client.post(
            url("data_import", world, cycle),
            {**describe(cycle), "token": preview.context["token"]},
        )
    assert not AssessmentRow.objects.exists()
    assert not AssessmentDataSet.objects.exists()


def test_another_persons_preview_cannot_be_saved(client, world):
    cycle = start(world)
    client.force_login(world.member)
    preview = client.post(
        url("data_import", world, cycle),
        {**describe(cycle), "upload": upload(b"Code,Score\nL1,2\n")},
    )
    client.force_login(world.facilitator)
    answer = client.post(
        url("data_import", world, cycle), {**describe(cycle), "token": preview.context["token"]}
    )
    assert answer.status_code == 400
    assert not AssessmentDataSet.objects.exists()


def grid(cycle, lines, **changes) -> dict:
    data = {
        **describe(cycle, **changes),
        "rows-TOTAL_FORMS": str(len(lines)),
        "rows-INITIAL_FORMS": "0",
    }
    for index, (code, label, year, value) in enumerate(lines):
        data.update(
            {
                f"rows-{index}-code": code,
                f"rows-{index}-label": label,
                f"rows-{index}-year_level": year,
                f"rows-{index}-value": value,
            }
        )
    return data


def test_a_data_set_typed_into_the_grid_keeps_what_was_typed_and_adds_rows(client, world):
    cycle = start(world)
    client.force_login(world.member)
    assert client.get(url("data_new", world, cycle)).status_code == 200
    lines = [("L001", "", "1", "12"), ("L002", "", "", "13,5"), ("", "", "", "")]
    more = client.post(url("data_new", world, cycle), {**grid(cycle, lines), "add": "5"})
    assert more.status_code == 200
    assert len(more.context["formset"].forms) == 8
    assert 'value="13,5"' in more.text
    assert not AssessmentDataSet.objects.exists()
    saved = client.post(url("data_new", world, cycle), grid(cycle, lines))
    assert saved.status_code == 302
    assert list(AssessmentRow.objects.values_list("code", "year_level", "value")) == [
        ("L001", 1, 12.0),
        ("L002", None, 13.5),
    ]


def test_the_grid_refuses_bad_rows_by_number_and_reads_level_names(client, world):
    cycle = start(world)
    client.force_login(world.member)
    levels = {"scale": "levels", "levels": "Below\nAt\nAbove", "minimum": "", "maximum": ""}
    bad = [("L001", "", "", "At"), ("L002", "", "", "Beyond"), ("", "", "", "At")]
    answer = client.post(url("data_new", world, cycle), grid(cycle, bad, **levels))
    assert answer.status_code == 400
    assert "Row 2: “Beyond” is not a number or one of the levels." in answer.text
    assert "Give a learner code or a group." in answer.text
    assert not AssessmentDataSet.objects.exists()
    good = [("L001", "", "", "At"), ("L002", "", "", "above")]
    assert (
        client.post(url("data_new", world, cycle), grid(cycle, good, **levels)).status_code == 302
    )
    data_set = AssessmentDataSet.objects.get()
    assert list(data_set.rows.values_list("value", flat=True)) == [2.0, 3.0]
    edit = client.get(url("data_edit", world, cycle, data_set.public_id))
    assert 'value="Above"' in edit.text  # levels shown by name to edit


def test_a_name_in_the_grid_asks_for_confirmation(client, world):
    cycle = start(world)
    client.force_login(world.member)
    named = [("Aroha Ngata", "", "", "12")]
    answer = client.post(url("data_new", world, cycle), grid(cycle, named))
    assert answer.status_code == 400
    assert answer.context["confirm_names"]
    assert "12" in answer.text  # what was typed is kept
    confirmed = client.post(
        url("data_new", world, cycle), {**grid(cycle, named), "codes_confirmed": "on"}
    )
    assert confirmed.status_code == 302


def test_evidence_pages_add_edit_and_remove(client, world):
    cycle = start(world)
    client.force_login(world.member)
    assert client.get(url("evidence_add", world, cycle)).status_code == 200
    measure = measured(world, cycle)
    home = client.get(reverse("inquiry:home", args=[world.group.public_id])).text
    for_goal = f"{url('evidence_add', world, cycle)}?goal={measure.public_id}"
    assert for_goal in home
    assert client.get(for_goal).context["form"].initial["goal"] == measure.goal
    refused = client.post(
        url("evidence_add", world, cycle),
        {"kind": "link", "title": "Article", "stage": cycle.stage_key},
    )
    assert refused.status_code == 400
    assert "Paste the link." in refused.text
    added = client.post(
        url("evidence_add", world, cycle),
        {
            "kind": "sample",
            "title": "Writing sample",
            "stage": cycle.stage_key,
            "upload": SimpleUploadedFile("w.pdf", b"%PDF-1.4 w"),
        },
    )
    assert added.status_code == 302
    item = EvidenceItem.objects.get()
    listing = client.get(url("evidence", world, cycle))
    assert "Writing sample" in listing.text
    download = client.get(url("evidence_file", world, cycle, item.public_id))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 w"
    changed = client.post(
        url("evidence_edit", world, cycle, item.public_id),
        {"kind": "sample", "title": "Writing sample, week 3", "stage": cycle.stage_key},
    )
    assert changed.status_code == 302
    item.refresh_from_db()
    assert item.title == "Writing sample, week 3"
    assert item.file
    cycle_page = client.get(reverse("inquiry:home", args=[world.group.public_id]))
    assert "Writing sample, week 3" in cycle_page.text
    client.post(url("evidence_delete", world, cycle, item.public_id), {"confirm": "yes"})
    assert not EvidenceItem.objects.exists()


def before_and_after(world, cycle):
    goal = measured(world, cycle, baseline=20, target=30).goal
    services.data_set_save(
        cycle=cycle, by=world.member,
        spec=spec(cycle, title="Diagnostic", goal=goal, maximum=40.0),
        rows=rows(18, 20, 22, 19, 21),
    )  # fmt: skip
    services.data_set_save(
        cycle=cycle, by=world.member,
        spec=spec(cycle, title="Summative", kind="summative", goal=goal, maximum=40.0,
                  taken_on=date.today() - timedelta(days=2)),
        rows=rows(24, 27, 26, 25, 28),
    )  # fmt: skip
    return goal


@pytest.mark.clock
def test_the_analysis_compares_before_and_after_with_its_effect_size_and_charts(client, world):
    cycle = start(world)
    before_and_after(world, cycle)
    client.force_login(world.member)
    page = client.get(url("analysis", world, cycle))
    assert page.status_code == 200
    text = page.text
    assert "Before and after" in text
    assert "5 learners in both" in text
    assert "Effect size:" in text
    assert "(paired)" in text
    assert "A large increase." in text
    assert "When not to trust it" in text or "when not to trust it" in text
    assert text.count('role="img"') == 3  # before/after, trend, spread
    nonce = page.context["csp_nonce"]
    assert f'nonce="{nonce}"' in text
    assert "kahui-csp-nonce-placeholder" not in text
    assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
    assert "<script" not in text.split("<main", 1)[1].split("</main>")[0]
    # the goal's progress came from the data sets: a mean of 26, from 20 toward 30
    assert "60% of the way" in text
    again = client.get(url("analysis", world, cycle))
    assert again.context["csp_nonce"] != nonce
    assert f'nonce="{again.context["csp_nonce"]}"' in again.text


def test_the_analysis_is_drawn_again_after_a_change(client, world):
    cycle = start(world)
    before_and_after(world, cycle)
    client.force_login(world.member)
    assert "(5 values)" in client.get(url("analysis", world, cycle)).text
    data_set = AssessmentDataSet.objects.get(title="Summative")
    services.data_set_save(
        cycle=cycle, by=world.member,
        spec=spec(cycle, title="Summative", kind="summative", maximum=40.0,
                  taken_on=data_set.taken_on),
        rows=rows(24, 27, 26, 25, 28, 30), data_set=data_set,
    )  # fmt: skip
    assert "(6 values)" in client.get(url("analysis", world, cycle)).text


def test_a_benchmark_shows_the_share_at_or_above_the_expected_level(client, world):
    cycle = start(world)
    learners = [
        services.RowIn(value=2, code="A1", year_level=1),
        services.RowIn(value=1, code="A2", year_level=1),
        services.RowIn(value=3, code="A3", year_level=2),
    ]
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, kind="benchmark"), rows=learners
    )
    client.force_login(world.member)
    assert (
        "No expected levels for this measure yet" in client.get(url("analysis", world, cycle)).text
    )
    saved = client.post(
        url("expected_levels", world, cycle),
        {"measure": "Phonics check", "year_1": "2", "year_2": "3.5"},
    )
    assert saved.status_code == 302
    page = client.get(url("analysis", world, cycle)).text
    assert "learners at or above the expected level" in page
    assert "33%" in page  # one of three


def test_the_csv_exports_are_safe_to_open(client, world):
    cycle = start(world)
    services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, title="=HYPERLINK(1)"),
        rows=[services.RowIn(value=3, code="=cmd"), services.RowIn(value=4, code="L2")],
    )  # fmt: skip
    data_set = AssessmentDataSet.objects.get()
    client.force_login(world.member)
    export = client.get(url("data_csv", world, cycle, data_set.public_id))
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Learner code,Group,Year level,Value"
    assert lines[1] == "'=cmd,,,3"
    table = client.get(url("analysis_csv", world, cycle)).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in table
    assert "Effect size" in table.splitlines()[0]


def test_an_ended_cycles_data_is_read_only(client, world):
    cycle = start(world)
    before_and_after(world, cycle)
    from kahui.inquiry.models import InquiryCycle

    InquiryCycle.objects.filter(pk=cycle.pk).update(ended_at=cycle.created_at)
    client.force_login(world.member)
    assert client.get(url("analysis", world, cycle)).status_code == 200
    assert client.get(url("data_new", world, cycle)).status_code == 403
    assert client.post(url("data_import", world, cycle), describe(cycle)).status_code == 403


def test_the_list_pages_take_the_same_queries_however_much_they_hold(
    client, world, django_assert_max_num_queries
):
    cycle = start(world)
    before_and_after(world, cycle)
    for index in range(2):
        services.evidence_add(
            cycle=cycle, by=world.member,
            edit=services.EvidenceEdit(kind="note", title=f"Note {index}",
                                       stage=cycle.stage_key, body="Seen."),
        )  # fmt: skip
    client.force_login(world.member)
    counts = {}
    for name in ("evidence", "analysis"):
        with django_assert_max_num_queries(15) as few:
            assert client.get(url(name, world, cycle)).status_code == 200
        counts[name] = len(few.captured_queries)
    for index in range(6):
        services.evidence_add(
            cycle=cycle, by=world.member,
            edit=services.EvidenceEdit(kind="note", title=f"More {index}",
                                       stage=cycle.stage_key, body="Seen."),
        )  # fmt: skip
        services.data_set_save(
            cycle=cycle, by=world.member,
            spec=spec(cycle, title=f"Check {index}", measure=f"Measure {index % 3}"),
            rows=rows(1, 2, 3, 4),
        )  # fmt: skip
    for name in ("evidence", "analysis"):
        with django_assert_max_num_queries(counts[name]):
            assert client.get(url(name, world, cycle)).status_code == 200
    with django_assert_max_num_queries(counts["analysis"] - 1):  # from the cache
        page = client.get(url("analysis", world, cycle))
    assert page.text.count('role="img"') >= 3 + 3
    assert GoalReading.objects.count() == 2
    assert ActivityEntry.objects.filter(action="inquiry.data_set_added").count() == 8


def test_the_grid_holds_no_more_rows_than_a_request_may_carry(client, world, settings):
    cycle = start(world)
    client.force_login(world.member)
    many = [(f"L{i:03d}", "", "", "1") for i in range(200)]
    full = client.post(url("data_new", world, cycle), {**grid(cycle, many), "add": "5"})
    assert len(full.context["formset"].forms) == 200
    too_many = [(f"L{i:03d}", "", "", "1") for i in range(201)]
    refused = client.post(url("data_new", world, cycle), grid(cycle, too_many))
    assert refused.status_code == 400
    assert not AssessmentDataSet.objects.exists()
    assert client.post(url("data_new", world, cycle), grid(cycle, many)).status_code == 302
    assert len(grid(cycle, many)) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    big = services.data_set_save(
        cycle=cycle, by=world.member, spec=spec(cycle, title="Big"), rows=rows(*[1] * 201)
    )
    page = client.get(url("data_edit", world, cycle, big.public_id))
    assert "more than the 200 the grid holds" in page.text
    assert url("data_csv", world, cycle, big.public_id) in page.text
