"""The API's permission matrix: every operation, called with a token of every persona
(tests/test_permissions.py's), answers as the pages do: the same access modules decide."""

import pytest

from kahui.api import services
from kahui.api.models import TokenScope
from kahui.discussions import services as discussion_services
from kahui.library import services as library_services
from kahui.library.models import Visibility
from tests.api.conftest import (
    bearer,
    make_activity,
    make_certificate,
    make_cycle,
    make_poll,
    make_published_check,
)
from tests.conftest import make_meeting
from tests.test_permissions import PERSONAS

ANYONE = (401, 200, 200, 200, 200, 200, 200)
ORG_MEMBER = (401, 404, 200, 200, 200, 404, 200)
DISCOVER = (401, 404, 200, 200, 200, 200, 200)
OVERSEE = (401, 404, 403, 200, 200, 200, 200)
# members (and supporters, none of these personas): overseers see no group's work
MEMBER = (401, 404, 403, 200, 200, 403, 403)
MEMBER_POST = (401, 404, 403, 201, 201, 403, 403)
MEMBER_FORM = (401, 404, 403, 400, 400, 403, 403)
# the member's own learning record: nobody else is told it exists
OWN = (401, 404, 404, 200, 404, 404, 404)

OPERATIONS = {
    "my organisations": ("get", "/organisations/", ANYONE),
    "an organisation": ("get", "/organisations/{school}", ORG_MEMBER),
    "another school": ("get", "/organisations/{other}", (401, 200, 404, 404, 404, 404, 404)),
    "my groups": ("get", "/groups/", ANYONE),
    "a group": ("get", "/groups/{g}", DISCOVER),
    "its members": ("get", "/groups/{g}/members", OVERSEE),
    "its meetings": ("get", "/groups/{g}/meetings", MEMBER),
    "a meeting": ("get", "/groups/{g}/meetings/{m}", MEMBER),
    "its threads": ("get", "/groups/{g}/threads", MEMBER),
    "a thread's posts": ("get", "/groups/{g}/threads/{t}/posts", MEMBER),
    "a reply": ("post", "/groups/{g}/threads/{t}/posts", MEMBER_POST),
    # posted as a form: the thread is checked first, so only those who may reply learn
    # that the body must be JSON
    "a reply as a form": ("form", "/groups/{g}/threads/{t}/posts", MEMBER_FORM),
    "my learning record": ("get", "/me/learning-record", ANYONE),
    "its polls": ("get", "/groups/{g}/polls", MEMBER),
    "a poll": ("get", "/groups/{g}/polls/{p}", MEMBER),
    "its library": ("get", "/groups/{g}/resources", MEMBER),
    # kept to its group: whoever may not see it is not told it exists
    "a resource": ("get", "/groups/{g}/resources/{r}", (401, 404, 404, 200, 200, 404, 404)),
    "a published resource": ("get", "/groups/{g}/resources/{o}", ORG_MEMBER),
    # the inquiry's readers (members and supporters), as its pages
    "its inquiry cycles": ("get", "/groups/{g}/inquiry/cycles", MEMBER),
    "an inquiry cycle": ("get", "/groups/{g}/inquiry/cycles/{c}", MEMBER),
    # the health overview's readers: members, supporters and overseers
    "its health checks": ("get", "/groups/{g}/health-checks", OVERSEE),
    "a health check": ("get", "/groups/{g}/health-checks/{h}", OVERSEE),
    "my learning activities": ("get", "/me/learning-activities", ANYONE),
    "a learning activity": ("get", "/me/learning-activities/{a}", OWN),
    "my certificates": ("get", "/me/certificates", ANYONE),
    # a facilitator of its group confirms it on its page, but it is not theirs
    "a certificate": ("get", "/me/certificates/{k}", OWN),
}


@pytest.fixture
def places(world) -> dict:
    thread = discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="question", title="How?", body="Ideas?"
    )
    kept = library_services.resource_add(
        group=world.group, by=world.facilitator, kind="link", title="Plan", url="https://a.example/"
    )
    published = library_services.resource_add(
        group=world.group,
        by=world.facilitator,
        kind="link",
        title="For the school",
        url="https://b.example/",
        visibility=Visibility.ORGANISATION,
    )
    return {
        "p": make_poll(world).public_id,
        "r": kept.public_id,
        "o": published.public_id,
        "school": world.school.slug,
        "other": world.other_school.slug,
        "g": world.group.public_id,
        "m": make_meeting(world).public_id,
        "t": thread.public_id,
        "c": make_cycle(world).public_id,
        "h": make_published_check(world).public_id,
        "a": make_activity(world).public_id,
        "k": make_certificate(world).public_id,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_api_permission_matrix(client, world, places, operation, persona):
    method, path, answers = OPERATIONS[operation]
    expected = answers[PERSONAS.index(persona)]
    headers = {}
    if persona != "anonymous":
        _token, secret = services.token_create(
            user=getattr(world, persona), name="Matrix", scope=TokenScope.WRITE
        )
        headers = bearer(secret)
    url = "/api/v1" + path.format(**places)
    if method == "post":
        response = client.post(url, {"body": "A reply"}, "application/json", **headers)
    elif method == "form":
        response = client.post(url, {"body": "A reply"}, **headers)
    else:
        response = client.get(url, **headers)
    assert response.status_code == expected, (
        f"{persona} {method.upper()} {url}: {response.content[:200]}"
    )
    if expected >= 400:
        assert response.json()["error"]["code"]
