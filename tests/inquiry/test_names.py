import pytest

from kahui.inquiry.names import fold, group_looks_like_a_name, is_name_header, looks_like_a_name


@pytest.mark.parametrize(
    "code",
    ["Aroha Ngata", "Smith, Jack", "Mēri Ngata", "Mary O’Brien", "Aroha", "jack", "SIONE"],
)
def test_names_in_the_code_column_are_noticed(code):
    assert looks_like_a_name(code)


@pytest.mark.parametrize(
    "code", ["A01", "L-1234", "MAX1", "2027-04-117", "Kōwhai", "rm5-03", "", "Y4 Group 2"]
)
def test_codes_are_not_taken_for_names(code):
    assert not looks_like_a_name(code)


@pytest.mark.parametrize(
    ("label", "is_name"),
    [
        ("Aroha Ngata", True),
        ("Sione Tevita", True),
        ("Tūī", False),  # groups are often named after birds …
        ("Kererū", False),
        ("Willow Group", False),  # … or trees, with a word that says it is a group
        ("Room 5", False),
        ("Year 4 Boys", False),
        ("Reading Group Kōwhai", False),
    ],
)
def test_group_labels_look_like_names_only_when_they_read_as_a_full_name(label, is_name):
    assert group_looks_like_a_name(label) is is_name


@pytest.mark.parametrize(
    ("header", "is_names"),
    [
        ("Name", True),
        ("Student name", True),
        ("first-name", True),
        ("SURNAME", True),
        ("Ingoa", True),
        ("Voornaam", True),
        ("Code", False),
        ("Learner code", False),
        ("Group name", False),
    ],
)
def test_name_headers(header, is_names):
    assert is_name_header(header) is is_names


def test_folding_ignores_case_macrons_and_punctuation():
    assert fold("  Ākonga_Code!! ") == "akonga code"
    assert fold("Rōpū") == "ropu"
    assert fold("Year-level") == "year level"
