"""Forms that create something take effect once: the same form sent twice (a double
click, a retry) makes one record, and the second sending is sent where the first went."""

import contextlib
import re
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kahui.core.models import SubmissionKey
from kahui.core.submissions import KEEP
from kahui.discussions import services as discussions
from kahui.discussions.models import Post, Thread
from kahui.groups.models import LearningGroup
from kahui.library import services as library
from kahui.library.models import Resource
from kahui.meetings import services as meetings
from kahui.meetings.models import (
    ActionItem,
    AgendaTemplate,
    Decision,
    Meeting,
    MeetingGuest,
    NormReview,
)
from kahui.notifications.scheduler import tick
from kahui.orgs.models import Organisation, SchoolPeriod
from kahui.scheduling.models import AvailabilityPoll
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


def key_in(html: str, action: str) -> str:
    """The submission key of the form on the page that posts to ``action`` (a form
    with no action posts to the page itself: pass "")."""
    forms = re.findall(r"<form\b([^>]*)>(.*?)</form>", html, flags=re.S)
    for attributes, body in forms:
        target = re.search(r'\baction="([^"]*)"', attributes)
        if (target.group(1) if target else "") == action:
            found = re.search(r'name="submission_key" value="([^"]+)"', body)
            assert found, f"The form posting to {action or 'the page'} carries no key"
            return found.group(1)
    raise AssertionError(f"No form posts to {action or 'the page'}")


@dataclass
class Case:
    user: Any
    page: str  # where the form is
    action: str  # where it posts ("" for the page itself)
    data: dict
    count: Any  # how many of the records it makes exist


def _detail(world, meeting):
    return reverse("meetings:detail", args=[world.group.public_id, meeting.public_id])


def _meeting_form(world, name, data, user=None):
    meeting = make_meeting(world)
    g, m = world.group.public_id, meeting.public_id
    return meeting, Case(
        user=user or world.member,
        page=_detail(world, meeting),
        action=reverse(f"meetings:{name}", args=[g, m]),
        data=data,
        count=None,
    )


def decision(world):
    meeting, case = _meeting_form(world, "decision_add", {"text": "Use the decodable readers"})
    case.count = Decision.objects.filter(meeting=meeting).count
    return case


def action(world):
    meeting, case = _meeting_form(
        world, "action_add", {"text": "Send the survey", "owner": "", "due_on": ""}
    )
    case.count = ActionItem.objects.filter(meeting=meeting).count
    return case


def guest(world):
    meeting, case = _meeting_form(
        world,
        "guest_add",
        {"name": "Tama Guest", "email": "tama@example.org"},
        user=world.facilitator,
    )
    case.count = MeetingGuest.objects.filter(meeting=meeting).count
    return case


def norm_review(world):
    meeting, case = _meeting_form(world, "norms_reviewed", {"note": "We kept them all"})
    starts = timezone.now() - timedelta(days=75)  # long enough ago for a review to be due
    ends = starts + timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=ends)
    case.count = NormReview.objects.filter(group=world.group).count
    return case


def schedule(world):
    url = reverse("meetings:schedule", args=[world.group.public_id])
    data = {
        "title": "Term hui",
        "start_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "start_time": "15:30",
        "duration_minutes": "60",
        "time_zone": "Pacific/Auckland",
        "format": "in_person",
        "location": "Library",
        "repeat": "",
    }
    return Case(world.facilitator, url, "", data, Meeting.objects.filter(group=world.group).count)


def protocol_copy(world):
    builtin = AgendaTemplate.objects.get(key="regular")
    g = world.group.public_id
    return Case(
        world.facilitator,
        reverse("meetings:templates", args=[g]),
        reverse("meetings:template_copy", args=[g, builtin.public_id]),
        {},
        AgendaTemplate.objects.filter(group=world.group).count,
    )


def thread(world):
    url = reverse("discussions:new", args=[world.group.public_id])
    data = {"kind": "question", "title": "Decodables?", "body": "Which series do you use?"}
    return Case(world.member, url, "", data, Thread.objects.filter(group=world.group).count)


def reply(world):
    started = discussions.thread_start(
        group=world.group, by=world.facilitator, kind="idea", title="Phonics", body="Ideas?"
    )
    g, t = world.group.public_id, started.public_id
    return Case(
        world.member,
        reverse("discussions:thread", args=[g, t]),
        reverse("discussions:reply", args=[g, t]),
        {"body": "Daily review works for us."},
        Post.objects.filter(thread=started).count,
    )


def resource(world):
    url = reverse("library:add", args=[world.group.public_id])
    data = {
        "kind": "link",
        "title": "Phonics scope",
        "url": "https://example.org/scope",
        "visibility": "group",
    }
    return Case(world.member, url, "", data, Resource.objects.filter(group=world.group).count)


def resource_copy(world):
    shared = library.resource_add(
        group=world.group, by=world.facilitator, kind="link", title="Scope", url="https://e.org"
    )
    g, r = world.group.public_id, shared.public_id
    return Case(
        world.member,
        reverse("library:resource", args=[g, r]),
        reverse("library:save", args=[g, r]),
        {"group": world.group.pk},
        Resource.objects.filter(group=world.group).count,
    )


