"""Backups: a snapshot taken while Kāhui runs comes back table for table."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from kahui.core.backup import BackupError, restore
from kahui.groups import services
from tests.conftest import make_user


def every_table() -> dict[str, list[tuple]]:
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            pk = model._meta.pk.column
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
            tables[table] = [tuple(map(str, row)) for row in cursor.fetchall()]
    return tables


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "resources").mkdir(parents=True)
    (tmp_path / "media" / "resources" / "plan.txt").write_text("Term 3 plan")
    before = every_table()
    call_command("backup", str(tmp_path / "snapshot"))

    # Life goes on: a new member, a changed vision, a lost file.
    world.group.memberships.create(user=make_user("late@kowhai.example"))
    services.group_update(group=world.group, by=world.facilitator, version=None, vision="New")
    (tmp_path / "media" / "resources" / "plan.txt").unlink()
    assert every_table() != before

    call_command("restore", str(tmp_path / "snapshot"), "--yes")
    assert every_table() == before
    assert (tmp_path / "media" / "resources" / "plan.txt").read_text() == "Term 3 plan"


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="not a Kāhui backup"):
        restore(tmp_path)
