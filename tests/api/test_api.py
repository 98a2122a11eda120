"""The REST API's doors: tokens, scopes, CSRF, the error shape, paging and the rate limit."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from kahui.api import services
from kahui.api.models import ApiToken
from kahui.discussions import services as discussion_services
from tests.api.conftest import bearer
from tests.conftest import make_meeting

GROUPS = "/api/v1/groups/"


def _thread(world, **kwargs):
    return discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="question", title="How?", body="Ideas?"
    )


def _posts_url(world, thread) -> str:
    return f"/api/v1/groups/{world.group.public_id}/threads/{thread.public_id}/posts"


# Tokens ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_token_is_kept_only_as_its_hash(world):
    token, secret = services.token_create(user=world.member, name="Sheet")
    token.refresh_from_db()
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert secret.startswith(token.prefix)
    assert len(token.prefix) < len(secret) // 3


@pytest.mark.django_db
def test_a_token_opens_the_api_and_notes_its_last_use(client, world, read_secret):
    response = client.get(GROUPS, **bearer(read_secret))
    assert response.status_code == 200
    assert [group["name"] for group in response.json()["results"]] == [world.group.name]
    assert ApiToken.objects.get(name="Reader").last_used_at is not None


@pytest.mark.django_db
def test_last_use_is_written_at_most_once_a_minute(world, read_secret):
    first = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    services.token_for_secret(read_secret, now=first)
    services.token_for_secret(read_secret, now=first + timedelta(seconds=59))
    assert ApiToken.objects.get(name="Reader").last_used_at == first
    services.token_for_secret(read_secret, now=first + timedelta(minutes=1))
    assert ApiToken.objects.get(name="Reader").last_used_at == first + timedelta(minutes=1)


@pytest.mark.django_db
def test_revoked_expired_and_unknown_tokens_are_refused(client, world, read_secret):
    token = ApiToken.objects.get(name="Reader")
    services.token_revoke(token=token, by=world.member)
    assert client.get(GROUPS, **bearer(read_secret)).status_code == 401
    _expiring, secret = services.token_create(
        user=world.member, name="Soon", expires_at=datetime(2999, 1, 1, tzinfo=UTC)
    )
    assert client.get(GROUPS, **bearer(secret)).status_code == 200
    ApiToken.objects.filter(name="Soon").update(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
    assert client.get(GROUPS, **bearer(secret)).status_code == 401
    assert client.get(GROUPS, **bearer("kahui_not-a-token")).status_code == 401
    assert client.get(GROUPS, **bearer("")).status_code == 401


@pytest.mark.django_db
def test_only_the_owner_revokes_a_token(world, read_secret):
    from kahui.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.token_revoke(token=ApiToken.objects.get(name="Reader"), by=world.facilitator)


# Scopes and CSRF ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_read_token_may_not_write_and_says_why(client, world, read_secret):
    thread = _thread(world)
    response = client.post(
        _posts_url(world, thread), {"body": "Me too"}, "application/json", **bearer(read_secret)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"
    assert "read" in response.json()["error"]["message"]
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_a_read_and_write_token_replies(client, world, write_secret):
    thread = _thread(world)
    response = client.post(
        _posts_url(world, thread), {"body": "Me too"}, "application/json", **bearer(write_secret)
    )
    assert response.status_code == 201, response.json()
    assert response.json()["body"] == "Me too"
    assert response.json()["author"]["id"] == str(world.member.public_id)
    assert thread.posts.count() == 2


@pytest.mark.django_db
def test_the_browser_writes_only_with_the_csrf_token(world):
    thread = _thread(world)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.member)
    assert browser.get(GROUPS).status_code == 200  # reading needs no CSRF token
    refused = browser.post(_posts_url(world, thread), {"body": "Hi"}, "application/json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf_failed"
    browser.get(reverse("api:tokens"))  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    allowed = browser.post(
        _posts_url(world, thread), {"body": "Hi"}, "application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert allowed.status_code == 201
    assert thread.posts.count() == 2


# Errors ------------------------------------------------------------------------------


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    return error


@pytest.mark.django_db
def test_every_error_has_one_shape(client, world, read_secret, write_secret):
    thread = _thread(world)
    g = world.group.public_id
    _error(client.get(GROUPS), 401, "unauthorized")
    _error(client.get(f"{GROUPS}{g}/meetings", **bearer("kahui_x")), 401, "unauthorized")
    _error(
        client.get(f"{GROUPS}00000000-0000-0000-0000-000000000000", **bearer(read_secret)),
        404,
        "not_found",
    )
    error = _error(client.get(f"{GROUPS}not-an-id", **bearer(read_secret)), 422, "invalid")
    assert list(error["fields"]) == ["group_id"]
    error = _error(
        client.post(
            _posts_url(world, thread), {"body": "  "}, "application/json", **bearer(write_secret)
        ),
        422,
        "invalid",
    )
    assert list(error["fields"]) == ["body"]
    _error(
        client.post(
            _posts_url(world, thread), "{not json", "application/json", **bearer(write_secret)
        ),
        400,
        "bad_request",
    )
    type(thread).objects.filter(pk=thread.pk).update(locked=True)
    error = _error(
        client.post(
            _posts_url(world, thread), {"body": "Hi"}, "application/json", **bearer(write_secret)
        ),
        409,
        "conflict",
    )
    assert "locked" in error["message"]


@pytest.mark.django_db
def test_an_unknown_address_under_the_api_is_a_json_404(client, world, read_secret):
    for method, url in (
        ("get", "/api/v1/"),
        ("get", "/api/v1/nothing/here"),
        ("get", f"{GROUPS}{world.group.public_id}/nothing"),
        ("post", f"{GROUPS}{world.group.public_id}/meetings/x/y/z"),
        ("delete", "/api/v1/groups/"),  # an operation's address, another method: 405
    ):
        for headers in ({}, bearer(read_secret)):
            response = getattr(client, method)(url, **headers)
            if method == "delete":
                _error(response, 405, "method_not_allowed")
                assert "GET" in response["Allow"]
            else:
                error = _error(response, 404, "not_found")
                assert "/api/v1/docs" in error["message"]
    # a program's POST carries no CSRF token: still the API's 404, not the CSRF page
    program = Client(enforce_csrf_checks=True)
    _error(program.post("/api/v1/nothing", {}, **bearer(read_secret)), 404, "not_found")
    # an operation's address without its final slash is still sent to it, as before
    response = client.get("/api/v1/groups", **bearer(read_secret))
    assert response.status_code == 301
    assert response["Location"] == GROUPS
    # and the pages keep Django's own 404
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_reply_posted_as_a_form_checks_the_thread_first(client, world, write_secret):
    thread = _thread(world)
    url = _posts_url(world, thread)
    for persona, status in (("outsider", 404), ("colleague", 403)):
        _token, secret = services.token_create(
            user=getattr(world, persona), name="Form", scope="write"
        )
        as_json = client.post(url, {"body": "Hi"}, "application/json", **bearer(secret))
        as_form = client.post(url, {"body": "Hi"}, **bearer(secret))
        broken = client.post(url, "{not json", "application/json", **bearer(secret))
        assert as_json.status_code == as_form.status_code == broken.status_code == status
        assert as_json.json() == as_form.json() == broken.json()
    # who may reply learns that the body must be JSON
    error = _error(client.post(url, {"body": "Hi"}, **bearer(write_secret)), 400, "bad_request")
    assert "JSON" in error["message"]
    assert thread.posts.count() == 1


@pytest.mark.django_db
def test_a_role_the_page_needs_is_refused_with_403(client, world):
    _token, secret = services.token_create(user=world.colleague, name="Colleague")
    error = _error(
        client.get(f"{GROUPS}{world.group.public_id}/meetings", **bearer(secret)), 403, "forbidden"
    )
    assert "role" in error["message"]


# Paging ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lists_page_by_an_opaque_cursor(client, world, read_secret):
    meetings = [make_meeting(world, title=f"Hui {n}", days=n + 1) for n in range(5)]
    url = f"{GROUPS}{world.group.public_id}/meetings?page_size=2"
    seen = []
    pages = 0
    while url:
        page = client.get(url, **bearer(read_secret)).json()
        assert len(page["results"]) <= 2
        seen += [meeting["id"] for meeting in page["results"]]
        url = page["next"]
        pages += 1
        if url:
            cursor = url.split("cursor=")[1]
            assert not cursor.isdigit()
    assert pages == 3
    assert seen == [str(meeting.public_id) for meeting in meetings]


@pytest.mark.django_db
def test_the_page_size_has_a_maximum(client, world, read_secret, django_assert_max_num_queries):
    for n in range(3):
        make_meeting(world, title=f"Hui {n}", days=n + 1)
    with django_assert_max_num_queries(10):
        page = client.get(
            f"{GROUPS}{world.group.public_id}/meetings?page_size=100000", **bearer(read_secret)
        )
    assert page.status_code == 200
    assert len(page.json()["results"]) == 3
    from kahui.api.pagination import MAX_PAGE_SIZE, Cursor

    assert Cursor()._get_page_size(100000) == MAX_PAGE_SIZE


# The rate limit ----------------------------------------------------------------------


@pytest.mark.django_db
def test_each_token_has_its_own_rate_limit(client, world, settings, read_secret):
    settings.KAHUI_API_RATE = "2/m"
    _other, other_secret = services.token_create(user=world.member, name="Other")
    assert client.get(GROUPS, **bearer(read_secret)).status_code == 200
    assert client.get(GROUPS, **bearer(read_secret)).status_code == 200
    refused = client.get(GROUPS, **bearer(read_secret))
    _error(refused, 429, "rate_limited")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get(GROUPS, **bearer(other_secret)).status_code == 200


@pytest.mark.django_db
def test_the_learning_record_counts_attended_meetings(client, world, read_secret):
    from kahui.meetings.models import Attendance, AttendanceStatus, Meeting
    from kahui.recognition.selectors import zone_of

    meeting = make_meeting(world)
    # held six days ago, whatever the date the test runs
    past = meeting.starts_at - timedelta(days=9)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=past, ends_at=past + timedelta(hours=1))
    meeting.refresh_from_db()
    Attendance.objects.create(
        meeting=meeting,
        user=world.member,
        status=AttendanceStatus.PRESENT,
        minutes_attended=90,
        recorded_by=world.facilitator,
    )
    year = meeting.starts_at.astimezone(zone_of(world.member)).year
    record = client.get(f"/api/v1/me/learning-record?year={year}", **bearer(read_secret)).json()
    assert record["meetings"] == 1
    assert record["meeting_hours"] == 1.5
    assert record["by_group"][0]["name"] == world.group.name
    _error(client.get("/api/v1/me/learning-record?year=1", **bearer(read_secret)), 422, "invalid")
