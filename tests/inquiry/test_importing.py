import ast
import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kahui.inquiry import importing
from kahui.inquiry.importing import (
    Column,
    ImportResult,
    decimal_mark,
    parse_date,
    parse_number,
    parse_year_level,
    read_assessment_file,
)
from tests.inquiry.marked import marked_texts

MARKED = marked_texts(importing)


def read(content: bytes, **kwargs) -> ImportResult:
    """Read a file and check what every import must hold, whatever the file."""
    result = read_assessment_file(content, **kwargs)
    assert not (result.rows and result.errors), "an import is all or nothing"
    for message in (*result.errors, *result.warnings):
        assert message.template in MARKED, message.template
        assert message.text  # formats without a missing parameter
    return result


def lines(*rows: str, end: str = "\n") -> str:
    return end.join(rows) + end


def workbook(*sheets: tuple[str, list[list[object]]], active: int = 0) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.active = active
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def texts(messages) -> list[str]:
    return [message.text for message in messages]


# -- Encodings and dialects ----------------------------------------------------------------


def test_excel_csv_utf8_with_a_bom_semicolons_decimal_commas_and_macrons():
    content = "\ufeff" + lines(
        "Learner code;Rōpū;Score;Year level;Date",
        "Kōwhai-01;Tūī;3,5;Year 4;02/03/2027",
        "Kōwhai-02;Kererū;4,25;Y5;2027-03-02",
    )
    result = read(content.encode("utf-8"))
    assert result.ok
    assert (result.encoding, result.delimiter) == ("utf-8-sig", ";")
    assert [(r.row, r.code, r.group, r.value, r.year_level) for r in result.rows] == [
        (2, "Kōwhai-01", "Tūī", 3.5, 4),
        (3, "Kōwhai-02", "Kererū", 4.25, 5),
    ]
    assert {r.taken_on for r in result.rows} == {date(2027, 3, 2)}
    assert result.columns == {
        Column.CODE: "Learner code",
        Column.GROUP: "Rōpū",
        Column.VALUE: "Score",
        Column.YEAR_LEVEL: "Year level",
        Column.DATE: "Date",
    }
    assert result.warnings == ()


def test_utf8_without_a_bom_and_quoted_decimal_commas_in_a_comma_file():
    content = lines("Code,Score", 'A1,"3,5"', "A2,4", 'A3,"1,450"', end="\r\n")
    result = read(content.encode())
    assert (result.encoding, result.delimiter) == ("utf-8", ",")
    # In a comma file a decimal comma needs quotes; the column's "3,5" shows that its
    # commas are decimal ones, so "1,450" is one and a bit.
    assert [r.value for r in result.rows] == [3.5, 4, 1.45]
    # Without such a sign, "1,450" in a comma file is a thousand and more, as in English.
    result = read(lines("Code,Score", 'A1,"1,450"', "A2,1320").encode())
    assert [r.value for r in result.rows] == [1450, 1320]
    result = read(lines("Code;Score", "A1;1,450", "A2;1320").encode())
    assert [r.value for r in result.rows] == [1.45, 1320]


def test_decomposed_macrons_from_a_mac_are_composed():
    result = read(lines("Code,Score", "Ma\u0304ori-1,3").encode())
    assert result.rows[0].code == "Māori-1"


def test_windows_1252_from_excel_is_read():
    content = lines("Code;Group;Score", "A1;Café;3,5", "A2;Naïve;4").encode("windows-1252")
    result = read(content)
    assert result.ok
    assert result.encoding == "windows-1252"
    assert [r.group for r in result.rows] == ["Café", "Naïve"]
    assert result.warnings == ()


def test_macrons_lost_to_windows_1252_are_pointed_out():
    # Excel's plain CSV has no macrons: "Kōwhai" is saved as "K?whai".
    content = lines("Code;Group;Score", "A1;K?whai;3", "A2;Tui;4", "A3;R?p? 2;5")
    content = content.encode("windows-1252", errors="replace")
    result = read(content)
    assert result.ok
    (warning,) = result.warnings
    assert warning.params["rows"] == "2, 4"
    assert "CSV UTF-8" in warning.text


