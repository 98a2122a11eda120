"""The stored files of rows about to be deleted, and their removal from storage once
the deletion is committed: a rollback keeps rows and files together, a file already
gone is no error, and a file another row still names (a library resource copied to
another group shares its file) stays."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import models, router, transaction
from django.db.models.deletion import Collector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredFile:
    model: type[models.Model]
    field: models.FileField
    name: str


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _named(model: type[models.Model], rows: models.QuerySet) -> list[StoredFile]:
    found = []
    for field in file_fields(model):
        names = rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
        found += [StoredFile(model, field, name) for name in names if name]
    return found


def files_deleted_with(objects: Iterable[models.Model]) -> list[StoredFile]:
    """The files of ``objects`` and of every row their deletion cascades to."""
    objects = list(objects)
    if not objects:
        return []
    collector = Collector(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    found = []
    for model, instances in collector.data.items():
        if file_fields(model):
            rows = model._base_manager.filter(pk__in=[obj.pk for obj in instances])
            found += _named(model, rows)
    for rows in collector.fast_deletes:
        if file_fields(rows.model):
            found += _named(rows.model, rows)
    return found


def delete_after_commit(files: list[StoredFile]) -> None:
    """Remove ``files`` from storage once the current transaction commits."""
    if files:
        transaction.on_commit(partial(_delete, files))


def _delete(files: list[StoredFile]) -> None:
    for stored in files:
        if stored.model._base_manager.filter(**{stored.field.attname: stored.name}).exists():
            continue  # another row still uses it
        try:
            stored.field.storage.delete(stored.name)
        except FileNotFoundError:
            pass
        except OSError:
            log.warning("Could not delete the stored file %s", stored.name, exc_info=True)
