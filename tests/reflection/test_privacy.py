"""The privacy matrix: a journal entry that is not shared, a request for feedback and
its answers reach no one else — not the group's other members or facilitators,
coordinators, administrators or colleagues — on any page of Kāhui, in any export, in
search results or in any email."""

import pytest
from django.core import mail
from django.urls import reverse

from kahui.notifications.models import Category, Dispatch, Preference
from kahui.reflection import services
from kahui.reflection.models import Sharing
from tests.reflection.helpers import past_meeting, second_member
from tests.test_permissions import MATRIX, _args, fixtures  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PRIVATE = "quokkaprivate"  # in an entry its author keeps to themselves
FOR_FACILITATORS = "wombatfacilitators"  # in an entry shared with the facilitators only
ASKED = "kiwiasked"  # in a request for feedback (its asker and the colleague asked)
ANSWERED = "kakapoanswered"  # in that colleague's answer (its asker alone)
SEARCHED = "echidna"  # in all of them: what is searched for (a search page repeats its query)


@pytest.fixture
def secrets(world, fixtures):  # noqa: F811
    peer = second_member(world)
    for person in (world.member, world.facilitator, peer):
        Preference.objects.create(user=person, category=Category.REFLECTION, delivery="immediate")
    meeting = past_meeting(world)
    private = services.entry_write(
        author=world.member,
        group=world.group,
        prompt="learned",
        title=f"Title {PRIVATE} {SEARCHED}",
        body=f"Body {PRIVATE} {SEARCHED}",
        meeting=meeting,
    )
    shared = services.entry_write(
        author=world.member,
        group=world.group,
        prompt="practice",
        title=f"Title {FOR_FACILITATORS} {SEARCHED}",
        body=f"Body {FOR_FACILITATORS} {SEARCHED}",
    )
    services.entry_share(entry=shared, by=world.member, sharing=Sharing.FACILITATORS)
    # shared, then made private again: gone from wherever it showed
    again = services.entry_write(
        author=world.member,
        group=world.group,
        prompt="next",
        title=f"Once shared {PRIVATE} {SEARCHED}",
        body=f"Once shared {PRIVATE}",
    )
    services.entry_share(entry=again, by=world.member, sharing=Sharing.GROUP)
    services.entry_share(entry=again, by=world.member, sharing=Sharing.PRIVATE)
    request = services.feedback_ask(
        asker=world.member,
        group=world.group,
        about="video",
        title="Reading conference",
        text=f"Watch my prompts {ASKED} {SEARCHED}",
        colleagues=[world.facilitator],
    )
    services.feedback_answer(
        answer=request.answers.get(),
        by=world.facilitator,
        worked=f"Warm tone {ANSWERED} {SEARCHED}",
        question="",
        suggestion="",
    )
    services.reflection_ask(meeting=meeting, by=world.facilitator)
    return {"peer": peer, "private": private, "shared": shared, "again": again, "request": request}


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _every_page(client, world, fixtures, extra):  # noqa: F811
    """Every page and export anyone may GET, and the reflection pages of the secrets."""
    args = _args(world, fixtures)
    urls = [
        reverse(name, args=args[name]) for name, (method, _) in MATRIX.items() if method == "get"
    ]
    urls += [
        reverse("reflection:entry", args=[extra["private"].public_id]),
        reverse("reflection:entry", args=[extra["shared"].public_id]),
        reverse("reflection:entry", args=[extra["again"].public_id]),
        reverse("reflection:feedback_request", args=[extra["request"].public_id]),
        reverse("notifications:inbox"),
    ]
    urls += [reverse("search:search") + f"?q={SEARCHED}", reverse("search:search") + "?q=Body"]
    for url in urls:
        yield url, _text(client.get(url))


# who may not read what: every secret but those shared with them
HIDDEN = {
    "peer": {PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED},
    "facilitator": {PRIVATE},  # asked for feedback, and shared with as a facilitator
    "coordinator": {PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED},
    "admin": {PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED},
    "colleague": {PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED},
    "outsider": {PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED},
}


@pytest.mark.parametrize("persona", sorted(HIDDEN))
def test_no_page_export_or_search_shows_what_is_not_theirs(
    client,
    world,
    fixtures,  # noqa: F811
    secrets,
    persona,
):
    person = secrets["peer"] if persona == "peer" else getattr(world, persona)
    client.force_login(person)
    for url, text in _every_page(client, world, fixtures, secrets):
        for secret in HIDDEN[persona]:
            assert secret not in text, f"{persona} read {secret} at {url}"


def test_the_author_reads_their_own_and_the_facilitator_what_was_shared(client, world, secrets):
    client.force_login(world.member)
    own = client.get(reverse("reflection:entry", args=[secrets["private"].public_id]))
    assert PRIVATE in own.content.decode()
    answers = client.get(
        reverse("reflection:feedback_request", args=[secrets["request"].public_id])
    )
    assert ANSWERED in answers.content.decode()
    client.force_login(world.facilitator)
    shared = client.get(reverse("reflection:entry", args=[secrets["shared"].public_id]))
    assert FOR_FACILITATORS in shared.content.decode()


def test_no_email_carries_an_entry_or_what_feedback_says(world, secrets):
    sent = Dispatch.objects.all()
    assert {d.user for d in sent} >= {world.facilitator, world.member, secrets["peer"]}
    for dispatch in sent:
        for secret in (PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED):
            assert secret not in dispatch.subject + dispatch.body + dispatch.html
    for message in mail.outbox:
        for secret in (PRIVATE, FOR_FACILITATORS, ASKED, ANSWERED):
            assert secret not in message.subject + message.body
