"""Reading assessment data from an uploaded CSV file or Excel workbook. Pure: no Django.

Bytes go in; an ``ImportResult`` comes out, all or nothing: either every row, or the
errors and no rows. Every problem with a row is reported with the row's number as a
spreadsheet program shows it, so a teacher can fix them all in one go.

What teachers' files really look like, and what happens to them:

- **Text encodings.** Excel's "CSV UTF-8" starts with a byte order mark; other tools
  write UTF-8 without one; Excel's plain "CSV" on Windows writes Windows-1252, which has
  no macrons (ā, ē, ī, ō, ū), so they arrive as "?" or lose their bar; "Unicode text"
  is UTF-16 with tabs. All of these are read. A "?" inside a word is reported as a
  macron that was lost, text garbled by a double conversion ("MÄ\x81ori") is reported,
  and a file that is neither UTF-8 nor Windows-1252 is refused with how to save it.
- **Separators.** Commas, semicolons (European Excel) and tabs, found by the csv
  module's ``Sniffer`` and confirmed by the header row; Excel's ``sep=;`` first line is
  honoured.
- **Numbers.** Decimal commas ("3,5"), thousands separators ("1,450" in a comma file,
  "1.450,5" in a semicolon file), spaces, a trailing "%" and the typographic minus.
  In a comma-separated file an unquoted decimal comma splits the cell, which is
  reported as such.
- **Header.** The first row that names a value column and a learner code or group
  column (title rows above it are skipped). Names are matched without regard to case,
  macrons or punctuation, in English, te reo Māori and Dutch (see ``COLUMN_NAMES``).
  Other columns are left alone. A row labelled like a summary ("Class average",
  "Total") is refused, so it is not taken for a learner.
- **Names.** Kāhui keeps codes, never names. A column headed like names is never read,
  and name-like codes or group labels raise a warning (``looks_like_names``), which the
  page should make the teacher confirm before anything is saved.
- **Workbooks.** The sheet that was open when the workbook was saved; formulas give the
  results Excel stored with them. Older .xls files, OpenDocument spreadsheets and
  other files are refused with what to do instead.

Messages are ``Message`` objects marked for translation; the page renders them with
``message.render(gettext)``.
"""

import contextlib
import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import chain, islice
from types import MappingProxyType

from kahui.inquiry.names import fold, group_looks_like_a_name, is_name_header, looks_like_a_name
from kahui.inquiry.texts import Message, Param, gettext_noop

MAX_BYTES = 10_000_000
MAX_ROWS = 20_000
MAX_CODE_LENGTH = 40
MAX_GROUP_LENGTH = 80
HEADER_SEARCH_ROWS = 10  # title rows a header may sit below
LISTED_ROWS = 10  # row numbers a warning lists before "…"
MAX_ABS_VALUE = 1e9  # no score, level or count is larger; beyond it is a slip
YEAR_LEVELS = range(0, 14)  # Year 0 to Year 13 in Aotearoa; groep 1–8 fits too

Cell = str | int | float | bool | datetime | date | None


class Column(StrEnum):
    CODE = "code"
    GROUP = "group"
    VALUE = "value"
    YEAR_LEVEL = "year_level"
    DATE = "date"


