"""Partner organisations share a group: the facilitator adds them on the group's
structure page (their own organisations, or other schools of the group's cluster), the
group page names them, and each partner's coordinators (and its cluster's) oversee the
group. An unrelated coordinator does not."""

import pytest
from django.urls import reverse

from kahui.core.errors import NotAllowed
from kahui.groups import services
from kahui.orgs.models import OrgKind, OrgMembership, OrgRole
from tests.conftest import make_org, make_user
from tests.test_groups import _as_shown

pytestmark = pytest.mark.django_db

OVERSEE_PAGES = ["groups:home", "groups:members", "groups:history", "health:overview"]


def _edit_partners(client, world, partners):
    url = reverse("groups:edit", args=[world.group.public_id, "structure"])
    client.force_login(world.facilitator)
    data = _as_shown(client.get(url).context["form"])
    data["partners"] = [str(org.pk) for org in partners]
    return client.post(url, {**data, "version": world.group.version})


def _coordinator(email, organisation):
    user = make_user(email, email.split("@")[0].title())
    OrgMembership.objects.create(organisation=organisation, user=user, role=OrgRole.COORDINATOR)
    return user


def _sees(client, user, world) -> list[int]:
    client.force_login(user)
    return [
        client.get(reverse(name, args=[world.group.public_id])).status_code
        for name in OVERSEE_PAGES
    ]


def test_a_cluster_sibling_becomes_a_partner_and_its_coordinator_oversees(client, world):
    sibling = make_org("Rātā School", parent=world.cluster)
    rata_coordinator = _coordinator("co@rata.example", sibling)
    assert _sees(client, rata_coordinator, world) == [404, 404, 404, 404]

    response = _edit_partners(client, world, [sibling])
    assert response.status_code == 302
    assert list(world.group.partners.all()) == [sibling]
    home = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    assert "Partner organisations" in home
    assert "Rātā School" in home
    history = client.get(reverse("groups:history", args=[world.group.public_id])).content
    assert "Rātā School" in history.decode()

    assert _sees(client, rata_coordinator, world) == [200, 200, 200, 200]
    # The overview, not the group's private work.
    client.force_login(rata_coordinator)
    assert client.get(reverse("meetings:list", args=[world.group.public_id])).status_code == 403


def test_a_partner_clusters_coordinator_oversees_too(client, world):
    harbour = make_org("Harbour Cluster", OrgKind.CLUSTER)
    bay_school = make_org("Bay School", parent=harbour)
    # The facilitator also works at Bay School, so may make it a partner.
    OrgMembership.objects.create(organisation=bay_school, user=world.facilitator)
    harbour_coordinator = _coordinator("co@harbour.example", harbour)
    assert _edit_partners(client, world, [bay_school]).status_code == 302
    assert _sees(client, harbour_coordinator, world) == [200, 200, 200, 200]


def test_an_unrelated_coordinator_does_not_oversee(client, world):
    sibling = make_org("Rātā School", parent=world.cluster)
    _edit_partners(client, world, [sibling])
    elsewhere = _coordinator("co@elsewhere.example", world.other_school)
    assert _sees(client, elsewhere, world) == [404, 404, 404, 404]


def test_an_organisation_outside_the_rule_is_refused(client, world):
    response = _edit_partners(client, world, [world.other_school])
    assert response.status_code == 200
    form = response.context["form"]
    assert "partners" in form.errors
    assert not world.group.partners.exists()
    # The service holds the rule too.
    with pytest.raises(NotAllowed):
        services.group_update(
            group=world.group, by=world.facilitator, version=None, partners=[world.other_school]
        )
    with pytest.raises(NotAllowed):
        services.group_update(
            group=world.group, by=world.facilitator, version=None, partners=[world.school]
        )
