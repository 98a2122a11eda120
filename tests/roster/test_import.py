"""Roster import and export: reading (encodings, separators, XLSX), bad rows with
reasons, the preview and the job's result, re-runs, the round trip and the pages."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from kahui.core.activity import ActivityEntry
from kahui.core.errors import KahuiError
from kahui.core.tabular import read_table, write_xlsx
from kahui.notifications.models import Dispatch
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole
from kahui.roster.jobs import import_execute
from kahui.roster.models import ImportStatus
from kahui.roster.reading import COLUMNS
from kahui.roster.services import (
    roster_csv,
    roster_import_confirm,
    roster_preview,
    roster_xlsx,
)

HEADER = ",".join(COLUMNS)


def preview(world, text: str | bytes, name: str = "roster.csv"):
    data = text.encode() if isinstance(text, str) else text
    return roster_preview(org=world.school, by=world.admin, data=data, file_name=name)


def run(world, roster_import, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        roster_import_confirm(roster_import=roster_import, by=world.admin)
    roster_import.refresh_from_db()
    return roster_import


def bad(roster_import) -> dict[int, str]:
    return {b["row"]: b["reason"] for b in roster_import.bad_rows}


def test_reads_bom_windows_1252_and_semicolons(world):
    text = (
        "name;email;school;role;subjects;year levels;interests\r\n"
        "Rēwi Pō;new@x.example;;;english;;\r\n"
    )
    from_bom = read_table(("\ufeff" + text).encode("utf-8"))
    assert from_bom.header == COLUMNS
    assert from_bom.rows == ((2, ("Rēwi Pō", "new@x.example", "", "", "english", "", "")),)
    latin = "name;email;school;role;subjects;year levels;interests\nZoë Müller;z@x.example;;;;;\n"
    assert read_table(latin.encode("cp1252")).rows[0][1][0] == "Zoë Müller"
    planned = preview(world, latin.encode("cp1252"))
    assert planned.lines[0]["name"] == "Zoë Müller"
    assert planned.bad_rows == []
    quoted = HEADER + '\n"Smith, Jo",jo@x.example,,,"english;science",,"a;b"\n'
    assert read_table(quoted.encode()).rows[0][1][:1] == ("Smith, Jo",)


def test_bad_rows_have_numbers_and_reasons(world):
    text = "\n".join(
        [
            HEADER,
            "A,a@x.example,,,,,",
            ",,,,,,",  # blank: skipped, no row
            "B,a@x.example,,,,,",
            "C,not-an-email,,,,,",
            "D,d@x.example,Nowhere High,,,,",
            "E,e@x.example,,headmaster,,,",
            "F,f@x.example,,,underwater basket weaving,,",
            "G,g@x.example,,,,year 14,",
            "H,,,,,,",
        ]
    )
    roster_import = preview(world, text)
    reasons = bad(roster_import)
    assert set(reasons) == {4, 5, 6, 7, 8, 9, 10}
    assert "already in row 2" in reasons[4]
    assert "not an email address" in reasons[5]
    assert "Nowhere High" in reasons[6]
    assert "headmaster" in reasons[7]
    assert "underwater basket weaving" in reasons[8]
    assert "year 14" in reasons[9]
    assert "missing" in reasons[10]
    assert roster_import.planned == {"create": 1, "update": 0, "unchanged": 0, "bad": 7}
    assert not OrgInvite.objects.filter(email="a@x.example").exists()  # nothing written yet


def test_a_wrong_header_or_a_big_file_is_refused(world):
    with pytest.raises(KahuiError, match="missing: email"):
        preview(world, "name,school,role,subjects,year levels,interests\nA,,,,,\n")
    with pytest.raises(KahuiError, match="larger than 2 MB"):
        preview(world, HEADER + "\n" + "x" * 2_100_000)


def test_preview_then_import_equals_the_preview_and_a_rerun_changes_nothing(
    world, django_capture_on_commit_callbacks
):
    text = "\n".join(
        [
            HEADER,
            # the member: new name, subjects, year levels and interests; made coordinator
            "Mere M,ME@kowhai.example,kōwhai primary,coordinator,"
            "english;Science,y4-6,Reading;Te reo",
            # the colleague as they are
            ",col@kowhai.example,,member,,,",
            # new people
            "Nui,nui@x.example,,,,,",
            "Pita,pita@x.example,,coordinator,,,",
            # the importer's own role: refused
            ",ad@kowhai.example,,member,,,",
        ]
    )
    roster_import = preview(world, text)
    assert roster_import.planned == {"create": 2, "update": 1, "unchanged": 1, "bad": 1}
    assert "This is you" in bad(roster_import)[6]
    mail.outbox.clear()
    roster_import = run(world, roster_import, django_capture_on_commit_callbacks)
    assert roster_import.status == ImportStatus.DONE
    assert {k: roster_import.result[k] for k in ("create", "update", "unchanged")} == {
        k: roster_import.planned[k] for k in ("create", "update", "unchanged")
    }
    assert roster_import.result["failed"] == 0
    membership = OrgMembership.objects.get(organisation=world.school, user=world.member)
    assert membership.role == OrgRole.COORDINATOR
    profile = world.member.profile
    profile.refresh_from_db()
    assert profile.display_name == "Mere M"
    assert profile.organisation == world.school
    assert sorted(profile.subjects) == ["english", "science"]
    assert profile.year_levels == ["y4-6"]
    assert sorted(a.name for a in profile.interests.all()) == ["Reading", "Te reo"]
    invites = OrgInvite.objects.filter(organisation=world.school).pending()
    assert {(i.email, i.role) for i in invites} == {
        ("nui@x.example", "member"),
        ("pita@x.example", "coordinator"),
    }
    assert Dispatch.objects.filter(email__in=["nui@x.example", "pita@x.example"]).count() == 2
    actions = set(ActivityEntry.objects.values_list("action", flat=True))
    assert {"roster.imported", "org.role_changed", "org.invited"} <= actions

    again = run(world, preview(world, text), django_capture_on_commit_callbacks)
    assert again.planned == {"create": 0, "update": 0, "unchanged": 4, "bad": 1}
    assert again.result["unchanged"] == 4
    assert Dispatch.objects.filter(email__in=["nui@x.example", "pita@x.example"]).count() == 2


def test_the_job_runs_once(world, django_capture_on_commit_callbacks):
    roster_import = run(
        world,
        preview(world, HEADER + "\nNui,nui@x.example,,,,,\n"),
        django_capture_on_commit_callbacks,
    )
    import_execute(import_id=roster_import.pk)  # a second delivery of the task
    assert OrgInvite.objects.filter(email="nui@x.example").count() == 1
    with pytest.raises(KahuiError):
        roster_import_confirm(roster_import=roster_import, by=world.admin)


def test_xlsx_import(world, django_capture_on_commit_callbacks):
    data = write_xlsx(COLUMNS, [["Nui", "nui@x.example", "Kōwhai Primary", "admin", "", "", ""]])
    roster_import = run(
        world, preview(world, data, "roster.xlsx"), django_capture_on_commit_callbacks
    )
    assert roster_import.result["create"] == 1
    assert OrgInvite.objects.get(email="nui@x.example").role == OrgRole.ADMIN


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_imports_back_unchanged(world, file_format):
    profile = world.member.profile
    profile.subjects = ["english", "science"]
    profile.year_levels = ["y4-6"]
    profile.display_name = "=HYPERLINK(1)"
    profile.save()
    from kahui.accounts.services import focus_area_for_name

    profile.interests.set([focus_area_for_name("Reading"), focus_area_for_name("-minus")])
    data = roster_csv(world.school).encode() if file_format == "csv" else roster_xlsx(world.school)
    if file_format == "csv":
        assert "'=HYPERLINK(1)" in data.decode()  # plain text in a spreadsheet
    roster_import = preview(world, data, f"export.{file_format}")
    assert roster_import.bad_rows == []
    assert roster_import.planned == {"create": 0, "update": 0, "unchanged": 4, "bad": 0}


def test_five_thousand_rows(world, settings, django_assert_max_num_queries):
    # The emails are queued, not sent: sending them is the email worker's part.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for n in range(5000):
        writer.writerow([f"Person {n}", f"p{n}@x.example", "", "", "english;science", "y4-6", ""])
    data = ("\ufeff" + out.getvalue()).encode()
    with django_assert_max_num_queries(10):
        roster_import = preview(world, data)
    assert roster_import.planned == {"create": 5000, "update": 0, "unchanged": 0, "bad": 0}
    roster_import_confirm(roster_import=roster_import, by=world.admin)
    import_execute(import_id=roster_import.pk)  # the worker's turn
    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.DONE
    assert roster_import.result["create"] == 5000
    assert roster_import.processed == 5000
    assert OrgInvite.objects.filter(organisation=world.school).count() == 5000
    assert Dispatch.objects.filter(email__startswith="p").count() == 5000


def test_pages(client, world, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    client.force_login(world.admin)
    home = reverse("roster:home", args=[world.school.slug])
    assert "name, email, school, role, subjects, year levels, interests" in client.get(home).text
    detail = client.get(reverse("orgs:detail", args=[world.school.slug])).text
    assert home in detail
    rows = "\n".join([HEADER] + [f"P{n},p{n}@x.example,,,,," for n in range(300)] + ["X,bad,,,,,"])
    upload = io.BytesIO(rows.encode())
    upload.name = "staff.csv"
    answer = client.post(home, {"file": upload})
    assert answer.status_code == 302
    page_url = answer["Location"]
    with django_assert_max_num_queries(8):
        page = client.get(page_url)
    assert "Row" in page.text
    assert "bad is not an email address" in page.text
    assert 'data-testid="planned-create">300<' in page.text
    confirm = page_url + "confirm/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm).status_code == 302
    with django_assert_max_num_queries(8):
        page = client.get(page_url)
    assert 'data-testid="result-create">300<' in page.text
    assert client.post(confirm).status_code == 302  # a second confirm: a message, no second run
    assert OrgInvite.objects.filter(organisation=world.school).count() == 300
    history = client.get(reverse("orgs:history", args=[world.school.slug])).text
    assert "imported a roster" in history
    assert "staff.csv" in history
    big = io.BytesIO(b"x" * 2_100_000)
    big.name = "big.csv"
    refused = client.post(home, {"file": big})
    assert refused.status_code == 400
    assert "larger than 2 MB" in refused.text


def test_progress_fragment_while_running(client, world):
    roster_import = preview(world, HEADER + "\nNui,nui@x.example,,,,,\n")
    roster_import.status = ImportStatus.RUNNING
    roster_import.save()
    client.force_login(world.admin)
    url = reverse("roster:import", args=[world.school.slug, roster_import.public_id])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert 'id="roster-progress"' in fragment.text
    assert "<html" not in fragment.text
    assert 'href="' + url + '"' in fragment.text  # the plain link, without JavaScript


def test_only_admins(client, world):
    roster_import = preview(world, HEADER + "\nNui,nui@x.example,,,,,\n")
    url = reverse("roster:import", args=[world.school.slug, roster_import.public_id])
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    assert client.post(reverse("roster:export_csv", args=[world.school.slug])).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    other = reverse("roster:import", args=[world.other_school.slug, roster_import.public_id])
    assert client.get(other).status_code == 404  # an admin elsewhere: not through their org
