"""GET requests never write: every page of Kāhui only reads, and what pages used to
make on first sight (the built-in protocols, calendar addresses, a profile) is made
by a migration or a POST instead."""

import re

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kahui.accounts.models import Profile, User
from kahui.meetings.models import AgendaTemplate, AgendaTemplateStep, CalendarFeed
from kahui.meetings.protocols import PROTOCOLS
from tests.test_permissions import MATRIX, PERSONAS, _args, fixtures  # noqa: F401

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
# Opening a thread marks it read for the reader: their own row, which is what reading
# the thread means (the unread markers), not shared content; so does opening a coaching
# page (what the other of the pair wrote since is new).
READ_MARKERS = {"discussions_threadread", "coaching_pairread"}
# The REST API counts each caller's requests for its rate limit in the database.
RATE_COUNTERS = {"api_apiratewindow"}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_no_page_writes_when_it_is_read(client, world, fixtures, persona):  # noqa: F811
    client.force_login(getattr(world, persona))
    writes = {}
    for name, (method, _answers) in sorted(MATRIX.items()):
        if method != "get":
            continue
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(name, args=_args(world, fixtures)[name]))
        tables = {
            match[1]
            for query in queries.captured_queries
            if (match := WRITE.match(query["sql"])) and match[1] not in READ_MARKERS
        }
        if name.startswith("api-v1:"):
            tables -= RATE_COUNTERS
        if tables:
            writes[name] = sorted(tables)
    assert writes == {}


def _builtins() -> dict[str, list[tuple]]:
    return {
        template.key: list(template.steps.values_list("kind", "title", "minutes", "guidance"))
        for template in AgendaTemplate.objects.filter(group=None)
    }


def _table() -> dict[str, list[tuple]]:
    return {spec["key"]: spec["steps"] for spec in PROTOCOLS}


@pytest.mark.django_db
def test_the_built_in_protocols_are_there_from_the_migrations(client, world):
    assert _builtins() == _table()
    AgendaTemplate.objects.filter(group=None).delete()
    client.force_login(world.facilitator)
    for name in ("meetings:templates", "meetings:schedule"):
        assert client.get(reverse(name, args=[world.group.public_id])).status_code == 200
    assert not AgendaTemplate.objects.filter(group=None).exists()  # a page never makes them


@pytest.mark.django_db(transaction=True)
def test_the_built_in_protocols_come_back_after_the_database_is_emptied():
    # As a test that needs its own transactions is cleaned up after (ids go on counting,
    # as the search index, a table of its own, expects).
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    assert _builtins() == _table()


@pytest.mark.django_db
def test_every_migrate_brings_the_built_in_protocols_in_line_with_their_table():
    regular = AgendaTemplate.objects.get(group=None, key="regular")
    regular.steps.filter(position=1).update(title="Old check-in", minutes=9)
    regular.name = "Old name"
    regular.save()
    untouched = set(
        AgendaTemplateStep.objects.exclude(template=regular).values_list("pk", flat=True)
    )
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert _builtins() == _table()
    assert AgendaTemplate.objects.get(pk=regular.pk).name == "Regular PLG meeting"
    # protocols that already matched are left as they were
    assert untouched <= set(AgendaTemplateStep.objects.values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("of_group", [False, True])
def test_a_calendar_address_is_made_when_asked_for(client, world, of_group):
    group = world.group if of_group else None
    args = [world.group.public_id] if of_group else []
    url = reverse("meetings:group_calendar" if of_group else "meetings:calendar", args=args)
    client.force_login(world.member)
    page = client.get(url)
    assert page.context["feed"] is None
    assert 'name="address"' in page.content.decode()
    assert not CalendarFeed.objects.filter(user=world.member).exists()
    assert client.post(url, {"address": "yes"})["Location"] == url
    assert client.post(url, {"address": "yes"})["Location"] == url  # asked twice: one address
    feed = CalendarFeed.objects.get(user=world.member, group=group)
    page = client.get(url)
    assert page.context["feed"] == feed
    assert reverse("meetings:feed", args=[feed.token]) in page.content.decode()
    assert 'name="address"' not in page.content.decode()


@pytest.mark.django_db
def test_someone_without_a_profile_gets_one_when_they_save_it(client):
    operator = User.objects.create_user(email="ops@kahui.example", password="x")
    client.force_login(operator)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert 'value="ops"' in page.content.decode()
    assert not Profile.objects.filter(user=operator).exists()
    data = {
        "display_name": "Ops",
        "role": "leader",
        "time_zone": "Pacific/Auckland",
        "language": "en",
    }
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    assert Profile.objects.get(user=operator).display_name == "Ops"
