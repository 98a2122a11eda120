import pytest

from kahui.formation.csvio import COLUMNS, CohortFileError, read_cohort, write_assignment

HEADER = ",".join(COLUMNS)


def test_reads_a_file_with_a_byte_order_mark():
    text = (
        "\ufeff"
        + HEADER
        + "\n"
        + "a1,Ana,Kōwhai,facilitator,y4-6,english,reading;maths,"
        + "Mon 15:30-17:00;Wed 15:00-16:30,b2,\n"
        + "b2,Ben,Tōtara,teacher,y4-6,,reading,Mon 15:00-17:00,,\n"
    )
    cohort = read_cohort(text)
    ana, ben = cohort.people
    assert ana.id == "a1"
    assert ana.facilitator
    assert not ben.facilitator
    assert ana.interests == {"reading", "maths"}
    assert len(ana.free) == 2
    assert cohort.together == {("a1", "b2")}


def test_reads_a_file_separated_by_semicolons_with_quoted_multi_values():
    text = (
        HEADER.replace(",", ";")
        + "\n"
        + 'a1;Ana;Kōwhai;teacher;y4-6;english;"reading;maths";'
        + '"Mon 15:30-17:00;Wed 15:00-16:30";;b2\n'
        + "b2;Ben;Tōtara;teacher;y4-6;;reading;Mon 15:00-17:00;;\n"
    )
    cohort = read_cohort(text)
    assert [p.id for p in cohort.people] == ["a1", "b2"]
    assert cohort.people[0].interests == {"reading", "maths"}
    assert cohort.apart == {("a1", "b2")}


def test_every_bad_row_is_reported_with_its_number():
    text = (
        HEADER
        + "\n"
        + "a1,Ana,K,teacher,,,reading,Mon 15:30-17:00,,\n"
        + ",Nobody,K,teacher,,,,Mon 15:00-16:00,,\n"
        + "a1,Again,K,teacher,,,,Mon 15:00-16:00,,\n"
        + "c3,Cat,K,teacher,,,,Someday 3pm,zz,\n"
        + "d4,Dan,K,teacher\n"
    )
    with pytest.raises(CohortFileError) as raised:
        read_cohort(text)
    found = [(e.row, e.column) for e in raised.value.errors]
    assert found == [(3, "id"), (4, "id"), (5, "availability"), (5, "together_with"), (6, "")]
    assert "zz" in str(raised.value)


def test_a_wrong_header_names_what_is_missing():
    with pytest.raises(CohortFileError, match="missing apart_from"):
        read_cohort(
            "id,name,school,role,year_levels,subjects,interests,availability,together_with\n"
        )


def test_an_empty_file_is_an_error_not_a_crash():
    with pytest.raises(CohortFileError, match="empty"):
        read_cohort("\ufeff")
    with pytest.raises(CohortFileError, match="no people"):
        read_cohort(HEADER + "\n\n")


def test_writes_id_and_group():
    assert write_assignment([("a1", 1), ("b2", 2)]) == "id,group\na1,1\nb2,2\n"
