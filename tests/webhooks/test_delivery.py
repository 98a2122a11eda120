"""Deliveries: signed so a receiver can check them, retried with back-off against a
failing receiver, switched off after repeated failures with a notice to the
administrators, and resent by hand. The receiver is a local server the test starts."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kahui.core.errors import KahuiError
from kahui.notifications import scheduler
from kahui.notifications.models import Dispatch, Notification
from kahui.orgs import services as org_services
from kahui.webhooks import services, tasks
from kahui.webhooks.models import Attempt, Delivery, DeliveryStatus, EventType
from tests.conftest import make_user
from tests.webhooks.receiver import BadSignature, verify

pytestmark = pytest.mark.django_db


def join_school(world, email="new@kowhai.example"):
    """Someone joins the school by its code: a ``member.joined`` event."""
    newcomer = make_user(email, "Niko Newcomer")
    org_services.org_join_by_code(user=newcomer, code=world.school.invite_code)
    return newcomer


def test_a_receiver_verifies_the_signature_with_the_secret(
    world, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = join_school(world)
    (received,) = receiver.received
    assert received.path == "/hooks/kahui"
    assert received.headers["content-type"] == "application/json"
    assert received.headers["webhook-signature"].startswith("v1,")
    verify(hook.secret, received.headers, received.body)
    body = json.loads(received.body)
    assert body["type"] == "member.joined"
    assert body["id"] == received.headers["webhook-id"]
    assert body["organisation"] == {"slug": world.school.slug, "name": world.school.name}
    assert body["data"] == {
        "member": {"id": str(newcomer.public_id), "name": "Niko Newcomer"},
        "group": None,
    }

    tampered = received.body.replace(b"Niko", b"Nika")
    with pytest.raises(BadSignature):
        verify(hook.secret, received.headers, tampered)
    with pytest.raises(BadSignature):
        verify("whsec_" + "A" * 44, received.headers, received.body)
    # A message replayed ten minutes later is refused for its old timestamp.
    with pytest.raises(BadSignature):
        verify(hook.secret, received.headers, received.body, now=time.time() + 600)
    # The timestamp is signed too: a fresh one on an old message does not verify.
    replayed = {**received.headers, "webhook-timestamp": str(int(time.time()))}
    if replayed["webhook-timestamp"] != received.headers["webhook-timestamp"]:
        with pytest.raises(BadSignature):
            verify(hook.secret, replayed, received.body)


def test_a_new_secret_signs_from_then_on(world, hook, receiver, django_capture_on_commit_callbacks):
    old = hook.secret
    new = services.endpoint_secret_rotate(endpoint=hook, by=world.admin)
    assert new != old
    assert new.startswith("whsec_")
    with django_capture_on_commit_callbacks(execute=True):
        join_school(world)
    (received,) = receiver.received
    verify(new, received.headers, received.body)
    with pytest.raises(BadSignature):
        verify(old, received.headers, received.body)


@pytest.mark.clock
def test_a_failing_receiver_is_tried_again_with_back_off_until_it_answers(
    world, hook, receiver, time_machine, django_capture_on_commit_callbacks
):
    receiver.script.extend([503, 500])
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        join_school(world)
    delivery = Delivery.objects.get(endpoint=hook)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    first_wait = delivery.next_attempt_at - timezone.now()
    assert first_wait == tasks.retry_delay(1) == timedelta(minutes=1)

    # Not due yet: the scheduler's sweep leaves it alone.
    time_machine.shift(timedelta(seconds=30))
    scheduler.tick()
    assert len(receiver.received) == 1

    # Due (and late for the sweep): the second attempt fails too, and waits longer.
    time_machine.shift(timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick()
    delivery.refresh_from_db()
    assert (delivery.attempts, len(receiver.received)) == (2, 2)
    assert delivery.next_attempt_at - timezone.now() == tasks.retry_delay(2)
    assert tasks.retry_delay(2) == 4 * tasks.retry_delay(1)

    time_machine.shift(tasks.retry_delay(2) + timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.tick()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert [a.status_code for a in delivery.attempt_log.order_by("started_at")] == [503, 500, 200]
    # Each attempt carries the same id and a valid signature of its own time.
    ids = {r.headers["webhook-id"] for r in receiver.received}
    assert len(ids) == 1
    for received in receiver.received:
        verify(
            hook.secret,
            received.headers,
            received.body,
            now=int(received.headers["webhook-timestamp"]),
        )
    hook.refresh_from_db()
    assert hook.failure_streak == 0


def test_no_answer_or_a_refused_connection_is_tried_again(world, hook):
    def refused(url, body, headers):
        raise ConnectionRefusedError("connection refused")

    def silent(url, body, headers):
        raise TimeoutError

    with_event = join_school(world)  # the task was not run: on_commit was not captured
    assert with_event
    delivery = Delivery.objects.get(endpoint=hook)
    assert tasks.delivery_attempt(delivery_id=delivery.pk, post=refused) == "will retry"
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert tasks.delivery_attempt(delivery_id=delivery.pk, post=silent) == "will retry"
    errors = [a.error_text for a in Attempt.objects.filter(delivery=delivery).order_by("id")]
    assert errors[0].startswith("ConnectionRefusedError")
    assert errors[1] == "No answer within 5 seconds"
    # Written by the worker as a code, read in the reader's language.
    with translation.override("nl"):
        assert Attempt.objects.order_by("id").last().error_text == (
            "Geen antwoord binnen 5 seconden"
        )


def test_a_redirect_is_not_followed_and_a_refusal_is_not_retried(
    world, hook, receiver, django_capture_on_commit_callbacks
):
    receiver.script.extend([302, 400])
    with django_capture_on_commit_callbacks(execute=True):
        join_school(world)
        join_school(world, "second@kowhai.example")
    assert len(receiver.received) == 2  # the Location was not visited
    attempts = list(Attempt.objects.order_by("id"))
    assert [a.status_code for a in attempts] == [302, 400]
    assert attempts[0].error_code == "redirect"
    assert attempts[0].error_text == "Redirects are not followed"
    assert attempts[1].excerpt == "receiver says no"
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}


def test_an_endpoint_that_keeps_failing_is_switched_off_and_its_admins_told(
    world, hook, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "MAX_ATTEMPTS", 1)
    monkeypatch.setattr(tasks, "SWITCH_OFF_AFTER", 3)
    receiver.then = 500
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2):
            join_school(world, f"n{n}@kowhai.example")
    hook.refresh_from_db()
    assert (hook.enabled, hook.failure_streak) == (True, 2)
    assert not Notification.objects.filter(user=world.admin).exists()

    with django_capture_on_commit_callbacks(execute=True):
        join_school(world, "n2@kowhai.example")
    hook.refresh_from_db()
    assert not hook.enabled
    assert hook.switched_off_at is not None
    (note,) = Notification.objects.filter(user=world.admin)
    assert note.category == "administration"
    assert hook.url in note.title
    assert note.url.endswith(f"/webhooks/{hook.public_id}/")
    (email,) = Dispatch.objects.filter(user=world.admin, key__startswith="webhook-off:")
    assert hook.url in email.body
    # Only the organisation's administrators hear of it.
    assert not Notification.objects.exclude(user=world.admin).filter(category="administration")

    # Switched off: nothing more is sent, and the next event makes no delivery.
    count = len(receiver.received)
    with django_capture_on_commit_callbacks(execute=True):
        join_school(world, "n3@kowhai.example")
    assert len(receiver.received) == count == 3
    assert Delivery.objects.count() == 3


def test_a_success_in_between_starts_the_count_again(
    world, hook, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "MAX_ATTEMPTS", 1)
    monkeypatch.setattr(tasks, "SWITCH_OFF_AFTER", 2)
    receiver.script.extend([500, 200, 500])
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            join_school(world, f"n{n}@kowhai.example")
    hook.refresh_from_db()
    assert (hook.enabled, hook.failure_streak) == (True, 1)


def test_resend_sends_a_delivery_again_and_logs_the_attempt(
    world, hook, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "MAX_ATTEMPTS", 1)
    receiver.script.append(500)
    with django_capture_on_commit_callbacks(execute=True):
        join_school(world)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_resend(delivery=delivery, by=world.admin)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert [a.status_code for a in delivery.attempt_log.order_by("id")] == [500, 200]
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body


def test_a_switched_off_endpoint_is_not_resent_to(world, hook):
    join_school(world)
    delivery = Delivery.objects.get()
    services.endpoint_update(
        endpoint=hook,
        by=world.admin,
        url=hook.url,
        events=hook.events,
        description="",
        enabled=False,
    )
    with pytest.raises(KahuiError):
        services.delivery_resend(delivery=delivery, by=world.admin)


def test_an_endpoint_that_does_not_want_an_event_gets_no_delivery(world, receiver):
    services.endpoint_create(
        organisation=world.school,
        by=world.admin,
        url=receiver.url,
        events=[EventType.GROUP_CREATED],
    )
    join_school(world)
    assert not Delivery.objects.exists()


def test_the_delivery_log_and_the_switch_off_notice_come_in_each_admins_language(
    world, hook, receiver, client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks, "MAX_ATTEMPTS", 1)
    monkeypatch.setattr(tasks, "SWITCH_OFF_AFTER", 1)
    dutch = make_user("nl@kowhai.example", "Daan Beheerder", organisation=world.school)
    world.school.memberships.create(user=dutch, role="admin")
    dutch.profile.language = "nl"
    dutch.profile.save()
    receiver.then = 302
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        join_school(world)
    hook.refresh_from_db()
    assert not hook.enabled
    english = Notification.objects.get(user=world.admin, category="administration")
    assert english.title.startswith("A webhook of Kōwhai Primary was switched off")
    note = Notification.objects.get(user=dutch, category="administration")
    assert note.title.startswith("Een webhook van Kōwhai Primary is uitgeschakeld")
    email = Dispatch.objects.get(user=dutch, key__startswith="webhook-off:")
    assert email.key != Dispatch.objects.get(user=world.admin, key__startswith="webhook-off:").key

    url = reverse("webhooks:endpoint", args=[world.school.slug, hook.public_id])
    client.force_login(dutch)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Doorverwijzingen worden niet gevolgd" in page
    client.force_login(world.admin)
    page = client.get(url).content.decode()
    assert "Redirects are not followed" in page
    assert "Doorverwijzingen" not in page