@pytest.mark.parametrize("word", ["Kōwhai", "Māori", "Tūī", "Kererū", "Rēwena", "Pīwakawaka"])
@pytest.mark.parametrize("wrong", ["windows-1252", "latin-1"])
def test_text_garbled_by_a_double_conversion_is_pointed_out(word, wrong):
    garbled = word.encode().decode(wrong, errors="replace")
    result = read(lines("Code,Group,Score", f"A1,{garbled},3", "A2,Kōwhai,4").encode())
    (warning,) = result.warnings
    assert "garbled (rows 2)" in warning.text


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused_clearly():
    result = read(b"Code,Score\nA\x81,3\n")
    assert result.rows == ()
    assert texts(result.errors) == [
        "Kāhui could not read the text in this file: it is neither UTF-8 nor Windows-1252. "
        "Save it as “CSV UTF-8” and upload it again."
    ]


def test_a_utf8_file_with_one_bad_line_names_the_line():
    content = lines("Code,Group,Score", "A1,Rōpū,3").encode() + b"A2,Caf\xe9,4\n"
    result = read(content)
    assert result.rows == ()
    assert result.errors[0].params == {"line": 3}
    assert "CSV UTF-8" in result.errors[0].text


def test_unicode_text_from_excel_is_utf16_with_tabs():
    content = lines("Code\tScore", "Ō1\t3,5").encode("utf-16")
    result = read(content)
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert [(r.code, r.value) for r in result.rows] == [("Ō1", 3.5)]


def test_tabs_semicolons_and_commas_are_all_found():
    for delimiter in ("\t", ";", ","):
        content = lines(delimiter.join(["Code", "Score"]), delimiter.join(["A1", "3"]))
        assert read(content.encode()).delimiter == delimiter


def test_excels_sep_line_sets_the_delimiter_and_is_no_row():
    result = read(lines("sep=;", "Code;Score", "A1;3,5", "A2;xx").encode())
    assert result.delimiter == ";"
    assert result.errors[0].row == 3
    assert texts(result.errors) == ["Row 3: “xx” in Score is not a number."]


def test_the_header_may_sit_below_a_title():
    content = lines("Reading, term 1", "", "Learner,Result", "A1,3", "", "A2,4")
    result = read(content.encode())
    assert [(r.row, r.code) for r in result.rows] == [(4, "A1"), (6, "A2")]


def test_the_measures_own_name_is_a_value_header_and_wins():
    content = lines("Code,Score,Reading age", "A1,55,8.5")
    result = read(content.encode(), measure="Reading age")
    assert result.rows[0].value == 8.5
    assert "“Reading age”, not from “Score”" in texts(result.warnings)[0]


def test_a_second_candidate_column_is_named_in_a_warning():
    result = read(lines("Code,Student ID,Score", "A1,99,3").encode())
    assert result.rows[0].code == "A1"
    assert texts(result.warnings) == [
        "Kāhui read the learner codes from “Code”, not from “Student ID”."
    ]


# -- Columns -------------------------------------------------------------------------------


def test_a_file_without_a_value_column_says_what_to_call_it():
    result = read(lines("Code,Notes", "A1,good").encode())
    (error,) = result.errors
    assert error.text.startswith("Kāhui could not find the column of values.")
    assert "“Score”" in error.text


def test_a_file_without_codes_or_groups_says_what_to_call_them():
    result = read(lines("Score,Notes", "3,good").encode())
    (error,) = result.errors
    assert "learner codes or of groups" in error.text
    assert "“Code”" in error.text
    assert "“Group”" in error.text


def test_a_file_of_names_is_asked_for_codes_instead():
    result = read(lines("Student name,Score", "Aroha Ngata,3").encode())
    (error,) = result.errors
    assert error.params == {"column": "Student name"}
    assert "never names" in error.text


def test_a_column_of_names_is_never_read():
    content = lines("First name,Code,Surname,Score", "Aroha,A1,Ngata,3", "Jack,A2,Smith,4")
    result = read(content.encode())
    assert result.ok
    assert not result.looks_like_names
    assert "Aroha" not in repr(result.rows)
    assert "Ngata" not in repr(result.rows)
    assert [w.params["column"] for w in result.warnings] == ["First name", "Surname"]


