"""schemathesis against the API's own OpenAPI schema, in process and with a real
read-and-write token: a bounded, derandomised number of examples per operation, and no
answer may be a server error or break the schema (status, content type, body)."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import openapi
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from kahui.api import services
from kahui.api.models import TokenScope
from kahui.discussions import services as discussion_services
from kahui.library import services as library_services
from tests.api.conftest import (
    make_activity,
    make_certificate,
    make_cycle,
    make_poll,
    make_published_check,
)
from tests.conftest import make_meeting

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 12


@pytest.fixture
def wsgi_app():
    # As Django's test client does: the test's transaction stays open across requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_keeps_to_its_schema(world, settings_rate, wsgi_app):
    meeting = make_meeting(world)
    thread = discussion_services.thread_start(
        group=world.group, by=world.facilitator, kind="question", title="How?", body="Ideas?"
    )
    # Half the examples name things that exist, so the answers with data are checked too.
    real = {
        "slug": world.school.slug,
        "group_id": str(world.group.public_id),
        "meeting_id": str(meeting.public_id),
        "thread_id": str(thread.public_id),
        "poll_id": str(make_poll(world).public_id),
        "resource_id": str(
            library_services.resource_add(
                group=world.group, by=world.member, kind="note", title="Notes", body="Read this"
            ).public_id
        ),
        "cycle_id": str(make_cycle(world).public_id),
        "check_id": str(make_published_check(world).public_id),
        "activity_id": str(make_activity(world).public_id),
        "certificate_id": str(make_certificate(world).public_id),
    }
    _token, secret = services.token_create(user=world.member, name="Fuzz", scope=TokenScope.WRITE)
    headers = {"Authorization": f"Bearer {secret}"}
    schema = openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    statuses: dict[int, int] = {}
    for operation in operations:

        @given(case=operation.as_strategy(), use_real=st.booleans())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_schema(case, use_real):
            if use_real and case.path_parameters:
                case.path_parameters = {name: real[name] for name in case.path_parameters}
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        keeps_to_schema()
    # Both answers with data and refusals of bad input were checked.
    assert {200, 201, 422} <= set(statuses), statuses


@pytest.fixture
def settings_rate(settings):
    settings.KAHUI_API_RATE = "100000/m"
