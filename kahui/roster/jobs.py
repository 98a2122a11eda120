"""The background job of a confirmed roster import: the plan of the preview carried
out through the organisations' and profiles' services, a chunk at a time, writing its
progress between chunks. Invitations go out through the exactly-once email path
(``orgs.services.org_invite`` → ``notifications.queue_email``), so a job run twice
sends nothing twice."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.accounts.services import focus_area_for_name, profile_ensure, profile_update
from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.notifications.scheduler import TickReport
from kahui.orgs.models import Organisation, OrgMembership
from kahui.orgs.services import org_invite, org_member_set_role
from kahui.roster.activity import RosterActivity
from kahui.roster.models import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportStatus,
    InviteeDetails,
    RosterImport,
)

log = logging.getLogger(__name__)

CHUNK = 250
# A preview nobody confirmed is forgotten after this long (``previews_prune``).
PREVIEW_KEPT = timedelta(days=7)


def _update(line: dict[str, Any], membership: OrgMembership, *, by) -> None:
    profile = profile_ensure(user=membership.user)
    fields: dict[str, Any] = {}
    if line["name"] is not None:
        fields["display_name"] = line["name"]
    if line["school"] is not None:
        fields["organisation"] = Organisation.objects.get(pk=line["school"])
    if line["subjects"] is not None:
        fields["subjects"] = list(line["subjects"])
    if line["year_levels"] is not None:
        fields["year_levels"] = list(line["year_levels"])
    interests = None
    if line["interests"] is not None:
        interests = [focus_area_for_name(name, by=by) for name in line["interests"]]
    if fields or interests is not None:
        profile_update(profile=profile, interests=interests, **fields)
    if line["role"] is not None and line["role"] != membership.role:
        org_member_set_role(membership=membership, by=by, role=line["role"])


def _chunk(roster_import: RosterImport, lines: list[dict[str, Any]], counts, failures) -> None:
    org, by = roster_import.organisation, roster_import.created_by
    updates = [line for line in lines if line["action"] == UPDATE]
    members = {
        m.user.email.lower(): m
        for m in OrgMembership.objects.filter(
            organisation=org, user__email__in=[line["email"] for line in updates]
        ).select_related("user__profile", "organisation")
    }
    for line in updates:
        membership = members.get(line["email"])
        try:
            if membership is None:
                raise KahuiError(_("This person is no longer a member."))
            with transaction.atomic():
                _update(line, membership, by=by)
        except KahuiError as error:
            failures.append({"row": line["row"], "reason": str(error)})
        else:
            counts[UPDATE] += 1
    by_role = defaultdict(list)
    creating = {}
    for line in lines:
        if line["action"] == CREATE:
            by_role[line["role"] or "member"].append(line["email"])
            creating[line["email"]] = line
        elif line["action"] == UNCHANGED:
            counts[UNCHANGED] += 1
    details = []
    for role, emails in by_role.items():
        sent = org_invite(org=org, by=by, emails=emails, role=role)
        counts[CREATE] += len(sent)
        # Someone invited or joined since the preview: nothing more to do for them.
        counts[UNCHANGED] += len(emails) - len(sent)
        details += [_details(roster_import, invite, creating[invite.email]) for invite in sent]
    InviteeDetails.objects.bulk_create(filter(None, details))


def _details(roster_import: RosterImport, invite, line: dict[str, Any]) -> InviteeDetails | None:
    """What the row says about someone invited, kept until they join (when
    :func:`kahui.roster.joining.details_apply` puts it on their profile)."""
    values = {key: line[key] for key in ("subjects", "year_levels", "interests")}
    if line["school"] is None and all(value is None for value in values.values()):
        return None
    return InviteeDetails(
        invite=invite, roster_import=roster_import, school_id=line["school"], **values
    )


def import_execute(*, import_id: int) -> None:
    """Carry out a confirmed import (the background job). Safe to run twice: only a
    queued import is started."""
    claimed = RosterImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return
    roster_import = RosterImport.objects.select_related("organisation", "created_by").get(
        pk=import_id
    )
    counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
    failures: list[dict[str, Any]] = []
    lines = roster_import.lines
    try:
        for start in range(0, len(lines), CHUNK):
            with transaction.atomic():
                _chunk(roster_import, lines[start : start + CHUNK], counts, failures)
                RosterImport.objects.filter(pk=import_id).update(
                    processed=min(start + CHUNK, len(lines))
                )
    except Exception:
        log.exception("Roster import %s failed", roster_import.public_id)
        RosterImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            result=counts | {"failed": len(failures), "failures": failures},
        )
        return
    result = counts | {"failed": len(failures), "failures": failures}
    with transaction.atomic():
        RosterImport.objects.filter(pk=import_id).update(
            status=ImportStatus.DONE,
            processed=len(lines),
            finished_at=timezone.now(),
            result=result,
        )
        activity.record(
            actor=roster_import.created_by,
            action=RosterActivity.IMPORTED,
            organisation=roster_import.organisation,
            target=roster_import.file_name,
            changes={
                "invited": activity.change(_("Invited"), "", counts[CREATE]),
                "updated": activity.change(_("Updated"), "", counts[UPDATE]),
                "unchanged": activity.change(_("Unchanged"), "", counts[UNCHANGED]),
            },
            ref={"import": str(roster_import.public_id)},
        )


def previews_prune(now: datetime, report: TickReport) -> None:
    """A periodic job: previews never confirmed go after :data:`PREVIEW_KEPT` (their
    plan holds the file's names and addresses; the uploaded file itself is never
    stored), and so do the details kept for invitations since withdrawn."""
    stale = RosterImport.objects.filter(
        status=ImportStatus.PREVIEW, created_at__lt=now - PREVIEW_KEPT
    )
    removed, _by_model = stale.delete()
    withdrawn, _by_model = InviteeDetails.objects.filter(invite__revoked_at__isnull=False).delete()
    report.done["roster previews removed"] += removed
    report.done["roster invitee details removed"] += withdrawn
