"""The activity log's building blocks: how a change reads on a history page."""

from django.utils.translation import gettext_lazy

from kahui.core import activity


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