def test_codes_that_look_like_names_are_warned_about_not_refused():
    content = lines("Code,Group,Score", "A1,Tūī,3", "Aroha Ngata,Tūī,4", "Jack,Kea,5")
    content += lines(*(f"B{i},Aroha Ngata,{i}" for i in range(12)))
    result = read(content.encode())
    assert result.ok
    assert result.looks_like_names
    (warning,) = result.warnings
    assert warning.params["rows"] == "3, 4, 5, 6, 7, 8, 9, 10, 11, 12 …"
    assert "Aroha" not in warning.text  # the warning names rows, never the names


def test_groups_alone_are_rows_too():
    content = lines("Group,Score,Year", "Kōwhai,72.5,4", "Kākāriki,68,4")
    result = read(content.encode())
    assert [(r.group, r.code, r.value) for r in result.rows] == [
        ("Kōwhai", None, 72.5),
        ("Kākāriki", None, 68),
    ]


# -- Rows ----------------------------------------------------------------------------------


def test_every_bad_row_is_named_and_nothing_is_imported():
    content = lines(
        "Code;Score;Year level;Date",
        "A1;3,5;4;01/03/2027",  # fine
        "A2;three;4;01/03/2027",
        ";4;4;01/03/2027",
        "A3;4;Year 15;01/03/2027",
        "A4;4;4;31/02/2027",
        "a1;5;4;01/03/2027",
        "A5;5;4;01/03/2027;extra",
        "A6;2;4;01/03/2027",  # fine
    )
    result = read(content.encode())
    assert result.rows == ()
    assert [error.row for error in result.errors] == [3, 4, 5, 6, 7, 8]
    assert texts(result.errors) == [
        "Row 3: “three” in Score is not a number.",
        "Row 4 has no learner code or group.",
        "Row 5: “Year 15” in Year level is not a year level from 0 to 13.",
        "Row 6: “31/02/2027” in Date is not a date. Write dates as 2027-03-15 or 15/03/2027.",
        "Row 7: the learner code “a1” is already on row 2.",
        "Row 8 has more cells than the header has columns. If it has decimal commas in a "
        "comma-separated file, put quotes around those numbers or save the file with "
        "semicolons.",
    ]


def test_a_summary_row_at_the_bottom_is_no_learner():
    content = workbook(
        ("Data", [["Code", "Score"], ["A1", 3], ["A2", 5], ["Class average", 4], ["TOTAL", 8]])
    )
    result = read(content)
    assert texts(result.errors) == [
        "Row 4 looks like a summary of the rows above (“Class average”), not a learner or a "
        "group: remove it from the file.",
        "Row 5 looks like a summary of the rows above (“TOTAL”), not a learner or a group: "
        "remove it from the file.",
    ]
    assert read(lines("Group,Score", "Tūī,3", "Gemiddelde,3").encode()).errors[0].row == 3


def test_an_unquoted_decimal_comma_in_a_comma_file_is_explained():
    result = read(lines("Code,Score", "A1,3,5").encode())
    assert "decimal commas" in texts(result.errors)[0]


def test_the_same_learner_on_two_dates_is_no_duplicate():
    content = lines("Code,Score,Date", "A1,3,2027-03-01", "A1,4,2027-06-01", "A1,5,2027-06-01")
    result = read(content.encode())
    assert texts(result.errors) == ["Row 4: the learner code “A1” is already on row 3."]


def test_a_group_twice_is_a_duplicate():
    result = read(lines("Group,Score", "Tūī,3", "tūī,4").encode())
    assert texts(result.errors) == ["Row 3: the group “tūī” is already on row 2."]


def test_rows_without_a_value_are_left_out_with_a_warning():
    result = read(lines("Code,Score", "A1,3", "A2,", "A3,4", "A4, ").encode())
    assert [r.code for r in result.rows] == ["A1", "A3"]
    assert texts(result.warnings) == ["Rows without a value were left out: 3, 5."]


def test_a_column_of_words_is_probably_the_wrong_column():
    result = read(lines("Code,Level", "A1,Above", "A2,At", "A3,Below").encode())
    assert (
        texts(result.errors)[0]
        == "None of the values in “Level” is a number. Is it the right column?"
    )
    assert len(result.errors) == 4


