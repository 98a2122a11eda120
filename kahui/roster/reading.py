"""A roster file read into rows: every good row's values in Kāhui's terms, and every
bad row with its number and the reason, so a file is fixed in one go.

Columns (any order, names in any letter case): ``name, email, school, role, subjects,
year levels, interests``. Subjects, year levels and interests hold several values
separated by ``;``. A blank cell leaves what Kāhui holds as it is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kahui.accounts.choices import SUBJECTS, YEAR_LEVELS
from kahui.core.csv_export import plain_cell
from kahui.core.focus_areas import clean_name
from kahui.core.tabular import Table
from kahui.orgs.models import OrgRole

COLUMNS = ("name", "email", "school", "role", "subjects", "year levels", "interests")
MAX_BYTES = 2_000_000
MAX_ROWS = 10_000
NAME_LENGTH = 80  # a profile's display name


@dataclass(frozen=True)
class RosterRow:
    """One good row. ``None`` for a blank cell: leave it as it is."""

    row: int
    email: str
    name: str | None
    school: int | None  # an organisation's id
    role: str | None
    subjects: tuple[str, ...] | None
    year_levels: tuple[str, ...] | None
    interests: tuple[str, ...] | None


@dataclass(frozen=True)
class BadRow:
    row: int
    reason: str


def split_values(text: str) -> list[str]:
    return list(dict.fromkeys(filter(None, (part.strip() for part in text.split(";")))))


def _vocabulary(choices) -> dict[str, str]:
    """Codes and labels (in the reader's language), in any letter case, to codes."""
    words: dict[str, str] = {}
    for code, label in choices:
        words[str(code).casefold()] = code
        words[str(label).casefold()] = code
    return words


def header_problem(header: tuple[str, ...]) -> str | None:
    """Why the header row is not the roster's, or None."""
    names = [cell.replace("_", " ") for cell in header]
    missing = [c for c in COLUMNS if c not in names]
    unknown = [c for c in names if c not in COLUMNS]
    doubled = sorted({c for c in names if names.count(c) > 1})
    if not (missing or unknown or doubled):
        return None
    parts = []
    if missing:
        parts.append(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        parts.append(_("unknown: %(columns)s") % {"columns": ", ".join(unknown)})
    if doubled:
        parts.append(_("twice: %(columns)s") % {"columns": ", ".join(doubled)})
    return _("The first row must name the columns %(columns)s (%(problems)s).") % {
        "columns": ", ".join(COLUMNS),
        "problems": "; ".join(parts),
    }


def read_rows(table: Table, *, schools: Mapping[str, int]) -> tuple[list[RosterRow], list[BadRow]]:
    """The good and the bad rows of ``table`` (whose header is the roster's).
    ``schools`` maps the names of the schools a row may name (in any letter case) to
    their ids. A second row with an email already used is bad, naming the first."""
    names = [cell.replace("_", " ") for cell in table.header]
    position = {column: names.index(column) for column in COLUMNS}
    subjects = _vocabulary(SUBJECTS)
    year_levels = _vocabulary(YEAR_LEVELS)
    roles = _vocabulary(OrgRole.choices)
    good: list[RosterRow] = []
    bad: list[BadRow] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        if len(cells) > len(names) and any(cells[len(names) :]):
            bad.append(BadRow(number, _("It has more cells than the header has columns.")))
            continue

        def cell(column: str, cells=cells) -> str:
            at = position[column]
            return plain_cell(cells[at]) if at < len(cells) else ""

        reasons: list[str] = []
        email = cell("email").lower()
        if not email:
            reasons.append(_("The email address is missing."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                reasons.append(_("%(email)s is not an email address.") % {"email": email})
            else:
                if email in first_row:
                    reasons.append(
                        _("%(email)s is already in row %(row)s.")
                        % {"email": email, "row": first_row[email]}
                    )
                else:
                    first_row[email] = number
        name = cell("name") or None
        if name and len(name) > NAME_LENGTH:
            reasons.append(_("The name is longer than %(n)s characters.") % {"n": NAME_LENGTH})
        school = None
        if text := cell("school"):
            school = schools.get(text.casefold())
            if school is None:
                reasons.append(
                    _("%(school)s is not a school of this organisation.") % {"school": text}
                )
        role = None
        if text := cell("role"):
            role = roles.get(text.casefold())
            if role is None:
                reasons.append(
                    _("%(role)s is not a role; write one of %(roles)s.")
                    % {"role": text, "roles": ", ".join(OrgRole.values)}
                )

        def codes(
            column: str, words: dict[str, str], unknown: str, reasons=reasons
        ) -> tuple[str, ...] | None:
            text = cell(column)
            if not text:
                return None
            found = []
            for value in split_values(text):
                code = words.get(value.casefold())
                if code is None:
                    reasons.append(unknown % {"value": value})
                elif code not in found:
                    found.append(code)
            return tuple(found)

        row_subjects = codes("subjects", subjects, _("%(value)s is not a known subject."))
        row_year_levels = codes(
            "year levels", year_levels, _("%(value)s is not a known year level.")
        )
        interests = None
        if text := cell("interests"):
            cleaned = []
            for value in split_values(text):
                try:
                    cleaned.append(clean_name(value))
                except ValidationError as error:
                    reasons.append(error.messages[0])
            interests = tuple(dict.fromkeys(cleaned))
        if reasons:
            bad.append(BadRow(number, " ".join(reasons)))
            continue
        good.append(
            RosterRow(
                row=number,
                email=email,
                name=name,
                school=school,
                role=role,
                subjects=row_subjects,
                year_levels=row_year_levels,
                interests=interests,
            )
        )
    return good, bad
