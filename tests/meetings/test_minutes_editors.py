"""Who else is editing the minutes now: each editing page says so every twenty
seconds or so, and the others see the names of those seen in the last minute."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from tests.conftest import make_meeting

T0 = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)


def test_the_others_see_who_is_editing_for_a_minute(client, world, time_machine):
    meeting = make_meeting(world)
    url = reverse("meetings:minutes_editors", args=[world.group.public_id, meeting.public_id])
    time_machine.move_to(T0, tick=False)
    client.force_login(world.member)
    mine = client.post(url, {"editing": "yes"}).content.decode()
    assert "Mere Member" not in mine  # never oneself

    client.force_login(world.facilitator)
    assert "Mere Member" in client.get(url).content.decode()
    page = client.get(reverse("meetings:detail", args=[world.group.public_id, meeting.public_id]))
    assert "Also editing the minutes now:" in page.content.decode()

    time_machine.move_to(T0 + timedelta(seconds=61), tick=False)
    assert "Mere Member" not in client.get(url).content.decode()


def test_leaving_takes_the_name_off_at_once(client, world):
    meeting = make_meeting(world)
    url = reverse("meetings:minutes_editors", args=[world.group.public_id, meeting.public_id])
    client.force_login(world.member)
    client.post(url, {"editing": "yes"})
    client.post(url, {"editing": "no"})
    client.force_login(world.facilitator)
    assert "Mere Member" not in client.get(url).content.decode()