def test_levels_of_an_ordinal_scale_are_read_as_positions():
    levels = ["Well below", "Below", "At", "Above"]
    content = lines("Code,Level", "A1,Above", "A2,at", "A3,WELL BELOW", "A4,Beyond")
    result = read(content.encode(), levels=levels)
    assert texts(result.errors) == [
        "Row 5: “Beyond” in Level is not one of the levels: Well below, Below, At, Above."
    ]
    result = read(content.replace("Beyond", "Below").encode(), levels=levels)
    assert [r.value for r in result.rows] == [4, 3, 1, 2]


def test_values_outside_the_scale_are_refused():
    result = read(
        lines("Code,Score", "A1,-1", "A2,50", "A3,101,5").encode(), minimum=0, maximum=100
    )
    assert texts(result.errors)[:2] == [
        "Row 2: -1 in Score is below the lowest possible value, 0.",
        "Row 4 has more cells than the header has columns. If it has decimal commas in a "
        "comma-separated file, put quotes around those numbers or save the file with "
        "semicolons.",
    ]
    result = read(lines("Code;Score", "A1;100,5").encode(), maximum=100)
    assert texts(result.errors) == [
        "Row 2: 100,5 in Score is above the highest possible value, 100."
    ]


def test_absurdly_large_numbers_are_refused():
    result = read(lines("Code,Score", "A1,1e12", "A2,-2000000000", "A3,999999999").encode())
    assert texts(result.errors) == [
        "Row 2: 1e12 in Score is too large a number.",
        "Row 3: -2000000000 in Score is too large a number.",
    ]


def test_overlong_codes_and_groups_are_refused():
    result = read(lines("Code,Group,Score", f"{'A' * 41},x,3", f"B1,{'G' * 81},3").encode())
    assert texts(result.errors) == [
        "Row 2: the learner code is longer than 40 characters.",
        "Row 3: the group is longer than 80 characters.",
    ]


def test_a_header_without_rows_and_an_empty_file():
    assert texts(read(b"Code,Score\n\n").errors) == [
        "The file has no rows of data below its header."
    ]
    assert texts(read(b"").errors) == ["The file is empty."]
    assert texts(read(b"  \n\n").errors) == ["The file is empty."]
    assert texts(read(b"\xef\xbb\xbf\n\n\n").errors) == ["The file has no rows."]


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 10)
    content = lines("Code,Score", *(f"A{i},{i}" for i in range(11)))
    assert texts(read(content.encode()).errors) == [
        "The file has more than 10 rows; import at most 10 at a time."
    ]
    content = lines("Code,Score", *(f"A{i},{i}" for i in range(10)))
    assert len(read(content.encode()).rows) == 10


def test_too_big_a_file_is_refused(monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 100)
    result = read(lines("Code,Score", *(f"A{i},{i}" for i in range(30))).encode())
    assert texts(result.errors) == ["The file is 0.0 MB; files up to 0 MB can be read."]


# -- Workbooks -----------------------------------------------------------------------------


def test_a_workbook_with_typed_cells():
    content = workbook(
        (
            "Term 1",
            [
                ["Reading, term 1"],
                [],
                ["Code", "Score", "Year level", "Date"],
                ["A1", 3.5, 4, datetime(2027, 3, 1, 0, 0)],
                [],
                [1024, "3,5", "Y5", "02/03/2027"],
                ["A3", 4, 5.0, 46447],  # a date that lost its format: a day number
            ],
        ),
        ("Notes", [["Code", "Score"], ["Z1", 1]]),
    )
    result = read(content, filename="results.xlsx")
    assert result.sheet == "Term 1"
    assert [(r.row, r.code, r.value, r.year_level, r.taken_on) for r in result.rows] == [
        (4, "A1", 3.5, 4, date(2027, 3, 1)),
        (6, "1024", 3.5, 5, date(2027, 3, 2)),
        (7, "A3", 4, 5, date(2027, 3, 1)),
    ]
    assert texts(result.warnings) == [
        "Kāhui read the sheet “Term 1”, the one that was open when the workbook was saved, "
        "and left out the others: “Notes”."
    ]


