"""The activity log's building blocks: how a change reads on a history page."""

import os
import subprocess
import sys

import pytest
from django.utils.translation import gettext_lazy

from kahui.core import activity
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.groups.activity import GroupActivity
from kahui.groups.stages import Stage
from kahui.meetings.activity import MeetingActivity


def test_a_change_keeps_its_label_and_both_texts_as_plain_words():
    assert activity.change(gettext_lazy("Focus areas"), ["Maths", "Te reo Māori"], None) == {
        "label": "Focus areas",
        "from": "Maths, Te reo Māori",
        "to": "",
    }


def test_only_the_fields_that_changed_are_kept():
    labels = {"name": "Name", "vision": "Shared vision"}
    before = {"name": "Kōwhai readers", "vision": "Every child reads"}
    after = {"name": "Kōwhai readers", "vision": "Every child reads and writes"}
    assert activity.field_changes(before, after, labels) == {
        "vision": activity.change("Shared vision", before["vision"], after["vision"])
    }


def test_every_app_declares_its_codes_and_core_finds_them_at_start_up():
    # A fresh process that imports no service still knows every app's codes.
    script = (
        "import django; django.setup()\n"
        "from kahui.core import activity\n"
        "print(sorted({code.value.split('.')[0] for code in activity.registered()}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kahui.settings"}
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == str(
        [
            "coaching",
            "discussion",
            "focus_area",
            "formation",
            "group",
            "health",
            "inquiry",
            "library",
            "meeting",
            "org",
            "oversight",
            "poll",
            "programme",
            "proposal",
            "recognition",
            "reflection",
            "retrospective",
            "rights",
            "roster",
            "voice",
            "webhook",
        ]
    )


def test_a_code_is_declared_once():
    class Again(activity.ActivityCode):
        CREATED = "group.created", "started again"

    with pytest.raises(ValueError, match="declared twice"):
        activity.register(Again)


@pytest.mark.django_db
def test_only_declared_codes_are_recorded(world):
    with pytest.raises(ValueError, match="Unknown activity action"):
        activity.record(actor=world.facilitator, action="group.created", group=world.group)
    entry = activity.record(
        actor=world.facilitator, action=GroupActivity.CREATED, group=world.group
    )
    entry.refresh_from_db()
    assert entry.action == "group.created"  # the stored value is the plain code


@pytest.mark.django_db
def test_each_entry_reads_as_its_codes_sentence(world):
    moved = group_services.group_set_stage(group=world.group, by=world.facilitator)
    entries = ActivityEntry.objects.filter(group=moved).order_by("id")
    stage = Stage(moved.stage).label
    assert [sentence for _entry, sentence in activity.describe_all(entries)][-1] == (
        f"moved the group on to {stage}"
    )
    forgotten = ActivityEntry(action="group.renamed_long_ago")
    assert activity.describe(forgotten) == "group.renamed_long_ago"
    minutes = ActivityEntry(action=MeetingActivity.MINUTES_SAVED.value)
    assert activity.describe(minutes) == "saved the minutes"
