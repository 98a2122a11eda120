"""The administrators' pages: who may open them, adding an endpoint (its secret shown
once), changing it, the log with its attempts in a fixed number of queries, resend,
and the activity log of every change."""

import pytest
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.orgs import services as org_services
from kahui.webhooks import services
from kahui.webhooks.models import Attempt, Delivery, Endpoint
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_only_the_organisations_administrators_reach_the_webhooks(client, world, hook):
    pages = [
        reverse("webhooks:list", args=[world.school.slug]),
        reverse("webhooks:endpoint", args=[world.school.slug, hook.public_id]),
        reverse("webhooks:edit", args=[world.school.slug, hook.public_id]),
    ]
    for persona, status in [("outsider", 404), ("colleague", 403), ("member", 403), ("admin", 200)]:
        client.force_login(getattr(world, persona))
        for url in pages:
            assert client.get(url).status_code == status, (persona, url)
    # An administrator of another organisation cannot reach this one's endpoint
    # through their own organisation's address.
    client.force_login(world.outsider)
    url = reverse("webhooks:endpoint", args=[world.other_school.slug, hook.public_id])
    assert client.get(url).status_code == 404


def test_the_organisation_page_leads_administrators_to_webhooks(client, world):
    url = reverse("orgs:detail", args=[world.school.slug])
    link = reverse("webhooks:list", args=[world.school.slug])
    client.force_login(world.admin)
    assert link in client.get(url).content.decode()
    client.force_login(world.colleague)
    assert link not in client.get(url).content.decode()


def test_an_administrator_adds_an_endpoint_and_sees_its_secret_once(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("webhooks:new", args=[world.school.slug]),
        {
            "url": "https://hooks.kowhai.example/kahui",
            "description": "Our intranet",
            "events": ["meeting.scheduled", "group.created"],
        },
    )
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302
    assert endpoint.events == ["meeting.scheduled", "group.created"]
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page
    assert endpoint.secret not in client.get(response["Location"]).content.decode()
    entry = ActivityEntry.objects.get(action="webhook.added")
    assert (entry.actor, entry.organisation, entry.target) == (
        world.admin,
        world.school,
        "https://hooks.kowhai.example/kahui",
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.kowhai.example/kahui",
        "ftp://hooks.kowhai.example/",
        "https://user:secret@hooks.kowhai.example/",
        "http://127.0.0.1:8000/hook",
    ],
)
def test_only_https_addresses_are_taken(client, world, settings, url):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    client.force_login(world.admin)
    response = client.post(
        reverse("webhooks:new", args=[world.school.slug]), {"url": url, "events": ["group.created"]}
    )
    assert response.status_code == 400
    assert not Endpoint.objects.exists()


def test_plain_http_to_this_machine_in_development(client, world, settings):
    settings.WEBHOOKS_ALLOW_LOCAL = False
    settings.DEBUG = True
    client.force_login(world.admin)
    response = client.post(
        reverse("webhooks:new", args=[world.school.slug]),
        {"url": "http://localhost:9000/hook", "events": ["group.created"]},
    )
    assert response.status_code == 302


def test_changing_and_rotating_and_removing_are_in_the_history(client, world, hook):
    client.force_login(world.admin)
    base = [world.school.slug, hook.public_id]
    response = client.post(
        reverse("webhooks:edit", args=base),
        {"url": hook.url, "description": "Intranet", "events": ["group.created"]},
    )
    assert response.status_code == 302
    hook.refresh_from_db()
    assert (hook.enabled, hook.events, hook.description) == (False, ["group.created"], "Intranet")
    changed = ActivityEntry.objects.get(action="webhook.changed")
    assert set(changed.changes) == {"description", "events", "enabled"}

    old = hook.secret
    response = client.post(reverse("webhooks:rotate_secret", args=base), {"confirm": "yes"})
    hook.refresh_from_db()
    assert hook.secret != old
    assert hook.secret in client.get(response["Location"]).content.decode()

    client.post(reverse("webhooks:remove", args=base), {"confirm": "yes"})
    assert not Endpoint.objects.exists()
    actions = list(
        ActivityEntry.objects.filter(organisation=world.school, action__startswith="webhook.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "webhook.added",
        "webhook.changed",
        "webhook.secret_rotated",
        "webhook.removed",
    ]
    history = client.get(reverse("orgs:history", args=[world.school.slug])).content.decode()
    assert "made a new signing secret for a webhook" in history


def _deliveries(world, hook, count: int, *, first: int = 0) -> None:
    for n in range(first, first + count):
        newcomer = make_user(f"n{n}@kowhai.example")
        org_services.org_join_by_code(user=newcomer, code=world.school.invite_code)
    for delivery in Delivery.objects.filter(endpoint=hook, attempt_log__isnull=True):
        for code in (500, 200):
            Attempt.objects.create(
                delivery=delivery,
                started_at=delivery.created_at,
                status_code=code,
                succeeded=code == 200,
                duration_ms=12,
                excerpt="ok",
            )


def test_the_delivery_log_shows_each_attempt_in_a_fixed_number_of_queries(
    client, world, hook, django_assert_max_num_queries
):
    client.force_login(world.admin)
    url = reverse("webhooks:endpoint", args=[world.school.slug, hook.public_id])
    _deliveries(world, hook, 2)
    client.get(url)  # the session and the user warm up
    with django_assert_max_num_queries(9) as few:
        page = client.get(url).content.decode()
    assert page.count('data-testid="delivery"') == 2
    assert page.count("12 ms") == 4
    _deliveries(world, hook, 8, first=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('data-testid="delivery"') == 10


def test_the_endpoints_list_counts_failures_in_a_fixed_number_of_queries(
    client, world, hook, receiver, django_assert_max_num_queries
):
    for n in range(5):
        services.endpoint_create(
            organisation=world.school,
            by=world.admin,
            url=f"{receiver.url}/{n}",
            events=["group.created"],
        )
    client.force_login(world.admin)
    client.get(reverse("webhooks:list", args=[world.school.slug]))
    with django_assert_max_num_queries(7):
        page = client.get(reverse("webhooks:list", args=[world.school.slug])).content.decode()
    assert page.count(receiver.url) == 6


def test_resend_from_the_log(client, world, hook, receiver, django_capture_on_commit_callbacks):
    newcomer = make_user("n@kowhai.example")
    org_services.org_join_by_code(user=newcomer, code=world.school.invite_code)
    delivery = Delivery.objects.get()
    client.force_login(world.admin)
    url = reverse("webhooks:resend", args=[world.school.slug, hook.public_id, delivery.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert len(receiver.received) == 1
    assert Attempt.objects.get(delivery=delivery).status_code == 200
    assert ActivityEntry.objects.filter(action="webhook.resent", actor=world.admin).exists()
    client.force_login(world.colleague)
    assert client.post(url).status_code == 403