def test_the_sheet_open_when_saved_is_read():
    content = workbook(
        ("One", [["Code", "Score"], ["A1", 1]]), ("Two", [["Code", "Score"], ["B1", 2]]), active=1
    )
    result = read(content)
    assert result.sheet == "Two"
    assert [r.code for r in result.rows] == ["B1"]


def test_bad_cells_in_a_workbook_are_named_by_row():
    content = workbook(
        (
            "Data",
            [
                ["Code", "Score"],
                ["A1", True],
                ["A2", datetime(2027, 1, 1)],
                ["A3", "n/a"],
                ["A4", 2],
            ],
        )
    )
    assert [e.row for e in read(content).errors] == [2, 3, 4]


def test_formulas_without_stored_results_are_explained():
    content = workbook(("Data", [["Code", "Score"], ["A1", "=B3*2"], ["A2", "=1+1"]]))
    (error,) = read(content).errors
    assert error.text.startswith("No row has a value in “Score”. If the values are formulas")


@pytest.mark.parametrize(
    ("content", "filename", "start"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "old.xls",
            "This is an older Excel file",
        ),
        (
            b"PK\x03\x04" + bytes(30) + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            "a.ods",
            "This is an OpenDocument",
        ),
        (b"%PDF-1.7\n...", "results.pdf", "This file is not a spreadsheet"),
        (b"Code,Score\nA1,3\n", "results.xlsx", "This Excel workbook could not be opened"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "chart.png", "This file is not a spreadsheet"),
        (b"\x00\x01\x02binary\x00", "data.bin", "This file is not a spreadsheet"),
    ],
)
def test_other_files_are_refused_with_what_to_do(content, filename, start):
    (error,) = read(content, filename=filename).errors
    assert error.text.startswith(start)


def test_a_damaged_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><broken")
    (error,) = read(out.getvalue(), filename="marks.xlsx").errors
    assert error.text.startswith("This Excel workbook could not be opened; it may be damaged.")


# -- Speed ---------------------------------------------------------------------------------
# Measured in this process's CPU time: on a busy machine, waiting for a core is not the
# import being slow.


def test_five_thousand_rows_import():
    # How fast: bench/importing.py.
    rows = [f"L{i:05d};{i % 97},{i % 10};{4 + i % 5};{1 + i % 28}/03/2027" for i in range(5000)]
    content = ("\ufeff" + lines("Learner code;Score;Year level;Date", *rows)).encode()
    result = read(content)
    assert len(result.rows) == 5000
    assert result.rows[-1].value == pytest.approx(4999 % 97 + 0.9)


def test_a_five_thousand_row_workbook_imports():
    rows = [[f"L{i:05d}", i % 97 + 0.5, 4 + i % 5, date(2027, 3, 1 + i % 28)] for i in range(5000)]
    content = workbook(("Data", [["Code", "Score", "Year", "Date"], *rows]))
    result = read(content)
    assert len(result.rows) == 5000
    assert result.rows[-1].value == pytest.approx(4999 % 97 + 0.5)


@pytest.mark.parametrize("text", ['a,"' * 5000, 'x;"y,' * 3000, ",;\t\"'" * 3000])
def test_text_that_baffles_the_sniffer_is_refused(text):
    result = read(text.encode())
    assert result.errors


# -- Numbers, year levels, dates -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("3.5", ".", 3.5),
        ("3,5", ",", 3.5),
        (" 4 ", ".", 4),
        ("1,450", ".", 1450),
        ("1,450", ",", 1.45),
        ("1.450,5", ".", 1450.5),
        ("1,450.5", ",", 1450.5),
        ("1 234,5", ",", 1234.5),
        ("1\u00a0234", ".", 1234),
        ("\u22122,5", ",", -2.5),
        ("-0.25", ".", -0.25),
        ("85%", ".", 85),
        (".5", ".", 0.5),
        ("1e3", ".", 1000),
        ("abc", ".", None),
        ("", ".", None),
        ("nan", ".", None),
        ("inf", ".", None),
        ("1_000", ".", None),
        ("1,2,3", ".", None),
        ("3,5,1", ",", None),
        ("12,34", ".", None),  # not a thousands group
        ("1e999", ".", None),
    ],
)
def test_numbers_as_people_type_them(text, decimal, value):
    assert parse_number(text, decimal) == value