def _names_of(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


# Headers as ``names.fold`` leaves them: lower case, no macrons, no punctuation.
COLUMN_NAMES: Mapping[Column, tuple[str, ...]] = MappingProxyType(
    {
        Column.CODE: _names_of(
            "learner code, code, learner, learner id, student code, student, student id, id, "
            "akonga, akonga code, leerling, leerlingcode, leerling code"
        ),
        Column.GROUP: _names_of(
            "group, group label, group name, class, room, ropu, roopu, klas, groepje"
        ),
        Column.VALUE: _names_of(
            "value, score, result, level, mark, uara, waarde, resultaat, niveau, cijfer"
        ),
        Column.YEAR_LEVEL: _names_of("year level, year, yr, yr level, year group, tau, leerjaar"),
        Column.DATE: _names_of("date, assessed on, date assessed, taken on, ra, datum"),
    }
)
# Labels of rows that sum up the others, as spreadsheets often end.
SUMMARY_LABELS = frozenset(
    {
        "average",
        "class average",
        "mean",
        "median",
        "total",
        "totals",
        "sum",
        "count",
        "overall",
        "all learners",
        "gemiddelde",
        "gemiddeld",
        "totaal",
        "mediaan",
        "toharite",
        "tapeke",
    }
)
_COLUMN_BY_NAME = {name: column for column, names in COLUMN_NAMES.items() for name in names}


_PASSED_OVER: Mapping[Column, str] = MappingProxyType(
    {
        Column.CODE: gettext_noop(
            "Kāhui read the learner codes from “%(used)s”, not from %(others)s."
        ),
        Column.GROUP: gettext_noop("Kāhui read the groups from “%(used)s”, not from %(others)s."),
        Column.VALUE: gettext_noop("Kāhui read the values from “%(used)s”, not from %(others)s."),
        Column.YEAR_LEVEL: gettext_noop(
            "Kāhui read the year levels from “%(used)s”, not from %(others)s."
        ),
        Column.DATE: gettext_noop("Kāhui read the dates from “%(used)s”, not from %(others)s."),
    }
)


@dataclass(frozen=True)
class ImportMessage(Message):
    """A message about the file, or about one row of it (``row``)."""

    row: int | None = None


@dataclass(frozen=True)
class ImportedRow:
    row: int  # as a spreadsheet program numbers it: the first row is 1
    value: float  # for a scale of levels, the level's position (1 for the first)
    code: str | None = None
    group: str | None = None
    year_level: int | None = None
    taken_on: date | None = None


@dataclass(frozen=True)
class ImportResult:
    rows: tuple[ImportedRow, ...] = ()
    errors: tuple[ImportMessage, ...] = ()
    warnings: tuple[ImportMessage, ...] = ()
    columns: Mapping[Column, str] = field(default_factory=dict)  # as headed in the file
    looks_like_names: bool = False  # some codes or groups look like names: ask first
    encoding: str | None = None  # of a CSV file
    delimiter: str | None = None  # of a CSV file
    sheet: str | None = None  # of a workbook

    @property
    def ok(self) -> bool:
        return not self.errors


class _Refused(Exception):
    """The file cannot be read at all; carries the one message that says why."""

    def __init__(self, message: ImportMessage) -> None:
        super().__init__(message.text)
        self.message = message


def _message(template: str, row: int | None = None, **params: Param) -> ImportMessage:
    if row is not None:
        params["row"] = row
    return ImportMessage(template, params, row=row)


def _rows_list(rows: Sequence[int]) -> str:
    listed = ", ".join(str(row) for row in rows[:LISTED_ROWS])
    return listed + (" …" if len(rows) > LISTED_ROWS else "")


def read_assessment_file(
    content: bytes,
    *,
    filename: str = "",
    levels: Sequence[str] | None = None,
    measure: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
) -> ImportResult:
    """Read an uploaded CSV file or Excel workbook of assessment data.

    ``levels`` names an ordinal scale's levels in order: the value column then holds
    level names, read as their positions (1 for the first). ``measure`` is also accepted
    as the value column's header. ``minimum`` and ``maximum`` bound the values."""
    try:
        kind = _file_kind(content, filename)
        if kind == "xlsx":
            sheet, cells, others = _read_xlsx(content)
            reader = _Reader(levels=levels, measure=measure, minimum=minimum, maximum=maximum)
            result = reader.read(cells, comma_decimal=None)
            warnings = result.warnings
            if others:
                warnings = (
                    _message(
                        gettext_noop(
                            "Kāhui read the sheet “%(sheet)s”, the one that was open when "
                            "the workbook was saved, and left out the others: %(others)s."
                        ),
                        sheet=sheet,
                        others=", ".join(f"“{name}”" for name in others),
                    ),
                    *warnings,
                )
            return replace(result, sheet=sheet, warnings=warnings)
        text, encoding = decode(content)
        text, delimiter = _dialect(text)
        cells = _csv_rows(text, delimiter)
        reader = _Reader(levels=levels, measure=measure, minimum=minimum, maximum=maximum)
        result = reader.read(cells, comma_decimal=delimiter != ",")
        return replace(result, encoding=encoding, delimiter=delimiter)
    except _Refused as refused:
        return ImportResult(errors=(refused.message,))


# -- What kind of file --------------------------------------------------------------------


def _file_kind(content: bytes, filename: str) -> str:
    if not content.strip():
        raise _Refused(_message(gettext_noop("The file is empty.")))
    if len(content) > MAX_BYTES:
        raise _Refused(
            _message(
                gettext_noop("The file is %(size)s MB; files up to %(limit)s MB can be read."),
                size=f"{len(content) / 1_000_000:.1f}",
                limit=f"{MAX_BYTES / 1_000_000:.0f}",
            )
        )
    suffix = filename.rpartition(".")[2].lower() if "." in filename else ""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Refused(
            _message(
                gettext_noop(
                    "This is an older Excel file (.xls) or a workbook with a password. Save "
                    "it as an Excel workbook (.xlsx) or as “CSV UTF-8”, then upload it again."
                )
            )
        )
    if content.startswith(b"PK\x03\x04"):
        if b"opendocument" in content[:200] or suffix in {"ods", "odt"}:
            raise _Refused(
                _message(
                    gettext_noop(
                        "This is an OpenDocument spreadsheet. Save it as an Excel workbook "
                        "(.xlsx) or as “CSV UTF-8”, then upload it again."
                    )
                )
            )
        if suffix in _OTHER_SUFFIXES:
            raise _Refused(_not_a_spreadsheet())
        return "xlsx"
    if suffix in {"xlsx", "xlsm"}:
        raise _Refused(_damaged_workbook())
    if content.startswith(_OTHER_FORMATS) or suffix in _OTHER_SUFFIXES:
        raise _Refused(_not_a_spreadsheet())
    return "csv"


_OTHER_FORMATS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_OTHER_SUFFIXES = frozenset({"pdf", "doc", "docx", "pptx", "numbers", "xls", "odt", "zip"})


def _damaged_workbook() -> ImportMessage:
    return _message(
        gettext_noop(
            "This Excel workbook could not be opened; it may be damaged. Open it in your "
            "spreadsheet program, save it again and upload it once more."
        )
    )


def _not_a_spreadsheet() -> ImportMessage:
    return _message(
        gettext_noop(
            "This file is not a spreadsheet Kāhui can read. Upload a CSV file or an Excel "
            "workbook (.xlsx)."
        )
    )


# -- Text encodings -----------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def decode(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without a byte
    order mark), UTF-16 (with one, as Excel's "Unicode text"), or Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8(content[3:]), "utf-8-sig"
    if content.startswith(_UTF16_BOMS):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _Refused(_undecodable()) from None
    if b"\x00" in content:
        raise _Refused(_not_a_spreadsheet())
    try:
        return _decode_utf8(content), "utf-8"
    except _Refused:
        if _has_utf8_letters(content):
            raise
    try:
        return content.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        raise _Refused(_undecodable()) from None


def _decode_utf8(content: bytes) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise _Refused(
            _message(
                gettext_noop(
                    "Line %(line)s has characters that are not UTF-8, while the rest of the "
                    "file is. Save the file again as “CSV UTF-8” and upload it again."
                ),
                line=line,
            )
        ) from None


def _has_utf8_letters(content: bytes) -> bool:
    """Whether bytes hold UTF-8 sequences for letters beyond ASCII (then a bad byte is a
    damaged UTF-8 file, not a Windows-1252 one)."""
    text = content.decode("utf-8", errors="replace")
    return any(ord(c) > 0x7F and c != "\ufffd" for c in text)


def _undecodable() -> ImportMessage:
    return _message(
        gettext_noop(
            "Kāhui could not read the text in this file: it is neither UTF-8 nor "
            "Windows-1252. Save it as “CSV UTF-8” and upload it again."
        )
    )


# -- CSV dialect --------------------------------------------------------------------------

_DELIMITERS = (",", ";", "\t")


def _dialect(text: str) -> tuple[str, str]:
    """The text without Excel's ``sep=`` line, and its delimiter.

    The csv module's ``Sniffer`` guesses from the first lines (a few kilobytes: its
    regular expressions slow down badly on long samples); the guess stands when the
    header row splits into known columns with it, otherwise the first delimiter that
    does that wins."""
    first_line, _, rest = text.partition("\n")
    hint = first_line.strip().strip('"').lower()
    if hint.startswith("sep=") and len(hint) == 5 and hint[4] in ",;\t|":
        return rest, hint[4]  # Excel hides this line: the header is still row 1
    head = text[:4096].splitlines()[: HEADER_SEARCH_ROWS + 10]
    if len(head) > 1 and len(text) > 4096:
        head.pop()  # most likely cut short
    candidates = []
    with contextlib.suppress(csv.Error):  # the Sniffer gives up on one-column samples
        sniffed = csv.Sniffer().sniff("\n".join(head), delimiters="".join(_DELIMITERS))
        candidates.append(sniffed.delimiter)
    candidates += [d for d in (";", "\t", ",") if d not in candidates]
    for delimiter in candidates:
        rows = list(enumerate(csv.reader(head[:HEADER_SEARCH_ROWS], delimiter=delimiter), 1))
        if _find_header(rows, measure=None) is not None:
            return text, delimiter
    return text, candidates[0]


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, Sequence[Cell]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise _Refused(
            _message(
                gettext_noop(
                    "Kāhui could not read the file as CSV near line %(line)s: %(problem)s."
                ),
                line=reader.line_num,
                problem=str(error),
            )
        ) from None


# -- Workbooks ----------------------------------------------------------------------------


def _read_xlsx(content: bytes) -> tuple[str, Iterator[tuple[int, Sequence[Cell]]], list[str]]:
    # openpyxl is imported here: only workbook uploads pay for loading it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise _Refused(_damaged_workbook()) from None
    active = workbook.active
    sheets = [ws for ws in workbook.worksheets if isinstance(ws, ReadOnlyWorksheet)]
    if not sheets:
        workbook.close()
        raise _Refused(_message(gettext_noop("The workbook has no sheet of data.")))
    sheet = active if isinstance(active, ReadOnlyWorksheet) else sheets[0]
    others = [ws.title for ws in sheets if ws is not sheet]

    def rows() -> Iterator[tuple[int, Sequence[Cell]]]:
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except Exception:  # whatever a damaged sheet makes openpyxl raise
            raise _Refused(_damaged_workbook()) from None
        finally:
            workbook.close()

    return sheet.title, rows(), others


# -- Rows ---------------------------------------------------------------------------------


@dataclass
class _Header:
    row: int
    columns: dict[Column, int]  # column → index
    headers: list[str]
    name_columns: list[str]
    passed_over: dict[Column, list[str]]  # other headers that could have been the column


def _find_header(rows: Sequence[tuple[int, Sequence[Cell]]], measure: str | None) -> _Header | None:
    """The first of ``rows`` that heads a value column and a code or group column."""
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        header = _header(number, cells, measure)
        if Column.VALUE in header.columns and (
            Column.CODE in header.columns or Column.GROUP in header.columns
        ):
            return header
    return None


def _header(number: int, row: Sequence[Cell], measure: str | None) -> _Header:
    headers = [_text(cell) for cell in row]
    found: dict[Column, list[int]] = {}
    names: list[str] = []
    measure_name = fold(measure) if measure else None
    for index, header in enumerate(headers):
        folded = fold(header)
        if not folded:
            continue
        if is_name_header(header):
            names.append(header)
        elif folded == measure_name:  # the measure's own name beats "Score" and the like
            found.setdefault(Column.VALUE, []).insert(0, index)
        elif column := _COLUMN_BY_NAME.get(folded):
            found.setdefault(column, []).append(index)
    columns = {column: indexes[0] for column, indexes in found.items()}
    passed_over = {column: [headers[i] for i in indexes[1:]] for column, indexes in found.items()}
    return _Header(number, columns, headers, names, passed_over)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    text = cell if isinstance(cell, str) else str(cell)
    return unicodedata.normalize("NFC", text.strip().strip(_INVISIBLE).strip())


class _Reader:
    """Reads rows of cells into ``ImportedRow``s, collecting every problem."""

    def __init__(
        self,
        *,
        levels: Sequence[str] | None,
        measure: str | None,
        minimum: float | None,
        maximum: float | None,
    ) -> None:
        self.levels = {fold(level): position for position, level in enumerate(levels or (), 1)}
        self.level_names = list(levels or ())
        self.measure = measure
        self.minimum = minimum
        self.maximum = maximum
        self.errors: list[ImportMessage] = []
        self.warnings: list[ImportMessage] = []
        self.texts: list[tuple[int, str]] = []  # codes and groups, to check for lost letters
        self.not_numbers = 0

    def read(
        self, numbered: Iterable[tuple[int, Sequence[Cell]]], *, comma_decimal: bool | None
    ) -> ImportResult:
        rows = iter(numbered)
        top = list(islice(rows, HEADER_SEARCH_ROWS))
        header = _find_header(top, self.measure)
        if header is None:
            return ImportResult(errors=(self._header_problem(top),))
        below = chain(((n, cells) for n, cells in top if n > header.row), rows)
        return self._read_data(header, below, comma_decimal)

    def _header_problem(self, rows: Sequence[tuple[int, Sequence[Cell]]]) -> ImportMessage:
        first = next(((n, cells) for n, cells in rows if not _blank(cells)), None)
        if first is None:
            return _message(gettext_noop("The file has no rows."))
        header = _header(*first, self.measure)
        if Column.VALUE not in header.columns:
            return _message(
                gettext_noop(
                    "Kāhui could not find the column of values. Head it with one of: "
                    "%(names)s (the first row, or one of the first few, names the columns)."
                ),
                names=_names(Column.VALUE),
            )
        if header.name_columns:
            return _message(
                gettext_noop(
                    "The file has learners' names (in “%(column)s”) but no learner codes. "
                    "Kāhui keeps codes, never names: replace the names with codes in a "
                    "column headed “Code”, then upload the file again."
                ),
                column=header.name_columns[0],
            )
        return _message(
            gettext_noop(
                "Kāhui could not find a column of learner codes or of groups. Head it with "
                "one of: %(codes)s; or for groups: %(groups)s."
            ),
            codes=_names(Column.CODE),
            groups=_names(Column.GROUP),
        )

    def _read_data(
        self,
        header: _Header,
        below: Iterable[tuple[int, Sequence[Cell]]],
        comma_decimal: bool | None,
    ) -> ImportResult:
        columns = header.columns
        data: list[tuple[int, Sequence[Cell]]] = []
        # Reading stops one row past the limit, or far into a sheet of blank rows.
        for seen_rows, (number, cells) in enumerate(below, start=1):
            if not _blank(cells):
                data.append((number, cells))
            if len(data) > MAX_ROWS or seen_rows > 5 * MAX_ROWS:
                break
        if not data:
            return ImportResult(
                errors=(_message(gettext_noop("The file has no rows of data below its header.")),)
            )
        if len(data) > MAX_ROWS or seen_rows > 5 * MAX_ROWS:
            return ImportResult(
                errors=(
                    _message(
                        gettext_noop(
                            "The file has more than %(limit)s rows; import at most %(limit)s "
                            "at a time."
                        ),
                        limit=MAX_ROWS,
                    ),
                )
            )
        value_at = columns[Column.VALUE]
        value_header = header.headers[value_at]
        parse_value = self._value_parser(
            value_header, [c[value_at] for _, c in data if value_at < len(c)], comma_decimal
        )

        rows: list[ImportedRow] = []
        no_value: list[int] = []
        seen: dict[tuple[str, str, date | None], int] = {}
        name_rows: list[int] = []
        width = len(header.headers)
        for number, cells in data:
            errors_before = len(self.errors)
            if any(_text(cell) for cell in cells[width:]):
                self.errors.append(
                    _message(
                        gettext_noop(
                            "Row %(row)s has more cells than the header has columns. If it "
                            "has decimal commas in a comma-separated file, put quotes around "
                            "those numbers or save the file with semicolons."
                        ),
                        number,
                    )
                )
                continue
            code = self._label(cells, columns.get(Column.CODE), number, MAX_CODE_LENGTH, True)
            group = self._label(cells, columns.get(Column.GROUP), number, MAX_GROUP_LENGTH, False)
            if code is None and group is None and len(self.errors) == errors_before:
                self.errors.append(
                    _message(gettext_noop("Row %(row)s has no learner code or group."), number)
                )
            summary = next((t for t in (code, group) if t and fold(t) in SUMMARY_LABELS), None)
            if summary is not None:
                self.errors.append(
                    _message(
                        gettext_noop(
                            "Row %(row)s looks like a summary of the rows above (“%(label)s”), "
                            "not a learner or a group: remove it from the file."
                        ),
                        number,
                        label=summary,
                    )
                )
                continue
            raw_value = _cell(cells, value_at)
            if raw_value is None or _text(raw_value) == "":
                no_value.append(number)
                continue
            value = parse_value(raw_value, number)
            year = self._year_level(cells, columns.get(Column.YEAR_LEVEL), header, number)
            taken_on = self._date(cells, columns.get(Column.DATE), header, number)
            if (code is not None and looks_like_a_name(code)) or (
                group is not None and group_looks_like_a_name(group)
            ):
                name_rows.append(number)
            kind, who = ("code", code) if code else ("group", group or "")
            key = (kind, who.casefold(), taken_on)
            if (code or group) and key in seen:
                self.errors.append(self._duplicate(number, seen[key], code, group))
            else:
                seen[key] = number
            if len(self.errors) == errors_before and value is not None:
                rows.append(ImportedRow(number, value, code, group, year, taken_on))

        if self.not_numbers >= 3 and self.not_numbers == len(data) - len(no_value):
            self.errors.insert(
                0,
                _message(
                    gettext_noop(
                        "None of the values in “%(column)s” is a number. Is it the right column?"
                    ),
                    column=value_header,
                ),
            )
        if no_value:
            if len(no_value) == len(data):
                self.errors.insert(
                    0,
                    _message(
                        gettext_noop(
                            "No row has a value in “%(column)s”. If the values are formulas, "
                            "open the file in your spreadsheet program and save it again so "
                            "their results are stored with it."
                        ),
                        column=value_header,
                    ),
                )
            else:
                self.warnings.append(
                    _message(
                        gettext_noop("Rows without a value were left out: %(rows)s."),
                        rows=_rows_list(no_value),
                    )
                )
        for column, others in header.passed_over.items():
            if others:
                self.warnings.append(
                    _message(
                        _PASSED_OVER[column],
                        used=header.headers[columns[column]],
                        others=", ".join(f"“{other}”" for other in others),
                    )
                )
        for name_column in header.name_columns:
            self.warnings.append(
                _message(
                    gettext_noop(
                        "The column “%(column)s” looks like learners' names. Kāhui does not "
                        "read or keep it; you may want to remove it from the file."
                    ),
                    column=name_column,
                )
            )
        if name_rows:
            self.warnings.append(
                _message(
                    gettext_noop(
                        "Some learner codes or groups look like names (rows %(rows)s). "
                        "Kāhui is meant for anonymised codes, never names: replace them "
                        "with codes unless they are not names."
                    ),
                    rows=_rows_list(name_rows),
                )
            )
        self.warnings.extend(self._lost_letters())
        garbled = [number for number, text in self.texts if _garbled(text)]
        if garbled:
            self.warnings.append(
                _message(
                    gettext_noop(
                        "Some text looks garbled (rows %(rows)s), as happens when a file is "
                        "converted between text encodings twice. Check the codes and groups "
                        "before you import them."
                    ),
                    rows=_rows_list(garbled),
                )
            )
        found = MappingProxyType({column: header.headers[i] for column, i in columns.items()})
        if self.errors:
            return ImportResult(
                errors=tuple(self.errors), warnings=tuple(self.warnings), columns=found
            )
        return ImportResult(
            rows=tuple(rows),
            warnings=tuple(self.warnings),
            columns=found,
            looks_like_names=bool(name_rows),
        )

    def _lost_letters(self) -> list[ImportMessage]:
        """A warning when codes or groups have "?" beside a letter ("M?ori")."""
        rows = [number for number, text in self.texts if _LOST_LETTER.search(text)]
        if not rows:
            return []
        return [
            _message(
                gettext_noop(
                    "Some text has a question mark where a letter should be (rows %(rows)s), "
                    "as happens when a spreadsheet with macrons is saved as plain CSV. Save "
                    "it as “CSV UTF-8” to keep letters such as ā."
                ),
                rows=_rows_list(rows),
            )
        ]

    # -- Cells

    def _label(
        self, cells: Sequence[Cell], index: int | None, number: int, limit: int, is_code: bool
    ) -> str | None:
        if index is None:
            return None
        cell = _cell(cells, index)
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)  # a code typed as a number: 1024, not 1024.0
        text = _text(cell)
        if not text:
            return None
        if len(text) > limit:
            template = (
                gettext_noop("Row %(row)s: the learner code is longer than %(limit)s characters.")
                if is_code
                else gettext_noop("Row %(row)s: the group is longer than %(limit)s characters.")
            )
            self.errors.append(_message(template, number, limit=limit))
            return None
        self.texts.append((number, text))
        return text

    def _value_parser(
        self, column: str, raw_values: Sequence[Cell], comma_decimal: bool | None
    ) -> Callable[[Cell, int], float | None]:
        if self.levels:
            return lambda cell, number: self._level(cell, column, number)
        decimal = decimal_mark([v for v in raw_values if isinstance(v, str)], comma_decimal)

        def parse(cell: Cell, number: int) -> float | None:
            value: float | None
            if isinstance(cell, (bool, datetime, date)):
                value = None
            elif isinstance(cell, (int, float)):
                value = float(cell) if math.isfinite(cell) else None
            else:
                value = parse_number(_text(cell), decimal)
            if value is None:
                self.not_numbers += 1
                self.errors.append(
                    _message(
                        gettext_noop("Row %(row)s: “%(value)s” in %(column)s is not a number."),
                        number,
                        value=_shown(cell),
                        column=column,
                    )
                )
                return None
            return self._bounded(value, cell, column, number)

        return parse

    def _bounded(self, value: float, cell: Cell, column: str, number: int) -> float | None:
        if abs(value) > MAX_ABS_VALUE:
            self.errors.append(
                _message(
                    gettext_noop("Row %(row)s: %(value)s in %(column)s is too large a number."),
                    number,
                    value=_shown(cell),
                    column=column,
                )
            )
            return None
        if self.minimum is not None and value < self.minimum:
            self.errors.append(
                _message(
                    gettext_noop(
                        "Row %(row)s: %(value)s in %(column)s is below the lowest possible "
                        "value, %(minimum)s."
                    ),
                    number,
                    value=_shown(cell),
                    column=column,
                    minimum=_number_text(self.minimum),
                )
            )
            return None
        if self.maximum is not None and value > self.maximum:
            self.errors.append(
                _message(
                    gettext_noop(
                        "Row %(row)s: %(value)s in %(column)s is above the highest possible "
                        "value, %(maximum)s."
                    ),
                    number,
                    value=_shown(cell),
                    column=column,
                    maximum=_number_text(self.maximum),
                )
            )
            return None
        return value

    def _level(self, cell: Cell, column: str, number: int) -> float | None:
        position = self.levels.get(fold(_text(cell)))
        if position is None:
            self.errors.append(
                _message(
                    gettext_noop(
                        "Row %(row)s: “%(value)s” in %(column)s is not one of the levels: "
                        "%(levels)s."
                    ),
                    number,
                    value=_shown(cell),
                    column=column,
                    levels=", ".join(self.level_names),
                )
            )
            return None
        return float(position)

    def _year_level(
        self, cells: Sequence[Cell], index: int | None, header: _Header, number: int
    ) -> int | None:
        if index is None:
            return None
        cell = _cell(cells, index)
        text = _text(cell)
        if not text:
            return None
        year = parse_year_level(cell)
        if year is None:
            self.errors.append(
                _message(
                    gettext_noop(
                        "Row %(row)s: “%(value)s” in %(column)s is not a year level from 0 to 13."
                    ),
                    number,
                    value=_shown(cell),
                    column=header.headers[index],
                )
            )
        return year

    def _date(
        self, cells: Sequence[Cell], index: int | None, header: _Header, number: int
    ) -> date | None:
        if index is None:
            return None
        cell = _cell(cells, index)
        if not _text(cell):
            return None
        taken_on = parse_date(cell)
        if taken_on is None:
            self.errors.append(
                _message(
                    gettext_noop(
                        "Row %(row)s: “%(value)s” in %(column)s is not a date. Write dates as "
                        "2027-03-15 or 15/03/2027."
                    ),
                    number,
                    value=_shown(cell),
                    column=header.headers[index],
                )
            )
        return taken_on

    def _duplicate(
        self, number: int, first: int, code: str | None, group: str | None
    ) -> ImportMessage:
        if code:
            return _message(
                gettext_noop(
                    "Row %(row)s: the learner code “%(code)s” is already on row %(first)s."
                ),
                number,
                code=code,
                first=first,
            )
        return _message(
            gettext_noop("Row %(row)s: the group “%(group)s” is already on row %(first)s."),
            number,
            group=group or "",
            first=first,
        )


