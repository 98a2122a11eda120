"""People a roster import invites (no account, or not yet members) join with the
school, subjects, year levels and interests of their row; previews nobody confirmed
are forgotten by a periodic job."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

from kahui.accounts.models import User
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.notifications.scheduler import TickReport
from kahui.orgs import services as org_services
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole
from kahui.roster.jobs import PREVIEW_KEPT, previews_prune
from kahui.roster.models import ImportStatus, InviteeDetails, RosterImport
from tests.conftest import PASSWORD, make_user
from tests.roster.test_import import HEADER, preview, run


def test_an_invitee_signs_up_through_the_invitation_with_the_rows_profile(
    client, world, django_capture_on_commit_callbacks
):
    text = (
        HEADER + "\nNui Ngata,Nui@X.example,kōwhai primary,coordinator,"
        "english;Science,y4-6;y7-8,Reading;Whānau hui\n"
    )
    mail.outbox.clear()
    roster_import = run(world, preview(world, text), django_capture_on_commit_callbacks)
    assert roster_import.result["create"] == 1
    invite = OrgInvite.objects.get(email="nui@x.example")
    assert InviteeDetails.objects.get(invite=invite).subjects == ["english", "science"]
    # the invitation email carries the link
    [invitation] = [m for m in mail.outbox if m.to == ["nui@x.example"]]
    accept = reverse("orgs:invite", args=[invite.token])
    assert accept in invitation.body
    # no account yet: the link asks to sign in first; they sign up instead
    assert client.get(accept)["Location"].startswith(reverse("account_login"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup") + f"?next={accept}",
            {
                "display_name": "Nui",
                "email": "nui@x.example",
                "role": "teacher",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    confirm = next(
        line for line in mail.outbox[-1].body.splitlines() if "/accounts/confirm-email/" in line
    )
    client.post(urlsplit(confirm.strip()).path)
    user = User.objects.get(email="nui@x.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Accept" in client.get(accept).text
    response = client.post(accept)
    assert response["Location"] == reverse("orgs:detail", args=[world.school.slug])

    membership = OrgMembership.objects.get(organisation=world.school, user=user)
    assert membership.role == OrgRole.COORDINATOR  # the invitation's role
    profile = user.profile
    profile.refresh_from_db()
    assert profile.display_name == "Nui"  # the name they chose, not the file's
    assert profile.organisation == world.school  # the school column
    assert sorted(profile.subjects) == ["english", "science"]
    assert sorted(profile.year_levels) == ["y4-6", "y7-8"]
    assert sorted(a.name for a in profile.interests.all()) == ["Reading", "Whānau hui"]
    assert FocusArea.objects.get(name="Whānau hui").status == FocusAreaStatus.PROPOSED
    assert not InviteeDetails.objects.exists()  # used, then forgotten
    # importing the same file again finds them as the file says, but for their name
    again = preview(world, text)
    assert [line["changes"] for line in again.lines] == [["name"]]


def test_blank_cells_leave_an_existing_accounts_profile_as_it_is(
    world, django_capture_on_commit_callbacks
):
    person = make_user("hemi@x.example", "Hemi")
    person.profile.year_levels = ["y9-10"]
    person.profile.save()
    run(
        world,
        preview(world, HEADER + "\n,hemi@x.example,,,mathematics,,\n"),
        django_capture_on_commit_callbacks,
    )
    invite = OrgInvite.objects.get(email="hemi@x.example")
    org_services.org_invite_accept(invite=invite, user=person)
    person.profile.refresh_from_db()
    assert person.profile.subjects == ["mathematics"]
    assert person.profile.year_levels == ["y9-10"]
    assert person.profile.organisation is None


def test_a_row_with_nothing_to_apply_keeps_nothing(world, django_capture_on_commit_callbacks):
    run(
        world,
        preview(world, HEADER + "\nNui,nui@x.example,,admin,,,\n"),
        django_capture_on_commit_callbacks,
    )
    assert OrgInvite.objects.filter(email="nui@x.example", role=OrgRole.ADMIN).exists()
    assert not InviteeDetails.objects.exists()


def test_an_invitation_without_roster_details_joins_as_before(world):
    person = make_user("hemi@x.example", "Hemi")
    [invite] = org_services.org_invite(org=world.school, by=world.admin, emails=[person.email])
    org_services.org_invite_accept(invite=invite, user=person)
    person.profile.refresh_from_db()
    assert person.profile.subjects == []
    assert OrgMembership.objects.filter(organisation=world.school, user=person).exists()


def test_unconfirmed_previews_are_forgotten_after_a_week(world, django_capture_on_commit_callbacks):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    old = preview(world, HEADER + "\nA,a@x.example,,,,,\n")
    fresh = preview(world, HEADER + "\nB,b@x.example,,,,,\n")
    done = run(
        world,
        preview(world, HEADER + "\nC,c@x.example,,,english,,\n"),
        django_capture_on_commit_callbacks,
    )
    ages = {old: PREVIEW_KEPT + timedelta(minutes=1), fresh: PREVIEW_KEPT, done: timedelta(days=30)}
    for roster_import, age in ages.items():
        RosterImport.objects.filter(pk=roster_import.pk).update(created_at=now - age)
    # the details of an invitation withdrawn since go too
    org_services.org_invite_revoke(
        invite=OrgInvite.objects.get(email="c@x.example"), by=world.admin
    )
    assert InviteeDetails.objects.count() == 1
    report = TickReport()
    previews_prune(now, report)
    assert set(RosterImport.objects.values_list("pk", flat=True)) == {fresh.pk, done.pk}
    assert RosterImport.objects.get(pk=done.pk).status == ImportStatus.DONE
    assert not InviteeDetails.objects.exists()
    assert report.done["roster previews removed"] == 1
    assert report.done["roster invitee details removed"] == 1
