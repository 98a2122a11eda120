"""Forms that fit, server side: the role rows answer htmx with their own form and a
note, the fields that depend on another carry what show-fields.js reads (with the
form's prefix), and a time chosen from a poll asks only for the place its format
needs."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from kahui.core.models import FocusArea
from kahui.groups.models import GroupMembership, GroupRole
from kahui.orgs.forms import FocusAreaReviewForm
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.scheduling.forms import ChooseForm

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_a_group_role_changed_with_htmx_comes_back_as_its_row(client, world):
    client.force_login(world.facilitator)
    url = reverse("groups:member_role", args=[world.group.public_id, world.member.public_id])
    response = client.post(url, {"role": GroupRole.FACILITATOR}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert "<html" not in html
    assert f"{world.member.display_name} is now Facilitator." in html
    assert 'role="status"' in html
    assert '<option value="facilitator" selected>' in html
    membership = GroupMembership.objects.get(group=world.group, user=world.member)
    assert membership.role == GroupRole.FACILITATOR


@pytest.mark.django_db
def test_a_refused_role_change_shows_why_and_the_role_kept(client, world):
    client.force_login(world.facilitator)
    url = reverse("groups:member_role", args=[world.group.public_id, world.facilitator.public_id])
    response = client.post(url, {"role": GroupRole.MEMBER}, **HTMX)
    html = response.content.decode()
    assert "A group needs at least one facilitator." in html
    assert "error-text" in html
    assert '<option value="facilitator" selected>' in html
    membership = GroupMembership.objects.get(group=world.group, user=world.facilitator)
    assert membership.role == GroupRole.FACILITATOR


@pytest.mark.django_db
def test_without_htmx_the_role_form_still_returns_to_the_page(client, world):
    client.force_login(world.facilitator)
    url = reverse("groups:member_role", args=[world.group.public_id, world.member.public_id])
    response = client.post(url, {"role": GroupRole.FACILITATOR})
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:members", args=[world.group.public_id])
    page = client.get(response["Location"]).content.decode()
    assert f"{world.member.display_name} is now Facilitator." in page


@pytest.mark.django_db
def test_an_organisation_role_changed_with_htmx_comes_back_as_its_row(client, world):
    client.force_login(world.admin)
    teacher = OrgMembership.objects.create(organisation=world.school, user=world.outsider)
    url = reverse("orgs:member_role", args=[world.school.slug, world.outsider.public_id])
    response = client.post(url, {"role": OrgRole.COORDINATOR}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert f"Role changed for {world.outsider.display_name}." in html
    teacher.refresh_from_db()
    assert teacher.role == OrgRole.COORDINATOR


def test_a_review_names_the_decision_with_its_prefix():
    area = FocusArea(name="Maths talk", slug="maths-talk")
    form = FocusAreaReviewForm(area=area, shared=[("reading", "Reading")])
    html = str(form)
    assert 'data-shown-by="maths-talk-decision" data-show-for="rename"' in html
    assert 'data-shown-by="maths-talk-decision" data-show-for="merge"' in html
    assert "data-searchable" in str(form["into"])


@pytest.mark.parametrize(
    ("format", "asked", "not_asked"),
    [
        ("in_person", "location", "online_url"),
        ("online", "online_url", "location"),
    ],
)
def test_choosing_a_time_asks_only_for_the_place_its_format_needs(format, asked, not_asked):
    option = SimpleNamespace(public_id="abc", format=format)
    form = ChooseForm(option=option)
    assert form.fields[asked].required
    assert not form[asked].is_hidden
    assert form[not_asked].is_hidden
    bound = ChooseForm({"repeat": ""}, option=option)
    assert not bound.is_valid()
    assert set(bound.errors) == {asked}


def test_a_hybrid_time_asks_for_both():
    form = ChooseForm(option=SimpleNamespace(public_id="abc", format="hybrid"))
    assert not form["location"].is_hidden
    assert not form["online_url"].is_hidden