@pytest.mark.parametrize(
    ("texts", "comma_decimal", "mark"),
    [
        (["3,5", "4", "2,25"], None, ","),
        (["3.5", "1,450"], None, "."),
        (["1,450", "2,100"], False, "."),
        (["1,450", "2,100"], True, ","),
        (["0,125"], False, ","),
        (["4", "5"], True, ","),
        (["4", "5"], False, "."),
        (["1.450,5", "3"], None, "."),  # says its own mark; nothing else to go on
    ],
)
def test_the_decimal_mark_of_a_column(texts, comma_decimal, mark):
    assert decimal_mark(texts, comma_decimal) == mark


@pytest.mark.parametrize(
    ("cell", "year"),
    [
        (4, 4),
        (4.0, 4),
        ("4", 4),
        ("Year 4", 4),
        ("Y4", 4),
        ("yr 04", 4),
        ("Tau 8", 8),
        ("Year 13", 13),
        (0, 0),
        (14, None),
        ("Year 4.5", None),
        ("four", None),
        (True, None),
        (4.5, None),
    ],
)
def test_year_levels(cell, year):
    assert parse_year_level(cell) == year


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2027-03-15", date(2027, 3, 15)),
        ("2027-03-15T09:30:00", date(2027, 3, 15)),
        ("15/03/2027", date(2027, 3, 15)),
        ("15-3-27", date(2027, 3, 15)),
        ("15.03.2027", date(2027, 3, 15)),
        ("29/02/2028", date(2028, 2, 29)),
        ("29/02/2027", None),
        ("03/15/2027", None),  # month first is not how dates are written here
        ("15 March", None),
        (datetime(2027, 3, 15, 8, 0), date(2027, 3, 15)),
        (date(2027, 3, 15), date(2027, 3, 15)),
        (46461, date(2027, 3, 15)),
        (12, None),
        (True, None),
    ],
)
def test_dates(cell, day):
    assert parse_date(cell) == day


# -- Whatever comes in ---------------------------------------------------------------------

codes = st.text(alphabet="ABCKLMōāū0123456789-", min_size=1, max_size=8).filter(
    lambda code: code.strip("-") == code
)
scores = st.decimals(min_value=-1000, max_value=10000, places=2, allow_nan=False)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(codes, scores), min_size=1, max_size=30, unique_by=lambda r: r[0].casefold()
    ),
    st.sampled_from([(",", "."), (";", ","), ("\t", "."), ("\t", ",")]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_what_is_written_is_what_is_read(rows, dialect, encoding, end):
    delimiter, mark = dialect
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=end)
    writer.writerow(["Learner code", "Score"])
    for code, score in rows:
        writer.writerow([code, f"{score:f}".replace(".", mark)])
    result = read(out.getvalue().encode(encoding))
    assert result.ok, texts(result.errors)
    assert [(r.code, r.value) for r in result.rows] == [(c, float(s)) for c, s in rows]


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_messages_never_an_exception(content):
    result = read(content)
    assert result.ok or result.errors


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(
            st.text(max_size=6) | st.sampled_from(["Code", "Score", "Group", "3,5", "Year 4"]),
            max_size=5,
        ),
        max_size=8,
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_table_gives_rows_or_messages_never_an_exception(table, delimiter):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    result = read(out.getvalue().encode())
    assert result.ok or result.errors


def test_every_message_is_marked_for_translation():
    # ``read`` checks the messages the tests meet; this checks the source: every template
    # handed to ``_message`` is a marked text, or one of a table of marked texts.
    tree = ast.parse(Path(importing.__file__).read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_message"
    ]
    assert len(calls) >= 30
    for call in calls:
        template = call.args[0]
        marked_call = (
            isinstance(template, ast.Call)
            and isinstance(template.func, ast.Name)
            and template.func.id == "gettext_noop"
        )
        from_table = isinstance(template, ast.Subscript) and ast.unparse(template.value) == (
            "_PASSED_OVER"
        )
        chosen = isinstance(template, ast.Name) and template.id == "template"
        assert marked_call or from_table or chosen, ast.unparse(call)
    assert set(importing._PASSED_OVER.values()) <= MARKED
