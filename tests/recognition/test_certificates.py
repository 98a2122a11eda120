"""Certificates: a member asks, a facilitator of the group confirms what they can vouch
for, the holder downloads a PDF with a verification code, and a public page checks
the code showing the name, the hours, the period and the group, and nothing more."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups.models import GroupRole
from kahui.notifications.models import Notification
from kahui.recognition import services
from kahui.recognition.models import Certificate, CertificateStatus, LearningActivity
from tests.conftest import make_user
from tests.recognition.helpers import held_meeting, members_since

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 1, 2, 0, tzinfo=UTC)  # 2 pm on 1 September in Auckland


@pytest.fixture
def asked(world, time_machine):
    """Mere attended two meetings and logged two readings with the group in 2026, and
    asks for a certificate."""
    time_machine.move_to(NOW, tick=False)
    members_since(world, datetime(2025, 1, 1, tzinfo=UTC))
    held_meeting(world, starts=datetime(2026, 3, 3, 3, 30, tzinfo=UTC), attended=[world.member])
    held_meeting(
        world, starts=datetime(2026, 5, 5, 3, 30, tzinfo=UTC), attended=[world.member], minutes=45
    )
    for day, note in ((date(2026, 4, 1), "Reading: Hattie"), (date(2026, 6, 1), "Made-up hours")):
        services.learning_activity_add(
            user=world.member,
            kind="reading",
            done_on=day,
            minutes=60,
            note=note,
            group=world.group,
        )
    certificate = services.certificate_request(
        user=world.member, group=world.group, year=2026, message="For my registration"
    )
    return world, certificate


def _confirm(world, certificate, notes=("Reading: Hattie",)):
    ids = set(LearningActivity.objects.filter(note__in=notes).values_list("pk", flat=True))
    return services.certificate_confirm(
        certificate=certificate, by=world.facilitator, activity_ids=ids
    )


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_asking_notifies_the_facilitators(asked):
    world, certificate = asked
    assert certificate.status == CertificateStatus.REQUESTED
    note = Notification.objects.get(
        user=world.facilitator, url__contains=str(certificate.public_id)
    )
    assert "Mere Member asks you to confirm" in note.title
    assert not Notification.objects.filter(user=world.member).exists()
    with pytest.raises(KahuiError, match="already asked"):
        services.certificate_request(user=world.member, group=world.group, year=2026)


def test_a_facilitator_confirms_only_what_they_can_vouch_for(asked):
    world, certificate = asked
    confirmed = _confirm(world, certificate)
    assert confirmed.status == CertificateStatus.CONFIRMED
    assert (confirmed.meetings, confirmed.meeting_minutes) == (2, 105)
    assert confirmed.activity_minutes == 60  # the reading, not the made-up hours
    assert confirmed.hours == 2.75
    assert [line["note"] for line in confirmed.activities] == ["Reading: Hattie"]
    assert (confirmed.period_start, confirmed.period_end) == (date(2026, 1, 1), date(2026, 9, 1))
    assert (confirmed.holder_name, confirmed.group_name, confirmed.issuer_name) == (
        "Mere Member",
        "Structured literacy Y0-3",
        "Aroha Facilitator",
    )
    assert services.normalise_code(confirmed.code) == confirmed.code
    assert Notification.objects.filter(user=world.member, title__contains="confirmed").exists()


def test_what_a_certificate_states_does_not_change_afterwards(asked):
    world, certificate = asked
    confirmed = _confirm(world, certificate)
    held_meeting(world, starts=datetime(2026, 8, 4, 3, 30, tzinfo=UTC), attended=[world.member])
    LearningActivity.objects.update(minutes=600)
    world.member.profile.display_name = "Mere Renamed"
    world.member.profile.save()
    confirmed.refresh_from_db()
    assert (confirmed.hours, confirmed.holder_name) == (2.75, "Mere Member")


def test_who_may_confirm(asked):
    world, certificate = asked
    with pytest.raises(NotAllowed):
        services.certificate_confirm(certificate=certificate, by=world.member, activity_ids=())
    with pytest.raises(NotAllowed):
        services.certificate_confirm(certificate=certificate, by=world.coordinator, activity_ids=())
    world.group.memberships.filter(user=world.member).update(role=GroupRole.FACILITATOR)
    with pytest.raises(NotAllowed, match="Another facilitator"):
        services.certificate_confirm(certificate=certificate, by=world.member, activity_ids=())
    _confirm(world, certificate)
    with pytest.raises(KahuiError, match="answered already"):
        _confirm(world, certificate)


def test_nothing_to_ask_for_or_nobody_to_confirm(world, time_machine):
    time_machine.move_to(NOW, tick=False)
    with pytest.raises(KahuiError, match="no hours"):
        services.certificate_request(user=world.member, group=world.group, year=2026)
    with pytest.raises(KahuiError, match="this year or an earlier one"):
        services.certificate_request(user=world.member, group=world.group, year=2027)
    # The group's only facilitator cannot confirm their own hours.
    with pytest.raises(KahuiError, match="no other facilitator"):
        services.certificate_request(user=world.facilitator, group=world.group, year=2026)
    with pytest.raises(NotAllowed):
        services.certificate_request(user=world.outsider, group=world.group, year=2026)


def test_declining_withdrawing_and_revoking(asked):
    world, certificate = asked
    with pytest.raises(KahuiError, match="Say why"):
        services.certificate_decline(certificate=certificate, by=world.facilitator, reply=" ")
    services.certificate_decline(
        certificate=certificate, by=world.facilitator, reply="Please log the course dates"
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.DECLINED
    again = services.certificate_request(user=world.member, group=world.group, year=2026)
    with pytest.raises(NotAllowed):
        services.certificate_revoke(certificate=again, by=world.facilitator)
    services.certificate_revoke(certificate=again, by=world.member)
    again.refresh_from_db()
    assert again.status == CertificateStatus.WITHDRAWN
    third = _confirm(
        world, services.certificate_request(user=world.member, group=world.group, year=2026)
    )
    services.certificate_revoke(certificate=third, by=world.facilitator)
    third.refresh_from_db()
    assert third.status == CertificateStatus.REVOKED
    assert third.revoked_by == world.facilitator
    actions = set(ActivityEntry.objects.values_list("action", flat=True))
    assert {"recognition.certificate_declined", "recognition.certificate_revoked"} <= actions
    assert not ActivityEntry.objects.filter(action__startswith="recognition.cert").exclude(
        group=None
    )


def test_the_facilitator_confirms_on_the_page(client, asked):
    world, certificate = asked
    url = reverse("recognition:certificate", args=[certificate.public_id])
    client.force_login(world.facilitator)
    page = client.get(url)
    assert "What you are asked to confirm" in page.text
    assert "For my registration" in page.text
    assert "Made-up hours" in page.text
    assert "Reading: Hattie" in page.text
    made_up = LearningActivity.objects.get(note="Made-up hours")
    hattie = LearningActivity.objects.get(note="Reading: Hattie")
    response = client.post(
        reverse("recognition:certificate_confirm", args=[certificate.public_id]),
        {"activities": [str(hattie.public_id)]},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.activity_minutes == 60
    assert made_up.note not in str(certificate.activities)
    # The facilitator sees what it states; only the holder downloads it.
    page = client.get(url)
    assert 'data-testid="certificate-hours">2.75<' in page.text
    assert "Download the certificate" not in page.text
    pdf_url = reverse("recognition:certificate_pdf", args=[certificate.public_id])
    assert client.post(pdf_url).status_code == 403


def test_the_holder_downloads_a_pdf_with_name_hours_period_and_code(client, asked):
    world, certificate = asked
    confirmed = _confirm(world, certificate)
    client.force_login(world.member)
    page = client.get(reverse("recognition:certificate", args=[confirmed.public_id]))
    assert "Download the certificate (PDF)" in page.text
    response = client.post(reverse("recognition:certificate_pdf", args=[confirmed.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"kahui-certificate-2026-{confirmed.code}.pdf" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    for expected in (
        "Mere Member",
        "2.75 hours",
        "from 1 January 2026 to 1 September 2026",
        "Structured literacy Y0-3",
        "Aroha Facilitator",
        confirmed.code,
        "Reading: Hattie",
        "/verify/",
    ):
        assert expected in text, expected
    assert "Made-up hours" not in text


def test_the_pdf_is_in_the_holders_language_and_keeps_macrons(client, asked):
    world, certificate = asked
    world.member.profile.display_name = "Mere Tūhoe-Māori"
    world.member.profile.save()
    confirmed = _confirm(world, certificate)
    client.force_login(world.member)
    response = client.post(reverse("recognition:certificate_pdf", args=[confirmed.public_id]))
    assert "Mere Tūhoe-Māori" in _pdf_text(response.content)


def test_the_public_page_confirms_a_code_and_shows_nothing_more(client, asked):
    world, certificate = asked
    confirmed = _confirm(world, certificate)
    url = reverse("recognition:verify")
    form = client.get(url)
    assert form.status_code == 200
    assert "Verification code" in form.text
    typed = confirmed.code.lower().replace("-", " ")  # as someone might type it
    page = client.get(url, {"code": typed})
    result = page.text.split('data-testid="verify-result"', 1)[1].split("</section>", 1)[0]
    assert "This certificate was confirmed" in result
    for shown in (
        "Mere Member",
        "2.75",
        "1 January 2026",
        "1 September 2026",
        "Structured literacy",
    ):
        assert shown in result, shown
    for hidden in (
        "Reading: Hattie",
        "Aroha",
        "me@kowhai.example",
        "Kōwhai Primary",
        "For my registration",
        "meetings",
    ):
        assert hidden not in page.text, hidden

    services.certificate_revoke(certificate=confirmed, by=world.member)
    revoked = client.get(url, {"code": confirmed.code})
    assert "This certificate was revoked" in revoked.text
    assert "Mere Member" not in revoked.text
    assert "2.75" not in revoked.text

    unknown = client.get(url, {"code": "0000-0000-0000"})
    assert "No certificate has this code" in unknown.text
    assert "No certificate has this code" in client.get(url, {"code": "<script>"}).text


def test_a_request_not_yet_confirmed_cannot_be_verified(client, asked):
    _world, certificate = asked
    Certificate.objects.filter(pk=certificate.pk).update(code="7KQ2-M9XD-T4RP")
    page = client.get(reverse("recognition:verify"), {"code": "7KQ2-M9XD-T4RP"})
    assert "No certificate has this code" in page.text


def test_checks_are_rate_limited(client, asked, settings):
    _world, _certificate = asked
    settings.ACCOUNT_RATE_LIMITS = {"verify_certificate": "3/m/ip"}
    url = reverse("recognition:verify")
    answers = [client.get(url, {"code": f"0000-0000-000{n}"}).status_code for n in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    assert "Too many checks" in client.get(url, {"code": "0000-0000-0009"}).text
    assert client.get(url).status_code == 200  # the empty form is not a check


def test_the_record_lists_requests_for_a_facilitator_and_for_nobody_else(client, asked):
    world, certificate = asked
    client.force_login(world.facilitator)
    assert (
        "Mere Member — Structured literacy Y0-3, 2026"
        in client.get(reverse("recognition:record")).text
    )
    assert (
        "Certificates to confirm"
        in client.get(reverse("recognition:group", args=[world.group.public_id])).text
    )
    # Another member of the group sees neither the request nor its page.
    other = make_user("pita@kowhai.example", "Pita Member")
    world.group.memberships.create(user=other)
    client.force_login(other)
    assert "Mere Member — " not in client.get(reverse("recognition:record")).text
    assert (
        "Certificates to confirm"
        not in client.get(reverse("recognition:group", args=[world.group.public_id])).text
    )
    assert (
        client.get(reverse("recognition:certificate", args=[certificate.public_id])).status_code
        == 404
    )


def test_asking_through_the_record_page(client, world, time_machine):
    time_machine.move_to(NOW, tick=False)
    members_since(world, NOW - timedelta(days=90))
    held_meeting(world, starts=NOW - timedelta(days=30), attended=[world.member])
    client.force_login(world.member)
    page = client.get(reverse("recognition:record"))
    assert "Ask for a certificate" in page.text
    response = client.post(
        reverse("recognition:certificate_request"),
        {"group": str(world.group.public_id), "year": "2026", "message": ""},
    )
    certificate = Certificate.objects.get()
    assert response["Location"] == reverse("recognition:certificate", args=[certificate.public_id])
    again = client.post(
        reverse("recognition:certificate_request"),
        {"group": str(world.group.public_id), "year": "2026", "message": "Again"},
    )
    assert again.status_code == 400
    assert "already asked" in again.text
