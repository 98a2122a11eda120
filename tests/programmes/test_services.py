from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups.models import GroupInvite, GroupKind, GroupRole, LearningGroup, Status
from kahui.meetings.models import AgendaTemplate
from kahui.notifications.models import Notification
from kahui.orgs.models import OrgMembership, OrgRole
from kahui.programmes import selectors, services
from kahui.programmes.models import Agreement, KickoffKit, Phase, PlannedGroup
from tests.conftest import make_org, make_user
from tests.programmes.factories import make_programme, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(world):
    """A college of the same cluster, with its own administrator."""
    college = make_org("Tōtara College", parent=world.cluster)
    head = make_user("head@totara.example", "Hemi Head", organisation=college)
    OrgMembership.objects.create(organisation=college, user=head, role=OrgRole.ADMIN)
    teacher = make_user("t@totara.example", "Tia Teacher", organisation=college)
    OrgMembership.objects.create(organisation=college, user=teacher)
    college.head, college.teacher = head, teacher
    return college


def test_only_coordinators_set_up_a_programme(world):
    with pytest.raises(NotAllowed):
        services.programme_create(by=world.member, organisation=world.school, name="Ours")
    # the cluster's coordinator may, for a school of the cluster
    programme = services.programme_create(
        by=world.coordinator, organisation=world.school, name="Cluster reading"
    )
    assert programme.phase == Phase.INTAKE
    assert ActivityEntry.objects.filter(
        action="programme.created", programme_link__programme=programme
    ).exists()


def test_partners_come_from_the_cluster_or_from_organisations_one_leads(world, partner):
    assert set(selectors.partner_choices(world.admin, world.school)) == {world.cluster, partner}
    with pytest.raises(KahuiError, match="same cluster"):
        services.programme_create(
            by=world.admin,
            organisation=world.school,
            name="Too far",
            partners=[world.other_school],
        )
    # the outsider administers Elsewhere College, so may partner it with a school it leads
    assert world.other_school not in selectors.partner_choices(world.admin, world.school)
    assert world.school not in selectors.partner_choices(world.outsider, world.other_school)


def test_intake_changes_are_kept_in_the_history(world):
    programme = make_programme(world, generate=False)
    services.intake_save(programme=programme, by=world.coordinator, aim="Reading for all")
    entry = ActivityEntry.objects.filter(action="programme.intake_saved").first()
    assert entry.actor == world.coordinator
    assert entry.changes["aim"] == {
        "label": "Aim of the learning groups",
        "from": "Reading",
        "to": "Reading for all",
    }
    with pytest.raises(NotAllowed):
        services.intake_save(programme=programme, by=world.facilitator, aim="Mine")


def test_a_new_version_resets_agreement_and_keeps_comments_per_version(world, partner):
    programme = services.programme_create(
        by=world.admin, organisation=world.school, name="Bridge", partners=[partner]
    )
    first = services.version_write(
        programme=programme, by=world.admin, groups=[plan("Y6-7 transition", [world.facilitator])]
    )
    programme.refresh_from_db()
    assert programme.phase == Phase.PROPOSAL
    services.version_comment(version=first, by=partner.head, text="Add a maths group?")
    services.version_agree(version=first, by=world.admin, organisation=world.school)
    assert not selectors.is_agreed(first)
    with pytest.raises(NotAllowed):  # the school's admin cannot agree for the college
        services.version_agree(version=first, by=world.admin, organisation=partner)

    second = services.version_write(
        programme=programme,
        by=world.coordinator,
        groups=[
            plan("Y6-7 transition", [world.facilitator], [partner.teacher]),
            plan("Maths bridge", [partner.teacher]),
        ],
    )
    assert second.number == 2
    assert not second.agreements.exists()
    assert first.comments.count() == 1
    assert not second.comments.exists()
    # agreement and comments go on the newest version only
    with pytest.raises(KahuiError, match="newer version"):
        services.version_agree(version=first, by=partner.head, organisation=partner)
    changes = selectors.version_changes(first, second)
    assert "Group added: Maths bridge" in changes
    assert any("participants" in change for change in changes)

    services.version_agree(version=second, by=world.admin, organisation=world.school)
    services.version_agree(version=second, by=partner.head, organisation=partner)
    services.version_agree(version=second, by=partner.head, organisation=partner)  # again
    assert Agreement.objects.filter(version=second).count() == 2
    assert selectors.is_agreed(second)


