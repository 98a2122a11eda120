"""Data rights in the demo: Teuila (a member at Harakeke Grove) has an export of her
data ready to download on her “My data” page, and Harakeke Grove keeps its closed
groups for 24 months (its administrators read both in the audit log)."""

from kahui.demo.builder.workshop import Workshop
from kahui.rights import exporting, retention

EXPORT_PERSON = "hg.teuila"
RETENTION_ORG = "hg"
RETENTION_MONTHS = 24


def data_rights(builder: Workshop) -> None:
    export = exporting.export_request(user=builder.users[EXPORT_PERSON])
    # Made now, not by the worker: the export waits, ready, from the first visit (the
    # queued task finds it made and leaves it).
    exporting.build_export.call(export_id=export.pk)
    retention.retention_set(
        organisation=builder.orgs[RETENTION_ORG],
        by=builder.users["hg.principal"],
        months=RETENTION_MONTHS,
    )
