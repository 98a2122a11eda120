from kahui.programmes.models import Programme
from tests.conftest import make_meeting, make_user


def coach_of(world, *, email: str = "lee@coaches.example", name: str = "Lee Coach"):
    """A coach of a programme holding the world's group: they coach its facilitator."""
    coach = make_user(email, name)
    programme = Programme.objects.create(name="Reading together", organisation=world.cluster)
    programme.groups.add(world.group)
    programme.coaches.add(coach)
    return coach


def held_meeting(world, *, title: str = "Hui"):
    """A meeting of the world's group with the built-in regular agenda."""
    meeting = make_meeting(world, title=title, template_key="regular")
    assert meeting.agenda.exists()
    return meeting