def test_proposal_people_come_from_the_programme_organisations(world):
    programme = make_programme(world, generate=False)
    with pytest.raises(KahuiError, match="organisations only"):
        services.version_write(
            programme=programme, by=world.admin, groups=[plan("Far", [world.outsider])]
        )
    with pytest.raises(KahuiError, match="needs a facilitator"):
        services.version_write(programme=programme, by=world.admin, groups=[plan("None", [])])


def test_groups_are_made_once_and_only_after_agreement(world, partner):
    programme = services.programme_create(
        by=world.admin, organisation=world.school, name="Bridge", partners=[partner]
    )
    version = services.version_write(
        programme=programme,
        by=world.admin,
        groups=[
            plan("Readers", [world.facilitator], [world.member, world.colleague]),
            plan("Writers", [partner.teacher], [world.member]),
        ],
    )
    services.version_agree(version=version, by=world.admin, organisation=world.school)
    with pytest.raises(KahuiError, match="agree"):
        services.groups_generate(programme=programme, by=world.admin)
    services.version_agree(version=version, by=partner.head, organisation=partner)

    made = services.groups_generate(programme=programme, by=world.coordinator)
    again = services.groups_generate(programme=programme, by=world.coordinator)

    assert len(made) == 2
    assert again == []
    assert programme.groups.count() == 2
    assert LearningGroup.objects.filter(name="Readers").count() == 1
    readers = programme.groups.get(name="Readers")
    assert readers.status == Status.DRAFT
    assert readers.kind == GroupKind.PLG
    assert readers.organisation == world.school
    assert list(readers.partners.all()) == [partner]
    assert list(readers.memberships.values_list("user", "role")) == [
        (world.facilitator.pk, GroupRole.FACILITATOR)
    ]
    # participants are invited; the invitations go out when the facilitator opens it
    assert set(GroupInvite.objects.filter(group=readers).values_list("email", flat=True)) == {
        world.member.email,
        world.colleague.email,
    }
    assert PlannedGroup.objects.get(name="Readers").group == readers
    programme.refresh_from_db()
    assert programme.phase == Phase.KICK_OFF
    with pytest.raises(KahuiError, match="made"):
        services.version_write(
            programme=programme, by=world.admin, groups=[plan("X", [world.admin])]
        )


def test_coaches_belong_to_the_programme_organisations(world):
    programme = make_programme(world)
    with pytest.raises(KahuiError):
        services.coach_add(programme=programme, by=world.admin, user=world.outsider)
    services.coach_add(programme=programme, by=world.admin, user=world.colleague)
    assert world.colleague in programme.coaches.all()
    services.coach_remove(programme=programme, by=world.coordinator, user=world.colleague)
    assert world.colleague not in programme.coaches.all()
    assert ActivityEntry.objects.filter(action="programme.coach_removed").exists()


