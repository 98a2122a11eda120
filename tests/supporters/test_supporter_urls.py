"""The URL table read for supporters: every page whose door says ``Need.SUPPORT`` opens
for a group's supporter, every member-only page answers 403, and before they accept or
after they are let go nothing of the group opens (404: the RTLB is in none of the
group's organisations, so may not even know it exists)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kahui.groups.access import Need
from kahui.groups.models import GroupSupporter
from kahui.orgs.models import OrgMembership
from tests.test_group_view import ROUTES
from tests.test_permissions import MATRIX, _args, fixtures  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# What a group's supporter sees and does, as decided (kahui/groups/README.md): the
# charter, meetings (with their agenda and the shared timer they watch, minutes once
# the meeting is over, decisions, actions, attendance), the inquiry (cycles, stage
# records, evidence, data and their analysis), shared work; they add resources, comment
# on a stage and say whether they come to a meeting. Files of evidence, exports of the
# minutes' history and everything else stay the members'.
SUPPORT_PAGES = {
    "meetings:list",
    "meetings:detail",
    "meetings:clock",
    "meetings:ics",
    "meetings:supporter_rsvp",
    "inquiry:home",
    "inquiry:cycle",
    "inquiry:record",
    "inquiry:record_history",
    "inquiry:record_comment",
    "inquiry:summary",
    "inquiry:summary_pdf",
    "inquiry:evidence",
    "inquiry:data_set",
    "inquiry:data_csv",
    "inquiry:expected_levels",
    "inquiry:analysis",
    "inquiry:analysis_csv",
    "library:group",
    "library:add",
    "library:products",
}
# Pages a supporter opens whose answer is not a plain 200 (GET) or 302 (POST).
SUPPORTER_ANSWERS = {
    "inquiry:record_comment": 400,  # posted empty: the form says what is missing
    "inquiry:summary_pdf": 200,  # a short summary's PDF comes at once
}


def _needing(need: Need) -> list[str]:
    return sorted(name for name, route, view in ROUTES if getattr(view, "group_need", None) == need)


def _answer(client, world, fixtures, name):  # noqa: F811
    method, _answers = MATRIX[name]
    url = reverse(name, args=_args(world, fixtures)[name])
    return method, url, getattr(client, method)(url)


@pytest.fixture
def supporter(fixtures):  # noqa: F811
    support = fixtures["supporter"]
    support.accepted_at = timezone.now()
    support.save()
    return support


def test_the_support_pages_are_the_ones_decided():
    assert set(_needing(Need.SUPPORT)) == SUPPORT_PAGES


@pytest.mark.parametrize("name", sorted(SUPPORT_PAGES))
def test_a_supporter_opens_every_support_page(client, world, fixtures, supporter, name):  # noqa: F811
    client.force_login(supporter.user)
    method, url, response = _answer(client, world, fixtures, name)
    expected = SUPPORTER_ANSWERS.get(name, 200 if method == "get" else 302)
    assert response.status_code == expected, f"{method.upper()} {url}"


def test_a_supporter_gets_403_from_every_member_page(client, world, fixtures, supporter):  # noqa: F811
    client.force_login(supporter.user)
    wrong = []
    for name in _needing(Need.MEMBER) + _needing(Need.FACILITATE):
        method, url, response = _answer(client, world, fixtures, name)
        if response.status_code != 403:
            wrong.append(f"{method.upper()} {url}: {response.status_code}")
    assert not wrong


def test_a_supporter_sees_what_overseers_see(client, world, fixtures, supporter):  # noqa: F811
    client.force_login(supporter.user)
    for name in [*_needing(Need.OVERSEE), "groups:home"]:
        _method, url, response = _answer(client, world, fixtures, name)
        assert response.status_code == 200, url


@pytest.mark.parametrize("when", ["invited", "let go", "declined"])
def test_before_accepting_or_after_leaving_nothing_of_the_group_opens(
    client,
    world,
    fixtures,  # noqa: F811
    when,
):
    support: GroupSupporter = fixtures["supporter"]
    if when == "let go":
        support.accepted_at = timezone.now()
    if when != "invited":
        support.revoked_at = timezone.now()
    support.save()
    client.force_login(support.user)
    wrong = []
    for name in [*sorted(SUPPORT_PAGES), *_needing(Need.OVERSEE), "groups:home"]:
        method, url, response = _answer(client, world, fixtures, name)
        if response.status_code != 404:
            wrong.append(f"{method.upper()} {url}: {response.status_code}")
    assert not wrong


def test_a_colleague_let_go_still_finds_the_group_but_opens_none_of_its_work(
    client,
    world,
    fixtures,  # noqa: F811
):
    # An RTLB working in the school finds its request-to-join group in Explore: once let
    # go, its pages say 403 rather than 404.
    support: GroupSupporter = fixtures["supporter"]
    OrgMembership.objects.create(organisation=world.school, user=support.user)
    support.accepted_at = support.revoked_at = timezone.now()
    support.save()
    client.force_login(support.user)
    for name in sorted(SUPPORT_PAGES):
        method, url, response = _answer(client, world, fixtures, name)
        assert response.status_code == 403, f"{method.upper()} {url}"
