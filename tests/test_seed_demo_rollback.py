"""``kahui seed-demo`` builds all or nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from kahui.accounts.models import User
from kahui.groups import services as group_services
from kahui.orgs.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_a_failed_build_leaves_nothing_behind(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(group_services, "group_set_stage", fail)
    with pytest.raises(RuntimeError, match="power cut"):
        seed()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()

    monkeypatch.undo()
    assert "Demo ready" in seed()
