import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kahui.__main__ import main
from kahui.formation.csvio import COLUMNS, write_cohort
from kahui.formation.engine import Person, parse_windows
from tests.formation.factories import cohort_rows


def _cohort_file(tmp_path, count=12):
    people = [
        Person(
            id=row["id"],
            name=row["name"],
            school=row["school"],
            role=row["role"],
            facilitator=row["facilitator"],
            interests=frozenset(row["interests"]),
            free=parse_windows(row["availability"]),
        )
        for row in cohort_rows(count)
    ]
    path = tmp_path / "cohort.csv"
    path.write_text(write_cohort(people, {}), encoding="utf-8")
    return path


def test_writes_each_person_s_group_and_reports_q(tmp_path, capsys):
    out = tmp_path / "groups.csv"
    call_command(
        "form_groups",
        str(_cohort_file(tmp_path)),
        "--size",
        "6-6",
        "--time",
        "0.3",
        "--out",
        str(out),
    )
    lines = out.read_text().splitlines()
    assert lines[0] == "id,group"
    groups = {}
    for line in lines[1:]:
        pid, group = line.split(",")
        groups.setdefault(group, []).append(pid)
    assert sorted(len(members) for members in groups.values()) == [6, 6]
    printed = capsys.readouterr().out
    assert "Q " in printed
    assert "bound" in printed
    assert "schools" in printed
    assert "group 1:" in printed


def test_cannot_form_exits_non_zero_with_the_reasons_on_stderr(tmp_path, capsys):
    argv = ["kahui", "form-groups", str(_cohort_file(tmp_path, 13)), "--size", "6-6"]
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--time", "0.3"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "13 people cannot be split into groups of 6 to 6" in err


def test_a_bad_file_lists_its_rows(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(COLUMNS) + "\na,A,S,t,,,,Mon 9-8,,\n")
    with pytest.raises(CommandError):
        call_command("form_groups", str(path))
    assert "row 2, availability" in capsys.readouterr().err
