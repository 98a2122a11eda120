"""Roster imports and exports. An upload is read and planned at once (the preview,
kept in a :class:`RosterImport`); nothing is written until an administrator confirms
it, and then the background job (:mod:`kahui.roster.jobs`) carries out the plan
through the organisations' and profiles' own services."""

import csv
import io
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.tabular import TableError, read_table, write_xlsx
from kahui.orgs.models import Organisation, OrgMembership
from kahui.roster import reading
from kahui.roster.activity import RosterActivity
from kahui.roster.models import CREATE, UNCHANGED, UPDATE, ImportStatus, RosterImport
from kahui.roster.reading import COLUMNS, RosterRow
from kahui.roster.selectors import (
    export_rows,
    members_by_email,
    pending_invite_emails,
    schools_of,
)
from kahui.roster.tasks import roster_import_run


def _changes(row: RosterRow, membership: OrgMembership) -> list[str]:
    """The columns whose value in ``row`` differs from what the member has."""
    profile = getattr(membership.user, "profile", None)
    changed = []
    if row.name is not None and (profile is None or profile.display_name != row.name):
        changed.append("name")
    if row.school is not None and (profile is None or profile.organisation_id != row.school):
        changed.append("school")
    if row.role is not None and row.role != membership.role:
        changed.append("role")
    if row.subjects is not None and set(row.subjects) != set(profile.subjects if profile else []):
        changed.append("subjects")
    if row.year_levels is not None and set(row.year_levels) != set(
        profile.year_levels if profile else []
    ):
        changed.append("year levels")
    if row.interests is not None:
        held = {a.name.casefold() for a in profile.interests.all()} if profile else set()
        if {name.casefold() for name in row.interests} != held:
            changed.append("interests")
    return changed


def _line(row: RosterRow, action: str, changes: list[str]) -> dict[str, Any]:
    return {
        "row": row.row,
        "email": row.email,
        "action": action,
        "changes": changes,
        "name": row.name,
        "school": row.school,
        "role": row.role,
        "subjects": row.subjects,
        "year_levels": row.year_levels,
        "interests": row.interests,
    }


def _count(lines: list[dict[str, Any]], bad: list[dict[str, Any]]) -> dict[str, int]:
    counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
    for line in lines:
        counts[line["action"]] += 1
    return counts | {"bad": len(bad)}


def roster_preview(*, org: Organisation, by, data: bytes, file_name: str) -> RosterImport:
    """Read an uploaded roster and plan it: who gets an invitation, whose profile or
    role changes, who stays as they are, and every bad row with its reason. Writes
    only the plan. A file Kāhui cannot read at all raises :class:`KahuiError`."""
    if len(data) > reading.MAX_BYTES:
        raise KahuiError(
            _("The file is larger than %(mb)s MB. Split it and upload the parts one by one.")
            % {"mb": reading.MAX_BYTES // 1_000_000}
        )
    try:
        table = read_table(data, file_name)
    except TableError as error:
        raise KahuiError(
            _("Kāhui cannot read this file (%(why)s). Upload a CSV or an XLSX file.")
            % {"why": error}
        ) from error
    if problem := reading.header_problem(table.header):
        raise KahuiError(problem)
    if len(table.rows) > reading.MAX_ROWS:
        raise KahuiError(
            _("The file has %(n)s rows; an import takes at most %(max)s.")
            % {"n": len(table.rows), "max": reading.MAX_ROWS}
        )
    schools = {name.casefold(): pk for pk, name in schools_of(org).items()}
    rows, bad_rows = reading.read_rows(table, schools=schools)
    members = members_by_email(org)
    invited = pending_invite_emails(org)
    lines: list[dict[str, Any]] = []
    bad: list[dict[str, Any]] = [{"row": b.row, "reason": b.reason} for b in bad_rows]
    for row in rows:
        membership = members.get(row.email)
        if membership is None:
            lines.append(_line(row, UNCHANGED if row.email in invited else CREATE, []))
            continue
        changes = _changes(row, membership)
        if "role" in changes and membership.user_id == by.pk:
            bad.append(
                {
                    "row": row.row,
                    "reason": _(
                        "This is you: change your own role on the members page, not in an import."
                    ),
                }
            )
            continue
        lines.append(_line(row, UPDATE if changes else UNCHANGED, changes))
    bad.sort(key=lambda b: b["row"])
    return RosterImport.objects.create(
        organisation=org,
        created_by=by,
        file_name=file_name[:200],
        lines=lines,
        bad_rows=bad,
        planned=_count(lines, bad),
    )


@transaction.atomic
def roster_import_confirm(*, roster_import: RosterImport, by) -> RosterImport:
    """Start the import of a previewed roster: the background job carries it out."""
    claimed = RosterImport.objects.filter(pk=roster_import.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.QUEUED, confirmed_at=timezone.now()
    )
    if not claimed:
        raise KahuiError(_("This import has already been started."))
    roster_import.refresh_from_db()
    import_id = roster_import.pk
    transaction.on_commit(lambda: roster_import_run.enqueue(import_id=import_id))
    return roster_import


def roster_csv(org: Organisation) -> str:
    """The organisation's roster as CSV, in the columns an import reads. Text a
    spreadsheet would run as a formula is made plain text."""
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(org))
    return out.getvalue()


def roster_xlsx(org: Organisation) -> bytes:
    return write_xlsx(COLUMNS, export_rows(org))


def template_csv() -> str:
    """An empty roster with one example row, for administrators to fill in."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "Aroha Ngata",
            "aroha.ngata@example.school.nz",
            "",
            "member",
            "english;te-reo-maori",
            "y7-8",
            "Structured literacy;Culturally responsive practice",
        ]
    )
    return out.getvalue()


@transaction.atomic
def roster_exported(*, org: Organisation, by, file_format: str) -> None:
    """Record that ``by`` downloaded the roster: it holds everyone's email address."""
    activity.record(
        actor=by, action=RosterActivity.EXPORTED, organisation=org, target=file_format.upper()
    )
