"""A member's export: everything Kāhui holds about them as JSON, one file per area
(each app's models that name them), with the files they uploaded, in a zip made by the
task worker and kept for :data:`KEEP_DAYS` days.

Which rows are "about" a person is read from the models themselves: every row with a
key to the person (an author, an owner, a member, a receiver), so an app added later
is in the export without a change here. What an app holds about a person by a longer
path (feedback their colleagues gave them) is added through :data:`parts`. Rows that
are nobody's (anonymous health answers, survey responses) have no key to a person and
never appear; secrets (password hashes, token hashes) are left out."""

import io
import json
import logging
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core import activity
from kahui.core.errors import KahuiError
from kahui.core.registry import Registry
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.rights.activity import RightsActivity
from kahui.rights.models import DataExport, ExportStatus

log = logging.getLogger(__name__)

KEEP_DAYS = 7

# Kept out of every export: how Kāhui checks a secret is no part of the person's data,
# and some rows are Kāhui's own bookkeeping.
SECRET_FIELDS = {"password", "token", "token_hash", "key_hash", "secret", "vector", "key"}
SKIPPED_MODELS = {
    "admin.logentry",
    "core.submissionkey",
    "core.pdfexport",
    "rights.dataexport",
    "people.personvector",
    "socialaccount.socialtoken",
}
# The file each app's rows go to ("profile.json" reads better than "accounts.json").
AREA_NAMES = {
    "accounts": "profile",
    "account": "email_addresses",
    "orgs": "organisations",
    "groups": "groups_and_memberships",
    "discussions": "discussions_and_posts",
    "meetings": "meetings_minutes_actions_attendance",
    "reflection": "reflection_journal_portfolio_feedback",
    "recognition": "learning_record_and_kudos",
    "notifications": "notifications",
    "programmes": "programmes_and_kickoff_answers",
}

# Extra rows an app holds about a person by a longer path: name -> function of the
# person giving (area, model label, queryset).
Part = Callable[[Any], list[tuple[str, str, models.QuerySet]]]
parts: Registry[Part] = Registry("rows about a person that no key to them finds")


def _feedback_received(user) -> list[tuple[str, str, models.QuerySet]]:
    answers = apps.get_model("reflection", "FeedbackAnswer").objects.filter(request__asker=user)
    return [("reflection", "reflection.feedbackanswer (received)", answers)]


parts.add("feedback received", _feedback_received)


def export_request(*, user) -> DataExport:
    """Queue an export for ``user``; one at a time."""
    with transaction.atomic():
        waiting = DataExport.objects.filter(
            owner=user, status__in=[ExportStatus.QUEUED, ExportStatus.BUILDING]
        )
        if waiting.exists():
            raise KahuiError(_("Your export is already being made."))
        export = DataExport.objects.create(owner=user)
        for membership in user.org_memberships.select_related("organisation"):
            activity.record(
                actor=user,
                action=RightsActivity.EXPORT_REQUESTED,
                organisation=membership.organisation,
            )
        transaction.on_commit(lambda: build_export.enqueue(export_id=export.pk))
    return export


def _user_fields(model: type[models.Model]) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def rows_about(user) -> list[tuple[str, str, models.QuerySet]]:
    """(area, model label, rows) of everything that names ``user``."""
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED_MODELS:
            continue
        names = _user_fields(model)
        if not names:
            continue
        query = Q()
        for name in names:
            query |= Q(**{name: user})
        found.append((model._meta.app_label, label, model._default_manager.filter(query)))
    for part in parts:
        found.extend(part(user))
    return found


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in row["fields"].items() if k not in SECRET_FIELDS}
    return {"id": row["pk"], **fields}


def _files(obj: models.Model) -> list[Any]:
    return [
        getattr(obj, field.name)
        for field in obj._meta.concrete_fields
        if isinstance(field, models.FileField) and getattr(obj, field.name)
    ]


def build_zip(user) -> bytes:
    """The zip of everything about ``user``: ``account.json``, a JSON file per area
    and their files under ``files/``."""
    areas: dict[str, dict[str, list[dict[str, Any]]]] = {}
    attachments: dict[str, Any] = {}
    for app_label, label, rows in rows_about(user):
        objects = list(rows)
        if not objects:
            continue
        serialised = serializers.serialize("python", objects)
        area = AREA_NAMES.get(app_label, app_label)
        areas.setdefault(area, {}).setdefault(label, []).extend(_clean(r) for r in serialised)
        for obj in objects:
            for stored in _files(obj):
                name = f"files/{app_label}/{PurePosixPath(stored.name).name}"
                attachments[name] = stored
    account = {
        "email": user.email,
        "public_id": str(user.public_id),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "exported_at": timezone.now(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("account.json", json.dumps(account, cls=DjangoJSONEncoder, indent=2))
        for area, content in sorted(areas.items()):
            archive.writestr(f"{area}.json", json.dumps(content, cls=DjangoJSONEncoder, indent=2))
        for name, stored in attachments.items():
            try:
                with stored.open("rb") as handle:
                    archive.writestr(name, handle.read())
            except OSError:
                log.warning("A file of an export was missing: %s", stored.name)
    return buffer.getvalue()


@task()
def build_export(*, export_id: int) -> None:
    """Make a queued export and tell its owner. Safe to run twice."""
    claimed = DataExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.BUILDING
    )
    if not claimed:
        return
    export = DataExport.objects.select_related("owner__profile").get(pk=export_id)
    try:
        content = build_zip(export.owner)
    except Exception:
        log.exception("Data export %s failed", export.public_id)
        export.status = ExportStatus.FAILED
        export.save(update_fields=["status"])
        raise
    now = timezone.now()
    export.file.save(f"{export.public_id.hex}.zip", ContentFile(content), save=False)
    export.status = ExportStatus.READY
    export.size = len(content)
    export.finished_at = now
    export.expires_at = now + timedelta(days=KEEP_DAYS)
    export.save(update_fields=["file", "status", "size", "finished_at", "expires_at"])
    notify(
        users=[export.owner],
        category=Category.ACCOUNT,
        title=str(_("Your data export is ready to download")),
        url=reverse("rights:my_data"),
        email_template="data_export_ready",
        key=f"export:{export.public_id}",
    )


def export_delete(export: DataExport) -> None:
    if export.file:
        export.file.delete(save=False)
    export.delete()


def expire_exports(now: datetime, report: Any) -> None:
    """The scheduler's job: delete exports past their expiry, with their files, and
    give up on any still unmade after a day."""
    stale = DataExport.objects.filter(
        Q(expires_at__lt=now)
        | Q(
            status__in=[ExportStatus.QUEUED, ExportStatus.BUILDING, ExportStatus.FAILED],
            created_at__lt=now - timedelta(days=1),
        )
    )
    for export in stale:
        export_delete(export)
        report.done["data exports expired"] += 1
