"""The cohort CSV, read and written with the standard library. No Django.

Columns, exactly: ``id,name,school,role,year_levels,subjects,interests,availability,
together_with,apart_from``. Multi-values are separated by ``;`` (quoted when the file
itself is separated by semicolons, as spreadsheets in many locales write it).
Availability is weekly free windows such as ``Mon 15:30-17:00;Wed 15:00-16:30``, read
by the engine's ``parse_windows``. ``together_with`` and ``apart_from`` list ids; a
pair counts when either side lists it. A role of ``facilitator`` marks a facilitator.

:func:`read_cohort` reads every row before it answers, and reports every bad row with
its row number (the header is row 1), so a file is fixed in one go."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kahui.core.tabular import csv_rows
from kahui.formation.engine import Person, parse_windows

COLUMNS = (
    "id",
    "name",
    "school",
    "role",
    "year_levels",
    "subjects",
    "interests",
    "availability",
    "together_with",
    "apart_from",
)
FACILITATOR_ROLE = "facilitator"
OUTPUT_COLUMNS = ("id", "group")


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row (``row`` counts the header as 1) and which column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CohortFileError(ValueError):
    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Cohort:
    people: tuple[Person, ...]
    together: frozenset[tuple[str, str]]
    apart: frozenset[tuple[str, str]]
    availability: dict[str, str]  # each person's windows as written, for the record


def split_values(text: str) -> frozenset[str]:
    return frozenset(filter(None, (part.strip() for part in text.split(";"))))


def read_cohort(text: str) -> Cohort:
    """The people and pairs of a cohort CSV, or :class:`CohortFileError` listing every
    bad row. A UTF-8 byte-order mark and a trailing blank line are fine."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CohortFileError([RowError(1, "", "the file is empty: it needs a header row")])
    rows = csv_rows(text)
    header = tuple(cell.strip().lower() for cell in rows[0])
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("unexpected " + ", ".join(extra))
        if not detail:
            detail.append("columns out of order")
        raise CohortFileError(
            [
                RowError(
                    1,
                    "",
                    "the header must be exactly " + ",".join(COLUMNS) + f" ({'; '.join(detail)})",
                )
            ]
        )
    errors: list[RowError] = []
    people: list[Person] = []
    availability: dict[str, str] = {}
    links: list[tuple[int, str, str, str]] = []  # row, column, id, other id
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            errors.append(
                RowError(number, "", f"{len(cells)} cells where {len(COLUMNS)} are needed")
            )
            continue
        row = dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True))
        pid = row["id"]
        if not pid:
            errors.append(RowError(number, "id", "an id is needed"))
            continue
        if pid in seen:
            errors.append(RowError(number, "id", f"{pid!r} is already used in row {seen[pid]}"))
            continue
        seen[pid] = number
        try:
            free = parse_windows(row["availability"])
        except ValueError as error:
            errors.append(RowError(number, "availability", str(error)))
            free = ()
        for column in ("together_with", "apart_from"):
            for other in sorted(split_values(row[column])):
                links.append((number, column, pid, other))
        availability[pid] = row["availability"]
        people.append(
            Person(
                id=pid,
                name=row["name"] or pid,
                school=row["school"],
                role=row["role"],
                facilitator=row["role"].casefold() == FACILITATOR_ROLE,
                year_levels=split_values(row["year_levels"]),
                subjects=split_values(row["subjects"]),
                interests=split_values(row["interests"]),
                free=free,
            )
        )
    together: set[tuple[str, str]] = set()
    apart: set[tuple[str, str]] = set()
    for number, column, pid, other in links:
        if other == pid:
            errors.append(RowError(number, column, f"{pid!r} lists themselves"))
        elif other not in seen:
            errors.append(RowError(number, column, f"no one in the file has the id {other!r}"))
        else:
            (together if column == "together_with" else apart).add(tuple(sorted((pid, other))))  # type: ignore[arg-type]
    for pair in sorted(together & apart):
        errors.append(
            RowError(
                seen[pair[0]], "apart_from", f"{pair[0]} and {pair[1]} are both together and apart"
            )
        )
    if errors:
        raise CohortFileError(
            sorted(errors, key=lambda e: (e.row, COLUMNS.index(e.column) if e.column else -1))
        )
    if not people:
        raise CohortFileError([RowError(2, "", "the file has a header but no people")])
    return Cohort(
        people=tuple(people),
        together=frozenset(together),
        apart=frozenset(apart),
        availability=availability,
    )


def write_assignment(rows: Iterable[tuple[str, int]]) -> str:
    """``id,group`` lines for (person id, group number) pairs."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def write_cohort(
    people: Iterable[Person],
    availability: dict[str, str],
    together: Iterable[tuple[str, str]] = (),
    apart: Iterable[tuple[str, str]] = (),
) -> str:
    """A cohort as the CSV :func:`read_cohort` reads (the demo and the pages' download)."""
    partners: dict[str, dict[str, set[str]]] = {}
    for column, pairs in (("together_with", together), ("apart_from", apart)):
        for a, b in pairs:
            partners.setdefault(a, {}).setdefault(column, set()).add(b)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in people:
        mine = partners.get(p.id, {})
        writer.writerow(
            [
                p.id,
                p.name,
                p.school,
                p.role,
                ";".join(sorted(p.year_levels)),
                ";".join(sorted(p.subjects)),
                ";".join(sorted(p.interests)),
                availability.get(p.id, ";".join(str(w) for w in p.free)),
                ";".join(sorted(mine.get("together_with", ()))),
                ";".join(sorted(mine.get("apart_from", ()))),
            ]
        )
    return out.getvalue()