def _blank(cells: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _cell(cells: Sequence[Cell], index: int) -> Cell:
    return cells[index] if index < len(cells) else None


def _shown(cell: Cell) -> str:
    """A cell as it goes into a message: trimmed, and short."""
    text = _text(cell)
    return text if len(text) <= 40 else text[:39] + "…"


def _names(column: Column) -> str:
    return ", ".join(f"“{name.capitalize()}”" for name in COLUMN_NAMES[column][:4])


def _number_text(value: float) -> str:
    return f"{value:g}"


_LOST_LETTER = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")
# UTF-8 read as Windows-1252 (or Latin-1): "ā" becomes "Ä" and a second character that
# is what the byte 0x81 means there; a byte that means nothing becomes "\ufffd".
_SECOND_BYTES = bytes(range(0x80, 0xC0)).decode("windows-1252", errors="ignore")
_GARBLED = re.compile(f"[ÂÃÄÅ][{re.escape(_SECOND_BYTES)}\u0080-\u00bf]|\ufffd")


def _garbled(text: str) -> bool:
    return bool(_GARBLED.search(text))


# -- Numbers, year levels and dates ---------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = {
    ",": re.compile(r"[+-]?\d{1,3}(?:,\d{3})+"),
    ".": re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+"),
}
_COMMA_DECIMAL = re.compile(r"[+-]?(?:0|\d+,(?:\d{1,2}|\d{4,})|\d{4,},\d+|0,\d+|,\d+)")


