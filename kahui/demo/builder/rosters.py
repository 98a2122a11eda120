"""A roster import: a school's administrator downloaded the roster, added three
colleagues and a focus area for one member, and imported it back; the import is
finished, so its result and its place in the organisation's history are there."""

import csv
import io
from datetime import timedelta

from kahui.demo.builder.workshop import Workshop
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.roster import services
from kahui.roster.jobs import import_execute

SCHOOL = "kw"
NEW_COLLEAGUES = [
    ("Hemi Walker", "hemi.walker@example.school.nz", "member"),
    ("Grace Liu", "grace.liu@example.school.nz", "member"),
    ("Tama Rangi", "tama.rangi@example.school.nz", "coordinator"),
]


def roster_import(builder: Workshop) -> None:
    organisation = builder.orgs[SCHOOL]
    admin = (
        OrgMembership.objects.filter(organisation=organisation, role=OrgRole.ADMIN)
        .select_related("user")
        .first()
    )
    if admin is None:
        return
    rows = list(csv.reader(io.StringIO(services.roster_csv(organisation))))
    if len(rows) > 1:
        first = rows[1]
        first[6] = ";".join(filter(None, [first[6], "Assessment for learning"]))
    for name, email, role in NEW_COLLEAGUES:
        rows.append([name, email, "", role, "", "", ""])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    with builder.timeline.at(builder.timeline.now - timedelta(days=20)):
        planned = services.roster_preview(
            org=organisation,
            by=admin.user,
            data=out.getvalue().encode(),
            file_name="staff-term-1.csv",
        )
        services.roster_import_confirm(roster_import=planned, by=admin.user)
        # Finished now, not by the worker: the queued task finds the import done.
        import_execute(import_id=planned.pk)
