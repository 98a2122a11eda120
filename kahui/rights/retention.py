"""Retention of closed groups: an organisation's administrators choose how long its
archived groups are kept (never deleted, or N months after the group was closed).
Once a group is past it, the administrators are told, and :data:`NOTICE_DAYS` days
later the group is deleted with everything in it, its stored files too, unless it was
opened again."""

from datetime import datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kahui.core import activity, search
from kahui.groups.models import LearningGroup, Status
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.rights.activity import RightsActivity
from kahui.rights.files import delete_after_commit, files_deleted_with
from kahui.rights.models import RetentionNotice, RetentionPolicy

NOTICE_DAYS = 14


@transaction.atomic
def retention_set(*, organisation, by, months: int | None) -> RetentionPolicy:
    policy, _created = RetentionPolicy.objects.get_or_create(organisation=organisation)
    old = policy.months
    policy.months = months
    policy.save()
    if old != months:
        activity.record(
            actor=by,
            action=RightsActivity.RETENTION_SET,
            organisation=organisation,
            changes={
                "months": activity.change(_("months"), old or _("never"), months or _("never"))
            },
        )
    return policy


def _language(user) -> str:
    return getattr(getattr(user, "profile", None), "language", "") or settings.LANGUAGE_CODE


def _admins(organisation) -> list[Any]:
    return [
        m.user
        for m in OrgMembership.objects.filter(
            organisation=organisation, role=OrgRole.ADMIN
        ).select_related("user__profile")
    ]


def due_groups(policy: RetentionPolicy, now: datetime):
    """The organisation's closed groups past its retention, counted from when each
    was closed (from its last change when that moment is not known)."""
    if not policy.months:
        return LearningGroup.objects.none()
    cutoff = now - relativedelta(months=policy.months)
    return LearningGroup.objects.filter(
        Q(closed_at__lt=cutoff) | Q(closed_at=None, updated_at__lt=cutoff),
        organisation=policy.organisation,
        status=Status.ARCHIVED,
    )


def apply_retention(now: datetime, report: Any) -> None:
    """The scheduler's job: tell the administrators of each closed group past its
    organisation's retention, and delete those told about ``NOTICE_DAYS`` ago."""
    # A group opened again, or a retention made longer, forgets its notice.
    for notice in RetentionNotice.objects.select_related("group__organisation"):
        policy = RetentionPolicy.objects.filter(organisation=notice.group.organisation).first()
        if policy is None or not due_groups(policy, now).filter(pk=notice.group_id).exists():
            notice.delete()
    for policy in RetentionPolicy.objects.filter(months__isnull=False).select_related(
        "organisation"
    ):
        for group in due_groups(policy, now).select_related("retention_notice"):
            notice = getattr(group, "retention_notice", None)
            if notice is None:
                _give_notice(group, policy, now)
                report.done["closed groups noticed"] += 1
            elif notice.noticed_at <= now - timedelta(days=NOTICE_DAYS):
                _delete_group(group)
                report.done["closed groups deleted"] += 1


@transaction.atomic
def _give_notice(group: LearningGroup, policy: RetentionPolicy, now: datetime) -> None:
    RetentionNotice.objects.create(group=group, noticed_at=now)
    activity.record(
        actor=None,
        action=RightsActivity.RETENTION_NOTICE,
        organisation=policy.organisation,
        target=group.name,
    )
    for admin in _admins(policy.organisation):
        # The title is stored as written: in each administrator's language.
        with translation.override(_language(admin)):
            notify(
                users=[admin],
                category=Category.ACCOUNT,
                title=_("The closed group “%(name)s” will be deleted in %(days)d days")
                % {"name": group.name, "days": NOTICE_DAYS},
                url=reverse("rights:retention", args=[policy.organisation.slug]),
                email_template="retention_notice",
                key=f"retention:{group.public_id}",
            )


@transaction.atomic
def _delete_group(group: LearningGroup) -> None:
    activity.record(
        actor=None,
        action=RightsActivity.GROUP_DELETED,
        organisation=group.organisation,
        target=group.name,
    )
    # Library files, evidence attachments: gone from storage once the rows are.
    delete_after_commit(files_deleted_with([group]))
    search.unindex_group(group.pk)
    group.delete()
