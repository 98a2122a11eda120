"""Organisation objectives: coordinators keep them; group goals and personal goals say
which they serve; the dashboard shows which have groups working on them."""

import pytest
from django.urls import reverse

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.orgs.models import LearningObjective
from kahui.oversight import selectors, services
from kahui.oversight.access import Overseen
from kahui.reflection import services as reflection_services

pytestmark = pytest.mark.django_db


def test_admins_add_and_change_objectives_with_history(client, world):
    client.force_login(world.admin)
    url = reverse("oversight:objectives", args=[world.school.slug])
    response = client.post(url, {"title": "Structured literacy", "description": "Years 0–3"})
    assert response.status_code == 302
    objective = LearningObjective.objects.get(organisation=world.school)
    assert objective.title == "Structured literacy"
    response = client.post(
        reverse("oversight:objective", args=[world.school.slug, objective.public_id]),
        {"title": "Structured literacy for all", "description": "", "active": ""},
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.title, objective.active) == ("Structured literacy for all", False)
    actions = list(
        ActivityEntry.objects.filter(organisation=world.school).values_list("action", flat=True)
    )
    assert "oversight.objective_added" in actions
    assert "oversight.objective_changed" in actions


def test_an_objective_without_a_title_is_refused_and_keeps_what_was_typed(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("oversight:objectives", args=[world.school.slug]),
        {"title": "", "description": "Why it matters"},
    )
    assert response.status_code == 400
    assert "Why it matters" in response.content.decode()
    assert not LearningObjective.objects.exists()


def test_only_coordinators_set_objectives(world):
    with pytest.raises(NotAllowed):
        services.objective_add(organisation=world.school, by=world.member, title="Maths")


def test_a_group_goal_links_to_an_objective_through_its_form(client, world):
    objective = services.objective_add(
        organisation=world.cluster, by=world.coordinator, title="Oral language"
    )
    goal = world.group.goals.get()
    client.force_login(world.facilitator)
    url = reverse("groups:edit", args=[world.group.public_id, "goals"])
    assert "Oral language" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "1",
            "goals-0-id": goal.pk,
            "goals-0-text": goal.text,
            "goals-0-evidence": goal.evidence,
            "goals-0-objective": objective.pk,
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.objective == objective


def test_a_personal_goal_serves_an_objective_of_the_groups_organisation(world):
    mine = services.objective_add(organisation=world.school, by=world.admin, title="Numeracy")
    elsewhere = LearningObjective.objects.create(organisation=world.other_school, title="Art")
    goal = reflection_services.personal_goal_add(
        user=world.member, group=world.group, text="Number talks", objective=mine
    )
    assert goal.objective == mine
    with pytest.raises(KahuiError):
        reflection_services.personal_goal_add(
            user=world.member, group=world.group, text="Drawing", objective=elsewhere
        )


def test_the_dashboard_shows_which_objectives_have_groups(client, world):
    used = services.objective_add(organisation=world.school, by=world.admin, title="Numeracy")
    services.objective_add(organisation=world.school, by=world.admin, title="Wellbeing")
    goal = world.group.goals.get()
    goal.objective = used
    goal.save()
    uses = selectors.objectives_in_use(world.school, Overseen(organisation=world.school).groups())
    assert [(u.objective.title, u.groups) for u in uses] == [
        ("Numeracy", [world.group.name]),
        ("Wellbeing", []),
    ]
    client.force_login(world.admin)
    text = client.get(reverse("oversight:dashboard", args=[world.school.slug])).content.decode()
    assert "No group works on it yet" in text
