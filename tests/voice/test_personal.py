import pytest

from kahui.voice.personal import looks_personal


@pytest.mark.parametrize(
    "text",
    [
        "My name is Jack",
        "Ko Hemi tōku ingoa",
        "Ik heet Daan",
        "Mr Smith helps me",
        "Whaea Aroha reads to us",
        "juf Anna helpt mij",
        "I read with Aroha Ngata at lunch",
        "mum@example.nz",
        "ring 021 123 4567",
    ],
)
def test_names_addresses_and_numbers_are_noticed(text):
    assert looks_personal(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "More books about sharks",
        "Quiet time. Reading Recovery helps",
        "He pukapuka hou",
        "Year 4",
    ],
)
def test_ordinary_answers_pass(text):
    assert not looks_personal(text)
