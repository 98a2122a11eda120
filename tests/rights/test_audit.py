from django.urls import reverse

from kahui.groups import services as groups
from kahui.orgs import services as orgs
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.rights import exporting
from kahui.rights.models import DataExport
from tests.rights.helpers import member_with_data


def _audit(client, world, **query):
    client.force_login(world.admin)
    return client.get(reverse("rights:audit", args=[world.school.slug]), query)


def test_admins_read_exports_and_role_changes_newest_first(
    world, client, django_assert_max_num_queries
):
    member_with_data(world)
    exporting.export_request(user=world.member)
    membership = world.group.memberships.get(user=world.member)
    groups.membership_set_role(membership=membership, by=world.facilitator, role="facilitator")
    orgs.org_member_set_role(
        membership=OrgMembership.objects.get(organisation=world.school, user=world.colleague),
        by=world.admin,
        role=OrgRole.COORDINATOR,
    )
    for _ in range(30):  # enough for a second page
        DataExport.objects.all().delete()
        exporting.export_request(user=world.member)

    client.force_login(world.admin)
    url = reverse("rights:audit", args=[world.school.slug])
    client.get(url)  # the session settles on the first request
    with django_assert_max_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "asked for an export of their data" in html
    assert 'rel="next"' in html
    # nothing of what the member wrote
    assert "Zebrawords" not in html
    assert "Kiwicontribution" not in html

    roles = _audit(client, world, kind="roles").content.decode()
    assert "changed a member&#x27;s organisation role" in roles or "organisation role" in roles
    assert "changed a member" in roles
    assert "asked for an export" not in roles


def test_the_audit_log_is_for_admins_of_the_organisation(world, client):
    url = reverse("rights:audit", args=[world.school.slug])
    client.force_login(world.member)
    assert client.get(url).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.admin)
    page = client.get(reverse("orgs:detail", args=[world.school.slug])).content.decode()
    assert url in page