def poll(world):
    url = reverse("scheduling:poll_create", args=[world.group.public_id])
    data = {
        "title": "Term 3 times",
        "time_zone": "Pacific/Auckland",
        "deadline": "",
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "0",
        "options-0-day": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "options-0-start": "15:00",
        "options-0-end": "16:00",
        "options-0-format": "online",
    }
    return Case(
        world.facilitator, url, "", data, AvailabilityPoll.objects.filter(group=world.group).count
    )


def organisation(world):
    data = {"name": "Tūī Kindergarten", "kind": "early_learning", "city": "Nelson", "country": "NZ"}
    return Case(world.member, reverse("orgs:create"), "", data, Organisation.objects.count)


def term(world):
    data = {"kind": "term", "name": "Term 1", "first_day": "2027-02-01", "last_day": "2027-04-16"}
    url = reverse("orgs:terms", args=[world.school.slug])
    return Case(world.admin, url, "", data, SchoolPeriod.objects.count)


def group(world):
    data = {"name": "Number talks", "purpose": "Talk maths", "new_focus_areas": "Maths talk"}
    return Case(world.member, reverse("groups:create"), "", data, LearningGroup.objects.count)


CASES = [
    decision,
    action,
    guest,
    norm_review,
    schedule,
    protocol_copy,
    thread,
    reply,
    resource,
    resource_copy,
    poll,
    organisation,
    term,
    group,
]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_a_form_sent_twice_makes_one_record_and_both_go_to_it(client, world, make):
    case = make(world)
    client.force_login(case.user)
    key = key_in(client.get(case.page).content.decode(), case.action)
    before = case.count()
    action = case.action or case.page
    first = client.post(action, {**case.data, "submission_key": key})
    assert first.status_code == 302, first.content.decode()[:3000]
    # The twin, as a double click sends it (racing requests wait on the key's unique
    # index, so the database sees them one after the other, as here).
    second = client.post(action, {**case.data, "submission_key": key})
    assert case.count() == before + 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_make_one_decision(monkeypatch, world):
    """Each request in its own connection, both held inside the view until the other
    arrives too (or a second has passed): the second waits on the key, then follows
    the first."""
    case = decision(world)
    tabs = [Client(), Client()]  # two tabs of the same person: same key, same form
    for tab in tabs:
        tab.force_login(case.user)
    key = key_in(tabs[0].get(case.page).content.decode(), case.action)
    record = meetings.decision_record
    barrier = threading.Barrier(2)

    def held(**kwargs):
        result = record(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        return result

    monkeypatch.setattr(meetings, "decision_record", held)
    answers: list = []

    def send(tab):
        try:
            answers.append(tab.post(case.action, {**case.data, "submission_key": key}))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert case.count() == 1


def test_a_double_click_sends_one_guest_invitation(
    client, world, django_capture_on_commit_callbacks
):
    case = guest(world)
    client.force_login(case.user)
    key = key_in(client.get(case.page).content.decode(), case.action)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            client.post(case.action, {**case.data, "submission_key": key})
    assert [m.to for m in mail.outbox] == [["tama@example.org"]]


def test_the_same_page_sent_again_with_other_text_is_a_new_record(client, world):
    case = decision(world)
    client.force_login(case.user)
    key = key_in(client.get(case.page).content.decode(), case.action)
    client.post(case.action, {"text": "Use the decodable readers", "submission_key": key})
    # Back to the page, a new decision typed into the same form.
    client.post(case.action, {"text": "Meet in the library", "submission_key": key})
    assert case.count() == 2


def test_each_drawing_of_a_form_has_its_own_key(client, world):
    case = decision(world)
    client.force_login(case.user)
    first = key_in(client.get(case.page).content.decode(), case.action)
    again = key_in(client.get(case.page).content.decode(), case.action)
    assert first != again


def test_a_refused_form_can_be_sent_again_with_its_key(client, world):
    case = reply(world)
    started = Thread.objects.get(group=world.group)
    client.force_login(case.user)
    key = key_in(client.get(case.page).content.decode(), case.action)
    Thread.objects.filter(pk=started.pk).update(locked=True)
    refused = client.post(case.action, {**case.data, "submission_key": key})
    assert refused.status_code == 400
    assert case.count() == 1
    Thread.objects.filter(pk=started.pk).update(locked=False)
    sent = client.post(case.action, {**case.data, "submission_key": key})
    assert sent.status_code == 302
    assert "#p" in sent["Location"]
    assert case.count() == 2


def test_a_key_is_no_one_elses(client, world):
    """Two people with the same key (a page shared by mistake) each get their own
    thread, and neither is sent to the other's."""
    case = thread(world)
    client.force_login(world.member)
    key = key_in(client.get(case.page).content.decode(), case.action)
    mine = client.post(case.page, {**case.data, "submission_key": key})
    client.force_login(world.facilitator)
    theirs = client.post(case.page, {**case.data, "submission_key": key})
    assert case.count() == 2
    assert mine["Location"] != theirs["Location"]


def test_old_keys_are_forgotten_by_the_scheduler(client, world):
    case = decision(world)
    client.force_login(case.user)
    for text in ("Old", "New"):
        key = key_in(client.get(case.page).content.decode(), case.action)
        client.post(case.action, {"text": text, "submission_key": key})
    old = SubmissionKey.objects.earliest("created_at")
    SubmissionKey.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP - timedelta(minutes=1)
    )
    tick()
    assert SubmissionKey.objects.count() == 1
    assert not SubmissionKey.objects.filter(pk=old.pk).exists()