def decimal_mark(texts: Iterable[str], comma_decimal: bool | None = None) -> str:
    """The decimal mark of a column of numbers written as text: "," or ".".

    A comma followed by other than three digits ("3,5") or after a leading zero is a
    decimal comma, unless other values use a decimal point; "1,450" alone is ambiguous,
    settled by ``comma_decimal`` (true for files separated by semicolons or tabs, as
    written where the comma is the decimal mark)."""
    comma = point = False
    for raw in texts:
        text = _SPACES.sub("", raw).rstrip("%")
        if "," in text and "." in text:
            continue  # says its own decimal mark
        if "," in text and _COMMA_DECIMAL.fullmatch(text):
            comma = True
        elif "." in text and not _GROUPED["."].fullmatch(text):
            point = True
    if comma and not point:
        return ","
    if point:
        return "."
    return "," if comma_decimal else "."


def parse_number(text: str, decimal: str = ".") -> float | None:
    """A number as people type it, or None: "3.5", "3,5" (with ``decimal=","``),
    "1,450", "1.450,5", "-2" (or with a minus sign), "85%", "1 234"."""
    text = _SPACES.sub("", text).replace("\u2212", "-").rstrip("%")
    if not text:
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
    thousands = "." if decimal == "," else ","
    if thousands in text:
        whole = text.split(decimal)[0]
        if not _GROUPED[thousands].fullmatch(whole) or text.count(decimal) > 1:
            return None
        text = text.replace(thousands, "")
    text = text.replace(decimal, ".")
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


_YEAR = re.compile(r"(?:year|yr|y|tau|leerjaar|groep|gr)?\.?\s*0*(\d{1,2})", re.IGNORECASE)


def parse_year_level(cell: Cell) -> int | None:
    """A year level from 0 to 13: 4, "4", "Year 4", "Y4", "Yr 04", "Tau 4"."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int):
        return cell if cell in YEAR_LEVELS else None
    match = _YEAR.fullmatch(fold(_text(cell)).replace(" ", "")) if isinstance(cell, str) else None
    if match is None:
        return None
    year = int(match.group(1))
    return year if year in YEAR_LEVELS else None


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(cell: Cell) -> date | None:
    """A date: a workbook's date cell, "2027-03-15", or day first as written in
    Aotearoa and the Netherlands: "15/03/2027", "15-3-27", "15.03.2027"."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, (int, float)):
        # A workbook date cell that lost its date format: days since 30 Dec 1899.
        if 20_000 <= cell <= 80_000:
            return _EXCEL_EPOCH + timedelta(days=int(cell))
        return None
    text = _text(cell)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
