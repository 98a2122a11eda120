"""What one API request costs: its queries (flat in the data's size), the rate counter
(one statement, shared by every app server) and the token's last-use stamp (written at
most once a minute, and only by one of several servers racing)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kahui.api import services
from kahui.api.auth import Caller
from kahui.api.jobs import rate_windows_forget
from kahui.api.models import ApiRateWindow, ApiToken
from kahui.api.throttling import PerCaller, rate_parse
from kahui.meetings.models import Meeting
from kahui.notifications.scheduler import TickReport
from tests.api.conftest import RATE_CLOCK, bearer

GROUPS = "/api/v1/groups/"
WRITES = ("INSERT", "UPDATE", "DELETE")


def _meetings(world, count: int) -> None:
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            group=world.group,
            title=f"Hui {n}",
            starts_at=now + timedelta(days=n),
            ends_at=now + timedelta(days=n, hours=1),
            time_zone="Pacific/Auckland",
        )
        for n in range(count)
    )


def _queries(client, url: str, secret: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **bearer(secret))
    assert response.status_code == 200, response.content
    return [query["sql"] for query in queries.captured_queries]


# Queries per list request -----------------------------------------------------------


@pytest.mark.django_db
def test_a_meetings_page_costs_four_queries_whatever_the_number_of_meetings(
    client, world, read_secret, django_assert_max_num_queries
):
    url = f"{GROUPS}{world.group.public_id}/meetings"
    _meetings(world, 3)
    services.token_for_secret(read_secret)  # its last use noted: no write in this minute
    # the token with its person, the rate counter, the membership, the page
    with django_assert_max_num_queries(4):
        few = client.get(url, **bearer(read_secret))
    assert len(few.json()["results"]) == 3
    _meetings(world, 120)
    many = _queries(client, url, read_secret)
    assert len(many) == 4
    following = _queries(client, client.get(url, **bearer(read_secret)).json()["next"], read_secret)
    assert len(following) == 4


@pytest.mark.django_db
def test_a_meetings_page_reads_only_what_a_summary_shows(client, world, read_secret):
    _meetings(world, 2)
    Meeting.objects.update(minutes="Long minutes " * 200, materials="Slides " * 200)
    queries = _queries(client, f"{GROUPS}{world.group.public_id}/meetings", read_secret)
    [page] = [sql for sql in queries if "meetings_meeting" in sql and "LIMIT" in sql]
    assert '"minutes"' not in page
    assert '"materials"' not in page
    assert '"title"' in page


@pytest.mark.django_db
def test_my_groups_and_a_groups_members_cost_at_most_four_queries(
    client, world, read_secret, django_assert_max_num_queries
):
    services.token_for_secret(read_secret)
    with django_assert_max_num_queries(3):
        assert client.get(GROUPS, **bearer(read_secret)).status_code == 200
    with django_assert_max_num_queries(4):
        members = client.get(f"{GROUPS}{world.group.public_id}/members", **bearer(read_secret))
    names = {member["person"]["name"] for member in members.json()["results"]}
    assert names == {"Aroha Facilitator", "Mere Member"}


@pytest.mark.django_db
def test_within_a_minute_of_its_last_use_a_read_writes_only_the_rate_counter(
    client, world, read_secret
):
    def written(queries: list[str]) -> list[str]:
        return [sql.split('"')[1] for sql in queries if sql.lstrip().startswith(WRITES)]

    # the first use notes it on the token; the next within the minute only counts
    assert written(_queries(client, GROUPS, read_secret)) == ["api_apitoken", "api_apiratewindow"]
    assert written(_queries(client, GROUPS, read_secret)) == ["api_apiratewindow"]


# The rate counter ---------------------------------------------------------------------


def _request(caller: Caller):
    request = RequestFactory().get(GROUPS)
    request.auth = caller  # type: ignore[attr-defined]
    return request


@pytest.mark.django_db
def test_the_rate_counter_is_one_statement_and_shared_by_every_app_server(world, settings):
    settings.KAHUI_API_RATE = "3/m"
    token, _secret = services.token_create(user=world.member, name="Sheet")
    caller = Caller(user=world.member, token=token)
    server_a, server_b = PerCaller(), PerCaller()
    with CaptureQueriesContext(connection) as queries:
        assert server_a.allow_request(_request(caller))
    assert len(queries) == 1
    assert server_b.allow_request(_request(caller))
    assert server_a.allow_request(_request(caller))
    assert not server_b.allow_request(_request(caller))  # the fourth in the minute
    # 09:30:30 pinned: the minute ends in 30 seconds
    assert server_b.wait() == 30
    assert ApiRateWindow.objects.get(caller=str(token)).requests == 4
    # someone else, and the same person in the browser, count on their own
    assert server_a.allow_request(_request(Caller(user=world.member)))
    assert server_a.allow_request(_request(Caller(user=world.facilitator)))


@pytest.mark.django_db
def test_a_new_window_starts_the_count_again(world, settings, monkeypatch):
    settings.KAHUI_API_RATE = "1/m"
    caller = Caller(user=world.member)
    throttle = PerCaller()
    assert throttle.allow_request(_request(caller))
    assert not throttle.allow_request(_request(caller))
    monkeypatch.setattr(PerCaller, "timer", staticmethod(lambda: RATE_CLOCK + 29.5))
    assert not throttle.allow_request(_request(caller))
    assert throttle.wait() == 1  # half a second left: never "0"
    monkeypatch.setattr(PerCaller, "timer", staticmethod(lambda: RATE_CLOCK + 30))
    assert throttle.allow_request(_request(caller))
    assert not throttle.allow_request(_request(caller))


@pytest.mark.django_db
def test_past_the_rate_the_api_answers_429_until_the_window_ends(
    client, world, settings, read_secret
):
    settings.KAHUI_API_RATE = "2/h"
    for _ in range(2):
        assert client.get(GROUPS, **bearer(read_secret)).status_code == 200
    refused = client.get(GROUPS, **bearer(read_secret))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused["Retry-After"] == str(30 * 60 - 30)  # 09:30:30 → 10:00


def test_rates_are_read_as_requests_per_window():
    assert rate_parse("600/m") == (600, 60)
    assert rate_parse("10000/h") == (10000, 3600)
    assert rate_parse("100/5min") == (100, 300)
    assert rate_parse("5/day") == (5, 86400)
    with pytest.raises(ValueError, match="not a rate"):
        rate_parse("600 a minute")


@pytest.mark.django_db
def test_the_scheduler_forgets_windows_that_have_ended(world):
    now = datetime(2026, 3, 2, 9, 30, 30, tzinfo=UTC)
    minute = int(now.timestamp()) // 60 * 60
    for caller, starts, seconds in [
        ("api-token-1", minute, 60),  # this minute
        ("api-token-1", minute - 60, 60),  # the last one: ended
        ("api-token-2", minute - 3600, 3600),  # an hour's, ended
        ("api-token-3", minute - 60, 3600),  # an hour's, still open
    ]:
        ApiRateWindow.objects.create(caller=caller, starts=starts, seconds=seconds, requests=1)
    report = TickReport()
    rate_windows_forget(now, report)
    assert report.done["rate windows forgotten"] == 2
    assert sorted(ApiRateWindow.objects.values_list("caller", "starts")) == [
        ("api-token-1", minute),
        ("api-token-3", minute - 60),
    ]


# The token's last use -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_token_comes_with_its_person_and_profile_in_one_query(world, read_secret):
    services.token_for_secret(read_secret, now=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        token = services.token_for_secret(read_secret, now=timezone.now())
        assert token is not None
        assert token.user.profile.display_name == "Mere Member"
    assert len(queries) == 1


@pytest.mark.django_db
def test_last_use_is_written_once_a_minute_by_one_conditional_update(world, read_secret):
    first = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with CaptureQueriesContext(connection) as queries:
        services.token_for_secret(read_secret, now=first)
    (update,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert '"last_used_at" <=' in update  # the condition is in the statement itself
    with CaptureQueriesContext(connection) as queries:
        services.token_for_secret(read_secret, now=first + timedelta(seconds=59))
    assert len(queries) == 1  # the read only
    assert ApiToken.objects.get(name="Reader").last_used_at == first


@pytest.mark.django_db
def test_of_two_servers_racing_on_a_stale_stamp_only_the_first_writes(
    world, read_secret, monkeypatch
):
    """Server B reads the token while its stamp is old; server A notes a use before B
    writes. B's update finds the stamp no longer old and leaves A's."""
    first = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    services.token_for_secret(read_secret, now=first)
    by_a = first + timedelta(minutes=5)
    is_live = ApiToken.is_live

    def a_writes_between_bs_read_and_write(token, now):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=by_a)
        return is_live(token, now)

    monkeypatch.setattr(ApiToken, "is_live", a_writes_between_bs_read_and_write)
    services.token_for_secret(read_secret, now=by_a + timedelta(seconds=1))
    assert ApiToken.objects.get(name="Reader").last_used_at == by_a
