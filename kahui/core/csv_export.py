"""CSV downloads that are safe to open in a spreadsheet.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
(and some skip a leading tab or carriage return first), so text people typed — a
group's or a meeting's name — could run ``=HYPERLINK(…)`` on the reader's computer.
Such text cells get a leading apostrophe, which spreadsheets show as plain text."""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose every text cell passes through :func:`safe_cell`."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def plain_cell(value: str) -> str:
    """The text :func:`safe_cell` protected, read back from a file: a leading
    apostrophe before a formula start is dropped, so an exported file imports back
    as it was."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
