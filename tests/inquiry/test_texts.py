import pytest

from kahui.inquiry import analysis, charts, importing, models_of_inquiry
from kahui.inquiry.texts import Message, gettext_noop, untranslated
from tests.inquiry.marked import marked_texts, xgettext_msgids


def test_the_marker_returns_its_text():
    assert gettext_noop("Plan together") == "Plan together"
    assert untranslated("Plan together") == "Plan together"


def test_a_message_is_translated_before_its_values_go_in():
    message = Message("Row %(row)s: %(value)s is not a number.", {"row": 7, "value": "abc"})
    assert message.text == "Row 7: abc is not a number."
    assert str(message) == message.text
    seen = []

    def translate(text):
        seen.append(text)
        return "Rij %(row)s: %(value)s is geen getal."

    assert message.render(translate) == "Rij 7: abc is geen getal."
    assert seen == ["Row %(row)s: %(value)s is not a number."]


def test_a_message_without_values_may_hold_a_percent_sign():
    assert Message("At or above 100% of the target").text == "At or above 100% of the target"


def test_a_message_keeps_its_values_from_later_changes():
    params = {"row": 3}
    message = Message("Row %(row)s", params)
    params["row"] = 4
    assert message.text == "Row 3"


@pytest.mark.parametrize(
    "module", [models_of_inquiry, analysis, importing, charts], ids=lambda m: m.__name__
)
def test_make_messages_collects_every_marked_text(module, tmp_path):
    msgids = xgettext_msgids(module, tmp_path)
    if msgids is None:
        pytest.skip("gettext is not installed")
    assert msgids == marked_texts(module)
    assert msgids
