"""A programme of the world's school, run by its administrator, as far as the kick-off:
the proposal agreed, one group made (the world's facilitator facilitates it, the world's
member is invited), a coach, the kick-off scheduled."""

from datetime import timedelta

from django.utils import timezone

from kahui.orgs.models import OrgMembership
from kahui.programmes import services
from kahui.programmes.models import Programme
from tests.conftest import make_user


def plan(name, facilitators, participants=(), focus="Lift early reading together."):
    return services.GroupPlan(
        name=name,
        focus=focus,
        frequency="fortnightly",
        meeting_minutes=60,
        facilitators=list(facilitators),
        participants=list(participants),
    )


def make_programme(world, *, generate: bool = True) -> Programme:
    programme = services.programme_create(
        by=world.admin, organisation=world.school, name="Reading together"
    )
    services.intake_save(
        programme=programme, by=world.admin, wishes="Teachers learn from each other", aim="Reading"
    )
    version = services.version_write(
        programme=programme,
        by=world.admin,
        groups=[plan("Junior readers", [world.facilitator], [world.member])],
    )
    if generate:
        services.version_agree(version=version, by=world.admin, organisation=world.school)
        services.groups_generate(programme=programme, by=world.admin)
        coach = make_user("coach@kowhai.example", "Kiri Coach", organisation=world.school)
        OrgMembership.objects.create(organisation=world.school, user=coach)
        services.coach_add(programme=programme, by=world.admin, user=coach)
        services.kickoff_schedule(
            programme=programme,
            by=world.admin,
            starts_at=timezone.now() + timedelta(days=10),
            place="School hall",
        )
    return programme
