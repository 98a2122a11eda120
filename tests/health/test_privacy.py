"""No page, export, search result, log entry or email shows an individual answer to
anyone, or a health check's comments to coordinators and administrators."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kahui.core.models import ActivityEntry, SearchDocument
from kahui.health import services
from kahui.health.models import HealthAnswer, HealthCheck
from kahui.notifications import scheduler
from kahui.notifications.models import Delivery, Dispatch, Notification, Preference
from tests.health.conftest import scores
from tests.test_permissions import MATRIX, PERSONAS, _args, fixtures  # noqa: F401

pytestmark = pytest.mark.django_db

CLOSED_COMMENTS = [f"Closedsecret{n} about trust" for n in range(5)]
OPEN_COMMENT = "Opensecret only I wrote"


@pytest.fixture
def history(world, team, fixtures, django_capture_on_commit_callbacks):  # noqa: F811
    """A closed check with comments, and an open one the member has answered."""
    everyone = [*team]
    with django_capture_on_commit_callbacks(execute=True):
        services.check_close(check=fixtures["health_check"])  # the matrix's open check
        closed = services.check_open(group=world.group, by=world.facilitator)
        for person, comment in zip(everyone, CLOSED_COMMENTS, strict=False):
            services.answer_save(check=closed, by=person, scores=scores(4), comment=comment)
        services.check_close(check=closed)
        current = services.check_open(group=world.group, by=world.facilitator)
        services.answer_save(
            check=current,
            by=world.member,
            scores=scores(1, trust=5, depth=2),
            comment=OPEN_COMMENT,
        )
    return closed, current


def _pages(client, world, fixtures):  # noqa: F811
    args = _args(world, fixtures)
    for name, (method, _answers) in sorted(MATRIX.items()):
        if method == "get":
            yield name, client.get(reverse(name, args=args[name]))
    # Words of the comments, not the markers: the search page repeats its query.
    yield "search", client.get(reverse("search:search"), {"q": "about trust"})
    yield "search", client.get(reverse("search:search"), {"q": "only I wrote"})


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_no_page_shows_an_answer_or_comments_to_those_who_may_not_read_them(
    client,
    world,
    fixtures,  # noqa: F811
    history,
    persona,
):
    person = getattr(world, persona)
    client.force_login(person)
    may_read_comments = persona in ("member", "facilitator")
    shown = set()
    for name, response in _pages(client, world, fixtures):
        html = _text(response)
        # An answer to the open check is nobody's to read, its author's included.
        assert "Opensecret" not in html, (persona, name)
        if any(comment in html for comment in CLOSED_COMMENTS):
            shown.add(name)
    assert shown == ({"health:overview"} if may_read_comments else set()), persona


def test_the_person_who_answered_is_not_shown_their_answer(client, world, history):
    client.force_login(world.member)
    html = client.get(reverse("health:answer", args=[world.group.public_id])).content.decode()
    assert "You have answered this check" in html
    assert "checked" not in html
    assert "Opensecret" not in html


@pytest.mark.clock
def test_nothing_searchable_logged_or_sent_holds_a_comment_or_an_answer(
    world, team, history, django_capture_on_commit_callbacks
):
    # Everyone takes the daily digest of everything, the coordinator included.
    for user in (*team, world.coordinator, world.admin):
        for category in ("health", "digest"):
            Preference.objects.update_or_create(
                user=user, category=category, defaults={"delivery": Delivery.DAILY}
            )
    zone = ZoneInfo("Pacific/Auckland")
    # The next morning digest after the answers were given: today's when it is still
    # to come in Auckland (between midnight and 07:05 there), otherwise tomorrow's.
    morning = datetime.combine(timezone.localdate(timezone=zone), time(7, 5), tzinfo=zone)
    if morning <= timezone.now():
        morning += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick(morning)
    assert any("digest" in m.subject.lower() for m in mail.outbox)
    texts = [m.subject + m.body + "".join(a[0] for a in m.alternatives) for m in mail.outbox]
    texts += [d.subject + d.body + d.html for d in Dispatch.objects.all()]
    texts += [n.title for n in Notification.objects.all()]
    texts += [f"{e.target} {e.changes}" for e in ActivityEntry.objects.all()]
    texts += [f"{d.title} {d.body}" for d in SearchDocument.objects.all()]
    for text in texts:
        assert "Closedsecret" not in text
        assert "Opensecret" not in text


def test_what_is_kept_of_an_answer_and_for_how_long(world, history):
    closed, current = history
    # The closed check kept counts and unattributed comments; no answer is left.
    assert not HealthAnswer.objects.filter(health_check=closed).exists()
    assert closed.comments.count() == 5
    # The open check's answer is kept under a keyed hash, with no time and no person.
    [answer] = HealthAnswer.objects.filter(health_check=current)
    columns = {field.column for field in HealthAnswer._meta.concrete_fields}
    assert columns == {
        "id",
        "health_check_id",
        "respondent",
        "time_access",
        "trust",
        "shared_vision",
        "structure",
        "safety",
        "depth",
        "comment",
    }
    assert answer.respondent != str(world.member.pk)
    services.check_close(check=current)
    assert not HealthAnswer.objects.exists()
    # Too few answered (one): nothing of it is kept at all.
    current = HealthCheck.objects.get(pk=current.pk)
    assert (current.published, current.tallies, current.comments.count()) == (False, {}, 0)
