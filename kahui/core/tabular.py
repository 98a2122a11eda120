"""Reading and writing tables that people keep in spreadsheets: CSV and XLSX.

A CSV may come as UTF-8 (with or without a byte-order mark) or as Windows-1252, the
encoding older versions of Excel save in; it may be separated by commas or by
semicolons (as spreadsheets in many locales write it), with quoted fields. The
separator is found by :class:`csv.Sniffer` on the header line. An XLSX is read from
its first sheet with openpyxl.

Rows come back as lists of text cells with their row numbers (the header is row 1),
so callers can name a bad row the way the person sees it in their spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An XLSX file is a zip archive.
ZIP_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table at all (not a bad row: a bad file)."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells), blank rows left out


def decode_text(data: bytes) -> str:
    """``data`` as text: UTF-8 (a byte-order mark removed), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError("the file is neither UTF-8 nor Windows-1252 text") from error


def dialect_of(header_line: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect (comma, semicolon or tab) the header line is written in."""
    try:
        return csv.Sniffer().sniff(header_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def csv_rows(text: str) -> list[list[str]]:
    """Every row of CSV ``text`` as a list of cells, in the dialect of its first line.
    A byte-order mark left at the start is dropped."""
    text = text.removeprefix("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    return list(csv.reader(io.StringIO(text, newline=""), dialect_of(first)))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_rows(data: bytes) -> list[list[str]]:
    """Every row of an XLSX file's first sheet as a list of text cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken archive
        raise TableError("the file is not a readable XLSX workbook") from error
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith(".xlsx") or data.startswith(ZIP_MAGIC)


def read_table(data: bytes, filename: str = "") -> Table:
    """The header and the non-blank rows of a CSV or XLSX file. Header cells are
    stripped and lower-cased; other cells are stripped."""
    rows = xlsx_rows(data) if is_xlsx(data, filename) else csv_rows(decode_text(data))
    numbered = [
        (number, tuple(cell.strip() for cell in cells))
        for number, cells in enumerate(rows, start=1)
    ]
    numbered = [(n, cells) for n, cells in numbered if any(cells)]
    if not numbered or numbered[0][0] != 1:
        raise TableError("the file is empty: it needs a header row")
    header = tuple(cell.lower() for cell in numbered[0][1])
    # Spreadsheets pad short rows; trailing empty header cells are no columns.
    while header and not header[-1]:
        header = header[:-1]
    return Table(header=header, rows=tuple(numbered[1:]))


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An XLSX workbook of one sheet. Every text cell is stored as text, never as a
    formula, so nothing a person typed runs when the file is opened."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()

    def cells(values: Sequence[object]) -> list[WriteOnlyCell]:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            out.append(cell)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