def test_kickoff_tells_every_participant_and_collects_answers(
    world, django_capture_on_commit_callbacks
):
    programme = make_programme(world, generate=True)
    group = programme.groups.get()
    group.memberships.create(user=world.member, role=GroupRole.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        kickoff = services.kickoff_schedule(
            programme=programme,
            by=world.admin,
            starts_at=datetime(2027, 2, 10, 15, 30, tzinfo=ZoneInfo("Pacific/Auckland")),
            place="Library",
        )
    told = set(
        Notification.objects.filter(url__contains=str(programme.public_id)).values_list(
            "user", flat=True
        )
    )
    assert told == {world.facilitator.pk, world.member.pk}
    assert len(kickoff.tasks) == 3
    assert "What a PLG is" in kickoff.agenda

    services.kickoff_answer(kickoff=kickoff, by=world.member, task=0, text="Trust and time")
    services.kickoff_answer(kickoff=kickoff, by=world.member, task=0, text="Trust, time, focus")
    assert kickoff.answers.get().text == "Trust, time, focus"
    with pytest.raises(NotAllowed):
        services.kickoff_answer(kickoff=kickoff, by=world.colleague, task=0, text="Me too")
    with pytest.raises(KahuiError):
        services.kickoff_answer(kickoff=kickoff, by=world.member, task=9, text="No such")


def test_an_organisation_adapts_its_kickoff_and_the_builtin_stays(world):
    services.kit_save(
        organisation=world.school, by=world.admin, tasks="Our own task\n\nAnother", agenda="Ours"
    )
    with pytest.raises(NotAllowed):
        services.kit_save(organisation=world.school, by=world.member, tasks="x", agenda="")
    programme = make_programme(world)
    assert programme.kickoff.tasks == ["Our own task", "Another"]
    assert programme.kickoff.agenda == "Ours"
    assert AgendaTemplate.objects.get(key="kickoff", group=None).steps.count() == 6
    KickoffKit.objects.all().delete()


def test_intervisie_circle_of_the_facilitators(world, partner):
    programme = make_programme(world)
    circle = services.circle_create(programme=programme, by=world.coordinator, name="Intervisie")
    assert circle.kind == GroupKind.INTERVISIE
    assert circle.status == Status.ACTIVE
    assert circle.access == "invite"
    assert circle.default_template.key == "intervisie"
    assert dict(circle.memberships.values_list("user", "role")) == {
        world.coordinator.pk: GroupRole.FACILITATOR,
        world.facilitator.pk: GroupRole.MEMBER,
    }
    assert list(programme.circles.all()) == [circle]
    assert [step.title for step in circle.default_template.steps.all()][1:5] == [
        "The case",
        "Clarifying questions",
        "Analysis",
        "Advice",
    ]


def test_a_circle_is_written_in_its_organisation_s_language(world, partner):
    world.school.default_language = "nl"
    world.school.save()
    programme = make_programme(world)
    with translation.override("en"):  # the coordinator's page is in English
        circle = services.circle_create(programme=programme, by=world.coordinator, name="Kring")
    assert circle.language == "nl"
    assert circle.purpose.startswith("Begeleiders van")
    assert circle.goals.get().text.startswith("Elke begeleider brengt een casus in")


def test_hand_over_moves_to_independent(world, time_machine):
    time_machine.move_to(datetime(2027, 6, 1, 9, 0, tzinfo=ZoneInfo("Pacific/Auckland")))
    programme = make_programme(world)
    programme.support_ends_on = timezone.localdate() + timedelta(days=30)
    programme.save()
    services.programme_hand_over(programme=programme, by=world.admin)
    programme.refresh_from_db()
    assert programme.phase == Phase.INDEPENDENT
    assert programme.support_ends_on == timezone.localdate()
    moves = selectors.phase_moves(programme)
    assert moves[0].changes["phase"]["to"] == "Running independently"
    assert moves[0].actor == world.admin


def test_the_facilitator_home_asks_for_the_kickoff_answers(world):
    programme = make_programme(world)
    (item,) = selectors.kickoff_waiting(world.facilitator)
    assert item.url.endswith(f"/programmes/{programme.public_id}/kick-off/")
    for task in range(3):
        services.kickoff_answer(
            kickoff=programme.kickoff, by=world.facilitator, task=task, text="Trust"
        )
    assert selectors.kickoff_waiting(world.facilitator) == []
    assert selectors.kickoff_waiting(world.member) == []
