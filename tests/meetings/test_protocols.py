"""Protocols and agendas: the built-in ones, copying, editing and choosing a default,
and editing one meeting's agenda."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError
from kahui.meetings import services
from kahui.meetings.activity import MeetingActivity
from kahui.meetings.models import AgendaTemplate
from tests.meetings.helpers import plan

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_builtin_protocols_exist():
    keys = set(AgendaTemplate.objects.filter(group=None).values_list("key", flat=True))
    assert {"regular", "consultancy", "tuning", "data_dialogue", "success_analysis"} <= keys


def test_protocol_copy_edit_and_default(client, world):
    builtin = AgendaTemplate.objects.get(key="consultancy")
    copy = services.template_copy(template=builtin, group=world.group, by=world.facilitator)
    client.force_login(world.facilitator)
    url = reverse("meetings:template_edit", args=[world.group.public_id, copy.public_id])
    response = client.post(
        url,
        {
            "name": "Our consultancy",
            "description": "",
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
            "steps-0-title": "Dilemma",
            "steps-0-kind": "discussion",
            "steps-0-minutes": "15",
            "steps-1-title": "",
            "steps-1-kind": "discussion",
            "steps-1-minutes": "",
        },
    )
    assert response.status_code == 302
    assert [s.title for s in copy.steps.all()] == ["Dilemma"]
    services.template_make_default(template=copy, group=world.group, by=world.facilitator)
    [meeting] = services.meetings_schedule(
        group=world.group, by=world.facilitator, plan=plan(template=None)
    )
    assert [a.title for a in meeting.agenda.all()] == ["Dilemma"]
    with pytest.raises(KahuiError, match="copy one first"):
        services.template_save(
            template=builtin, by=world.facilitator, name="x", description="", steps=[]
        )


@pytest.mark.parametrize("total", ["abc", "", "-1", "99999999999999999999"])
def test_protocol_steps_with_a_broken_form_count_are_refused_not_crashed(client, world, total):
    copy = services.template_copy(
        template=AgendaTemplate.objects.get(key="consultancy"),
        group=world.group,
        by=world.facilitator,
    )
    client.force_login(world.facilitator)
    response = client.post(
        reverse("meetings:template_edit", args=[world.group.public_id, copy.public_id]),
        {
            "name": "Our consultancy",
            "steps-TOTAL_FORMS": total,
            "steps-INITIAL_FORMS": "0",
            "steps-0-title": "Dilemma",
            "steps-0-kind": "discussion",
            "steps-0-minutes": "15",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Our consultancy"' in page
    if total in ("abc", ""):  # not a number at all
        assert "ManagementForm data is missing or has been tampered with" in page
    copy.refresh_from_db()
    assert copy.name != "Our consultancy"


def agenda_post(items, *, extra=None) -> dict:
    """The agenda page's form data: ``items`` as (title, minutes, order, delete)."""
    data = {"items-TOTAL_FORMS": str(len(items) + 1), "items-INITIAL_FORMS": str(len(items))}
    for index, (title, minutes, order, delete) in enumerate([*items, extra or ("", "", "", False)]):
        data.update(
            {
                f"items-{index}-title": title,
                f"items-{index}-kind": "discussion",
                f"items-{index}-minutes": str(minutes),
                f"items-{index}-guidance": "",
                f"items-{index}-ORDER": str(order),
            }
        )
        if delete:
            data[f"items-{index}-DELETE"] = "on"
    return data


def test_a_facilitator_edits_one_meetings_agenda(
    client, world, series, django_assert_max_num_queries
):
    from kahui.core.models import ActivityEntry

    meeting = series[1]
    g = world.group.public_id
    url = reverse("meetings:agenda_edit", args=[g, meeting.public_id])
    detail = reverse("meetings:detail", args=[g, meeting.public_id])
    client.force_login(world.member)
    assert url not in client.get(detail).content.decode()
    client.force_login(world.facilitator)
    assert url in client.get(detail).content.decode()
    with django_assert_max_num_queries(10):
        page = client.get(url)
    assert page.status_code == 200
    original = list(meeting.agenda.all())
    assert 'name="items-0-ORDER"' in page.content.decode()
    rows = [(item.title, item.minutes, n, False) for n, item in enumerate(original, start=1)]
    first, second = rows[0], rows[1]
    rows[0] = ("Whakawhanaungatanga", 10, 2, False)  # renamed and moved below the next
    rows[1] = (second[0], second[1], 1, False)
    rows[-1] = (rows[-1][0], rows[-1][1], rows[-1][2], True)  # removed
    with django_assert_max_num_queries(20):
        response = client.post(
            url, agenda_post(rows, extra=("Guest talk", 20, len(rows) + 1, False))
        )
    assert response.status_code == 302
    titles = [(item.title, item.minutes) for item in meeting.agenda.all()]
    assert titles[:2] == [(second[0], second[1]), ("Whakawhanaungatanga", 10)]
    assert titles[-1] == ("Guest talk", 20)
    assert original[-1].title not in [title for title, _minutes in titles[:-1]]
    assert len(titles) == len(original)  # one removed, one added
    assert [a.title for a in series[2].agenda.all()] == [a.title for a in original]
    entry = ActivityEntry.objects.filter(action=MeetingActivity.AGENDA_CHANGED).get()
    assert "Guest talk (20)" in entry.changes["agenda"]["to"]
    assert first[0] in entry.changes["agenda"]["from"]


def test_a_broken_agenda_is_refused_and_what_was_typed_kept(client, world, series):
    meeting = series[1]
    before = [(item.title, item.minutes) for item in meeting.agenda.all()]
    client.force_login(world.facilitator)
    rows = [(title, minutes, n, False) for n, (title, minutes) in enumerate(before, start=1)]
    response = client.post(
        reverse("meetings:agenda_edit", args=[world.group.public_id, meeting.public_id]),
        agenda_post(rows, extra=("Guest talk", "lots", 9, False)),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a whole number." in page
    assert 'value="Guest talk"' in page
    assert [(item.title, item.minutes) for item in meeting.agenda.all()] == before


def test_the_agenda_page_offers_an_empty_item_to_add_one(client, world, series):
    client.force_login(world.facilitator)
    url = reverse("meetings:agenda_edit", args=[world.group.public_id, series[1].public_id])
    page = client.get(url).content.decode()
    assert page.count("Add an item") == 1
    assert 'name="items-6-title" maxlength' in page  # six steps, then the empty one
