"""Every destructive action asks first (kahui/core/confirm.py): walked from the URL
conf, each address that removes, deletes, revokes, withdraws, leaves or closes
something shows its question on a GET, a bare POST (a list's button) is sent to the
question, and only the question's answer acts."""

import re

import pytest
from django.urls import reverse

from tests.test_permissions import MATRIX, PERSONAS, _args, fixtures  # noqa: F401

DESTRUCTIVE = re.compile(r"(^|_)(remove|leave|delete|revoke|withdraw|close|reset_code)$")
# Destructive actions that do not end in one of those words.
ALSO_DESTRUCTIVE = {"reflection:feedback_decline"}
# Destructive actions that ask in another way, and why.
ASKED_OTHERWISE = {
    # The facilitator writes the reason for the member on the certificate's page.
    "recognition:certificate_decline",
    # The closing note is written on the proposal's page, beside what closing decides.
    "proposals:close",
    # A closed survey opens again with its button on the same page: nothing is lost.
    "voice:close",
}


# Where the first persona the matrix lets through is not the one who acts: the
# member asked for feedback, the facilitator was asked and may decline.
ACTOR = {"reflection:feedback_decline": "facilitator"}


def _destructive() -> list[str]:
    names = {name for name in MATRIX if DESTRUCTIVE.search(name.split(":")[1])}
    return sorted((names | ALSO_DESTRUCTIVE) - ASKED_OTHERWISE)


def _allowed_persona(name: str) -> str:
    """The first persona the permission matrix lets through to this address."""
    if name in ACTOR:
        return ACTOR[name]
    _method, answers = MATRIX[name]
    for persona, answer in zip(PERSONAS, answers, strict=True):
        if answer in (200, 302, 400):
            return persona
    raise AssertionError(f"Nobody may use {name}")


def test_the_walk_finds_the_destructive_actions():
    found = _destructive()
    for name in ("groups:member_remove", "orgs:term_delete", "library:delete", "groups:leave"):
        assert name in found
    assert not set(ASKED_OTHERWISE) - set(MATRIX), "an exception names an address that is gone"


@pytest.mark.django_db
@pytest.mark.parametrize("name", _destructive())
def test_a_destructive_action_asks_first(client, world, fixtures, name):  # noqa: F811
    client.force_login(getattr(world, _allowed_persona(name)))
    url = reverse(name, args=_args(world, fixtures)[name])

    page = client.get(url)
    assert page.status_code == 200, f"GET {url}: {page.status_code}"
    assert "core/confirm.html" in [t.name for t in page.templates], f"{name} does not ask"
    assert 'name="confirm" value="yes"' in page.content.decode()

    bare = client.post(url)
    assert bare.status_code == 302
    assert bare["Location"] == url, f"a bare POST to {name} acted without asking"
