"""Moving agenda items with their Move up / Move down buttons, without JavaScript:
the page comes back in the new order, the focus on the same button, nothing saved
until Save agenda."""

import re

from django.urls import reverse

from tests.conftest import make_meeting


def agenda_data(meeting, **changes):
    items = list(meeting.agenda.all())
    data = {
        "items-TOTAL_FORMS": str(len(items) + 1),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "20",
    }
    for n, item in enumerate(items):
        data |= {
            f"items-{n}-title": item.title,
            f"items-{n}-kind": item.kind,
            f"items-{n}-minutes": str(item.minutes),
            f"items-{n}-guidance": item.guidance,
            f"items-{n}-ORDER": str(n + 1),
        }
    data[f"items-{len(items)}-kind"] = "discussion"  # the empty row's choice, as sent
    data.update(changes)
    return data


def titles_on(html):
    return re.findall(r'name="items-\d+-title" value="([^"]*)"', html)


def test_move_down_shows_the_new_order_without_saving(client, world):
    meeting = make_meeting(world, template_key="regular")
    before = list(meeting.agenda.values_list("title", flat=True))
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id])
    response = client.post(url, agenda_data(meeting, move="0:down"))
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_on(html)[:3] == [before[1], before[0], before[2]]
    assert re.search(r'value="1:down"[^>]*autofocus', html)
    assert "Item moved to place 2" in html
    assert list(meeting.agenda.values_list("title", flat=True)) == before

    response = client.post(url, agenda_data(meeting, move="1:up"))
    # At the top there is no "Move up": the focus goes to the same item's "Move down".
    assert re.search(r'value="0:down"[^>]*autofocus', response.content.decode())


def test_the_order_numbers_typed_are_kept_when_a_button_is_pressed(client, world):
    meeting = make_meeting(world, template_key="regular")
    before = list(meeting.agenda.values_list("title", flat=True))
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id])
    # The first item numbered to come third, then the (now) first moved down.
    data = agenda_data(
        meeting, **{"items-0-ORDER": "3", "items-1-ORDER": "1", "items-2-ORDER": "2"}, move="1:down"
    )
    titles = titles_on(client.post(url, data).content.decode())
    assert titles[:3] == [before[2], before[1], before[0]]


def test_the_moved_order_is_saved_and_logged(client, world):
    meeting = make_meeting(world, template_key="regular")
    before = list(meeting.agenda.values_list("title", flat=True))
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id])
    moved = client.post(url, agenda_data(meeting, move="0:down"))
    # The page as it came back, saved.
    data = moved.context["formset"].data.copy()
    del data["move"]
    response = client.post(url, data)
    assert response.status_code == 302
    after = list(meeting.agenda.values_list("title", flat=True))
    assert after[:2] == [before[1], before[0]]
    assert world.group.activity.filter(action="meeting.agenda_changed").exists()


def test_a_nonsense_move_is_an_ordinary_save(client, world):
    meeting = make_meeting(world, template_key="regular")
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id])
    assert client.post(url, agenda_data(meeting, move="99:up")).status_code == 302
