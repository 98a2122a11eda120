"""What a supporter never reads: members' private journals, minutes not yet shared,
individual health answers, member-only discussions — on a page, in search, in an
export or an email."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kahui.discussions import services as discussion_services
from kahui.health.models import HealthCheck
from kahui.inquiry import services as inquiry_services
from kahui.reflection import services as reflection_services
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_a_private_journal_entry_is_never_found(client, world, support):
    entry = reflection_services.entry_write(
        author=world.member,
        group=world.group,
        prompt="learned",
        title="Worried about my Year 2s",
        body="Only mine",
    )
    client.force_login(support.user)
    assert client.get(reverse("reflection:entry", args=[entry.public_id])).status_code == 404
    assert client.get(reverse("reflection:group", args=[world.group.public_id])).status_code == 403
    found = client.get(reverse("search:search"), {"q": "Worried"}).content.decode()
    assert "Worried about my Year 2s" not in found


def test_member_discussions_are_not_in_a_supporters_search(client, world, support):
    discussion_services.thread_start(
        group=world.group, by=world.member, kind="question", title="Behaviour in room 4", body="?"
    )
    client.force_login(support.user)
    found = client.get(reverse("search:search"), {"q": "Behaviour"}).content.decode()
    assert "Behaviour in room 4" not in found


def test_unshared_minutes_are_not_shown_nor_in_the_calendar_file(client, world, support):
    meeting = make_meeting(world)
    meeting.minutes = "Half-written notes about Aroha's class"
    meeting.save()
    client.force_login(support.user)
    g, m = world.group.public_id, meeting.public_id
    for name in ("meetings:detail", "meetings:ics"):
        assert "Half-written notes" not in client.get(reverse(name, args=[g, m])).content.decode()
    assert client.get(reverse("meetings:minutes_history", args=[g, m])).status_code == 403


def test_individual_health_answers_stay_the_members(client, world, support):
    HealthCheck.objects.create(
        group=world.group,
        number=1,
        opened_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=7),
        threshold=4,
    )
    client.force_login(support.user)
    for name in ("health:answer", "health:status"):
        assert client.get(reverse(name, args=[world.group.public_id])).status_code == 403


def test_files_of_evidence_stay_the_members(client, world, support):
    cycle = inquiry_services.cycle_start(
        group=world.group,
        by=world.facilitator,
        question="What helps our Year 1 readers?",
        goals=world.group.goals.all(),
    )
    item = inquiry_services.evidence_add(
        cycle=cycle,
        by=world.member,
        edit=inquiry_services.EvidenceEdit(
            kind="sample",
            title="Writing sample",
            stage=cycle.stage_key,
            upload=SimpleUploadedFile("work.pdf", b"%PDF-1.4"),
        ),
    )
    g, c = world.group.public_id, cycle.public_id
    file_url = reverse("inquiry:evidence_file", args=[g, c, item.public_id])
    client.force_login(support.user)
    page = client.get(reverse("inquiry:evidence", args=[g, c])).content.decode()
    assert "Writing sample" in page  # what the evidence is
    assert file_url not in page  # but not the learner's work itself
    assert client.get(file_url).status_code == 403
    client.force_login(world.member)
    assert file_url in client.get(reverse("inquiry:evidence", args=[g, c])).content.decode()
