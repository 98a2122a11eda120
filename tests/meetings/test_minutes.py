"""Minutes and decisions: conflicting saves show both versions, sanitising, text kept
when a form is refused, and every saved version."""

import pytest
from django.urls import reverse

from kahui.meetings import services
from kahui.meetings.models import MinutesRevision

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_minutes_conflict_shows_both_versions_and_keeps_mine(client, world, series):
    meeting = series[0]
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    assert client.post(url, {"text": "Aroha's notes", "version": 0}).status_code == 302
    client.force_login(world.facilitator)
    response = client.post(url, {"text": "Facilitator notes", "version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved the minutes" in page
    assert "Aroha&#x27;s notes" in page or "Aroha's notes" in page
    assert "Facilitator notes" in page  # still in the box, nothing lost
    meeting.refresh_from_db()
    assert meeting.minutes == "Aroha's notes"
    assert client.post(url, {"text": "Merged notes", "version": 1}).status_code == 302
    assert list(
        MinutesRevision.objects.filter(meeting=meeting).values_list("version", flat=True)
    ) == [2, 1]


def test_a_decision_over_the_limit_keeps_its_text(client, world, series):
    meeting = series[0]
    text = "We read aloud to every class for ten minutes after lunch, every day. " * 8
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:decision_add", args=[world.group.public_id, meeting.public_id]),
        {"text": text.strip()},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 500 characters" in page
    assert f'value="{text.strip()}"' in page
    assert not meeting.decisions.exists()


def test_a_damaged_minutes_form_keeps_the_text_and_shows_what_is_saved(client, world, series):
    meeting = series[0]
    services.minutes_save(meeting=meeting, by=world.facilitator, text="Saved notes", version=0)
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    for headers, status in (({}, 409), ({"HX-Request": "true"}, 200)):
        response = client.post(url, {"text": "My notes", "version": "x"}, headers=headers)
        assert response.status_code == status
        page = response.content.decode()
        assert "\nMy notes</textarea>" in page
        assert "Saved notes" in page
        assert 'name="version" value="1"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Saved notes"


def test_minutes_are_sanitised(client, world, series):
    meeting = series[0]
    services.minutes_save(
        meeting=meeting,
        by=world.member,
        version=0,
        text=(
            "**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)> "
            "[bad](javascript:alert(1))"
        ),
    )
    client.force_login(world.member)
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    html = page.content.decode()
    view = html[html.index('data-testid="minutes-view"') :]
    view = view[: view.index("</section>")]
    assert "<strong>Bold</strong>" in view
    assert "<script" not in view
    assert "onerror" not in view.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in view


def test_minutes_conflict_over_htmx_is_swapped_in_with_both_versions(client, world, series):
    meeting = series[0]
    url = reverse("meetings:minutes", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    assert client.post(url, {"text": "Aroha's notes", "version": 0}).status_code == 302
    client.force_login(world.facilitator)
    response = client.post(
        url, {"text": "Facilitator notes", "version": 0}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200  # htmx ignores the body of a 409
    page = response.content.decode()
    assert page.lstrip().startswith("<section")  # the minutes fragment, not the whole page
    assert "Someone else saved the minutes" in page
    assert "Aroha&#x27;s notes" in page
    assert "\nFacilitator notes</textarea>" in page  # still in the box
    assert 'name="version" value="1"' in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Aroha's notes"


def test_every_saved_version_of_the_minutes_can_be_read(client, world, series):
    MinutesRevision.objects.bulk_create(
        MinutesRevision(
            meeting=series[0], version=n, text=f"Version text {n}", saved_by=world.member
        )
        for n in range(1, 26)
    )
    client.force_login(world.member)
    url = reverse("meetings:minutes_history", args=[world.group.public_id, series[0].public_id])
    first, second = client.get(url), client.get(url, {"page": "2"})
    assert [r.version for r in first.context["revisions"]] == list(range(25, 5, -1))
    assert [r.version for r in second.context["revisions"]] == [5, 4, 3, 2, 1]
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert "Version text 1<" in second.content.decode()
