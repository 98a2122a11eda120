"""``kahui seed-demo``: a believable cluster, built once, through the services."""

from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from kahui.accounts.models import Profile, User
from kahui.api.models import ApiToken, TokenScope
from kahui.core.models import ActivityEntry, FocusArea, SearchDocument
from kahui.demo import builder as demo
from kahui.discussions.models import Post, Reaction, Thread
from kahui.groups.activity import GroupActivity
from kahui.groups.models import (
    Goal,
    GroupInvite,
    GroupMembership,
    GroupRole,
    JoinRequest,
    LearningGroup,
    Norm,
)
from kahui.groups.stages import Stage
from kahui.health import selectors as health_selectors
from kahui.health.models import HealthAnswer, HealthCheck, HealthComment, HealthSettings
from kahui.health.results import CONDITIONS
from kahui.inquiry.models import (
    AssessmentDataSet,
    EvidenceItem,
    GoalMeasure,
    GoalReading,
    GoalRevisit,
    InquiryCycle,
    StageMove,
    StageRecord,
    StageRecordRevision,
    Trial,
)
from kahui.inquiry.models_of_inquiry import HE_PIKORUA
from kahui.inquiry.selectors import cycle_page
from kahui.library.models import ProductVersion, Resource
from kahui.meetings import selectors
from kahui.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaTemplate,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingGuest,
    MeetingSeries,
    MeetingStatus,
    MinutesRevision,
    NormReview,
)
from kahui.notifications.models import Dispatch, Notification
from kahui.orgs.activity import OrgActivity
from kahui.orgs.models import (
    Organisation,
    OrgDomain,
    OrgKind,
    OrgMembership,
    OrgRole,
    PeriodKind,
    SchoolPeriod,
)
from kahui.proposals.models import DecisionRules, Proposal, Response
from kahui.retrospective.models import Retrospective
from kahui.scheduling.models import AvailabilityPoll, PollAnswer, WeeklyAvailability
from kahui.voice.models import Survey, SurveyResponse
from tests.conftest import fast_settings

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

COUNTED = (
    ApiToken,
    User,
    Profile,
    EmailAddress,
    Organisation,
    OrgMembership,
    FocusArea,
    LearningGroup,
    GroupMembership,
    Goal,
    Norm,
    JoinRequest,
    GroupInvite,
    ActivityEntry,
    SchoolPeriod,
    AgendaTemplate,
    MeetingSeries,
    Meeting,
    AgendaItem,
    MinutesRevision,
    Decision,
    ActionItem,
    Attendance,
    NormReview,
    MeetingGuest,
    Thread,
    Post,
    Reaction,
    Resource,
    AvailabilityPoll,
    PollAnswer,
    WeeklyAvailability,
    DecisionRules,
    Proposal,
    Response,
    Retrospective,
    SearchDocument,
    InquiryCycle,
    StageMove,
    StageRecord,
    StageRecordRevision,
    Trial,
    GoalMeasure,
    GoalReading,
    GoalRevisit,
    HealthSettings,
    HealthCheck,
    HealthAnswer,
    HealthComment,
    Survey,
    SurveyResponse,
    ProductVersion,
)


from kahui.discussions.models import Thread  # noqa: E402
from kahui.scheduling.models import AvailabilityPoll, WeeklyAvailability  # noqa: E402

DUMMY_TASKS = "django.tasks.backends.dummy.DummyBackend"


@pytest.fixture(autouse=True)
def _no_email_worker(settings):
    # The services queue invitation emails; nothing needs to run them here.
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASKS}}


def story_groups():
    """The groups whose story the demo tells (not those a programme made or its
    intervisie circle, which have their own tests)."""
    return LearningGroup.objects.filter(planned_as=None, circle_of_programmes=None)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built once for this module's tests, in a transaction rolled back after
    the last of them; each test runs in a savepoint inside it, so what one test changes
    never reaches the next. Returns what ``kahui seed-demo`` printed."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            **{
                **fast_settings(tmp_path_factory.mktemp("media")),
                "TASKS": {"default": {"BACKEND": DUMMY_TASKS}},
            }
        ),
        transaction.atomic(),
    ):
        yield seed()
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}


def test_seed_demo_builds_the_cluster_once(seeded):
    first = seeded
    counts = row_counts()
    second = seed()

    assert "Demo ready" in first
    assert "already in place" in second
    assert row_counts() == counts, "the second run must not add or change rows"
    assert all(counts.values()), "every counted table has demo rows"
    # The bells fill up, but no email is queued to the demo addresses.
    assert Notification.objects.exists()
    assert not Dispatch.objects.exists()
    for output in (first, second):
        assert "kahui-demo" in output
        assert "http://127.0.0.1:8000/" in output

    schools = Organisation.objects.exclude(kind=OrgKind.CLUSTER)
    assert schools.count() == 8
    assert set(schools.values_list("country", flat=True)) == {"NZ", "NL"}
    assert not schools.filter(parent=None).exists()
    assert {OrgKind.KURA, OrgKind.EARLY_LEARNING} <= set(schools.values_list("kind", flat=True))

    assert User.objects.count() == 60
    assert Profile.objects.count() == 60
    assert not User.objects.exclude(email__endswith=".example").exists()
    assert set(Profile.objects.values_list("time_zone", flat=True)) == {
        "Pacific/Auckland",
        "Europe/Amsterdam",
    }
    assert Profile.objects.filter(language="nl").exists()
    assert len(set(Profile.objects.values_list("role", flat=True))) == 5
    assert OrgMembership.objects.filter(role=OrgRole.COORDINATOR).exists()
    assert OrgMembership.objects.filter(role=OrgRole.ADMIN).count() == 10


def test_every_demo_user_can_sign_in_straight_away(seeded):
    for user in User.objects.all():
        assert authenticate(email=user.email, password=demo.DEMO_PASSWORD) == user, user.email
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()


def test_one_school_has_its_email_domain_tied(seeded):
    """Its administrator tied it (docs/SSO.md); SSO is not required, as the demo has no
    sign-in provider."""
    tie = OrgDomain.objects.select_related("organisation").get()
    admin = tie.organisation.memberships.get(role=OrgRole.ADMIN).user
    assert tie.domain == admin.email.rpartition("@")[2]
    assert not tie.require_sso
    assert ActivityEntry.objects.filter(
        action=OrgActivity.DOMAIN_ADDED, organisation=tie.organisation, actor=admin
    ).exists()


def test_groups_cover_every_stage_with_full_charters(seeded):
    groups = story_groups().annotate(
        members=Count("memberships", distinct=True),
        facilitators=Count(
            "memberships", filter=Q(memberships__role=GroupRole.FACILITATOR), distinct=True
        ),
        goal_count=Count("goals", distinct=True),
        norm_count=Count("norms", distinct=True),
    )
    assert groups.count() == 6
    assert {group.stage for group in groups} == set(Stage.values)
    assert len({group.format for group in groups}) == 3
    assert len({group.scope for group in groups}) == 2
    assert len({group.access for group in groups}) == 3
    for group in groups:
        assert group.status == "active"
        assert group.vision
        assert 1 <= group.facilitators <= 2, group.name
        assert 2 <= group.goal_count <= 3, group.name
        assert 4 <= group.norm_count <= 6, group.name
        assert not group.goals.filter(evidence="").exists()
    sizes = sorted(group.members for group in groups)
    assert 4 <= sizes[0] <= 5, "one small group shows the size warning"
    assert all(6 <= size <= 12 for size in sizes[1:])

    assert JoinRequest.objects.pending().count() >= 2
    assert GroupInvite.objects.pending().count() >= 1
    # The history was written by the services, and spans months rather than one moment.
    actions = set(ActivityEntry.objects.values_list("action", flat=True))
    assert {
        GroupActivity.CREATED,
        GroupActivity.UPDATED,
        GroupActivity.GOAL_ADDED,
        GroupActivity.GOAL_CHANGED,
        GroupActivity.NORM_ADDED,
        GroupActivity.INVITED,
        GroupActivity.MEMBER_JOINED,
        GroupActivity.ACTIVATED,
        GroupActivity.STAGE_CHANGED,
        GroupActivity.JOIN_REQUESTED,
        GroupActivity.JOIN_APPROVED,
        OrgActivity.CREATED,
        OrgActivity.MEMBER_JOINED,
    } <= actions
    times = ActivityEntry.objects.values_list("created_at", flat=True)
    assert (max(times) - min(times)).days > 180
    assert LearningGroup.objects.filter(cycle=2).exists()


def test_log_in_table_matches_the_data(seeded):
    output = seeded
    for login in demo.demo_logins():
        assert login.email in output
        assert User.objects.filter(email=login.email).exists()
    outsider = next(login for login in demo.demo_logins() if login.who == "Outsider")
    assert not GroupMembership.objects.filter(user__email=outsider.email).exists()
    coordinator = next(login for login in demo.demo_logins() if login.who == "Coordinator")
    assert OrgMembership.objects.filter(
        user__email=coordinator.email, role=OrgRole.COORDINATOR
    ).exists()


def test_roster_is_deterministic():
    first, second = demo.demo_roster(), demo.demo_roster()
    assert first == second
    assert len({person.email for person in first}) == 60
    assert all(person.email.isascii() for person in first)


def test_every_group_has_a_meeting_history(seeded):
    now = timezone.now()
    for group in story_groups():
        series = group.meeting_series.order_by("start_date").first()
        assert series is not None, group.name
        dutch = group.organisation.country == "NL"
        assert series.time_zone == (demo.NL_TIME_ZONE if dutch else demo.NZ_TIME_ZONE)
        assert series.template is not None
        assert group.default_template == series.template

        # The series starts within a week of the group opening (its first meeting may
        # wait for the term to start) and runs on into the future.
        zone = ZoneInfo(series.time_zone)
        opened = ActivityEntry.objects.get(group=group, action=GroupActivity.ACTIVATED).created_at
        opened_day = opened.astimezone(zone).date()
        assert opened_day < series.start_date <= opened_day + timedelta(days=7), group.name
        meetings = list(group.meetings.order_by("starts_at"))
        assert opened < meetings[0].starts_at, group.name
        assert meetings[-1].starts_at > now + timedelta(weeks=4), group.name
        # Every occurrence keeps the same local wall-clock time, on both sides of DST.
        assert {m.starts_at.astimezone(zone).time() for m in meetings} == {series.start_time}
        assert all(m.original_start == m.starts_at for m in meetings if m.series_id)
        assert all(m.agenda.exists() for m in meetings), group.name

        held = [m for m in meetings if m.ends_at < now and m.status == MeetingStatus.SCHEDULED]
        assert held, group.name
        for meeting in held:
            assert meeting.minutes.startswith("## "), meeting
            assert meeting.note_taker_id, meeting
            assert meeting.timekeeper_id, meeting
            marks = list(meeting.attendance.all())
            assert any(m.status == AttendanceStatus.PRESENT for m in marks), meeting
            assert {m.user_id for m in marks} <= set(
                group.memberships.filter(created_at__lte=meeting.starts_at).values_list(
                    "user_id", flat=True
                )
            )
            # Written up at the meeting, not when the demo was built.
            revision = meeting.revisions.order_by("version").first()
            assert meeting.ends_at < revision.saved_at < meeting.ends_at + timedelta(hours=1)
            assert revision.saved_by_id == meeting.note_taker_id
        assert Decision.objects.filter(meeting=held[-1]).exists()
        statuses = set(group.actions.values_list("status", flat=True))
        assert {ActionStatus.OPEN, ActionStatus.DONE} <= statuses, group.name
        assert group.norm_reviews.exists(), group.name
        assert not group.meetings.filter(ends_at__gte=now).exclude(attendance=None).exists()
        # Duties go round: not always the same note-taker.
        if len(held) > 2:
            assert len({m.note_taker_id for m in held}) > 1, group.name

    done = ActionItem.objects.filter(status=ActionStatus.DONE)
    assert not done.filter(completed_at=None).exists()
    assert all(a.created_at < a.completed_at < now for a in done)
    assert any(action.is_overdue for action in ActionItem.objects.open())
    assert MinutesRevision.objects.filter(version=2).exists()
    assert Meeting.objects.filter(
        status=MeetingStatus.CANCELLED, ends_at__lt=now, cancel_reason="Teacher only day"
    ).exists()
    assert MeetingGuest.objects.filter(meeting__starts_at__gt=now).exists()
    assert AgendaTemplate.objects.filter(group__isnull=False, copied_from__isnull=False).exists()
    # The Dutch group writes its minutes in Dutch.
    dutch_group = story_groups().get(organisation__country="NL")
    first = dutch_group.meetings.order_by("starts_at").first()
    assert first.minutes.startswith(f"## {demo.MEETINGS[dutch_group.name].notes[0].focus}")

    # Term dates whenever the demo is built: New Zealand terms on the cluster from
    # this year on, Dutch school years with their holidays; both reach into the future.
    nz = Organisation.objects.get(name=demo.DEMO_CLUSTER_NAME)
    today = timezone.localdate(now, ZoneInfo(demo.NZ_TIME_ZONE))
    terms = SchoolPeriod.objects.filter(organisation=nz, kind=PeriodKind.TERM)
    assert terms.filter(first_day__year=today.year).count() == 4
    assert terms.filter(last_day__gte=today).exists()
    nl = Organisation.objects.get(name=demo.NL_NETWORK.name)
    school_years = SchoolPeriod.objects.filter(organisation=nl, kind=PeriodKind.TERM)
    assert all(p.name.startswith("Schooljaar") for p in school_years)
    assert school_years.filter(last_day__gte=today).exists()
    holidays = set(
        SchoolPeriod.objects.filter(organisation=nl, kind=PeriodKind.HOLIDAY).values_list(
            "name", flat=True
        )
    )
    for name in ("Herfst", "Kerst", "Voorjaars", "Mei", "Zomer"):
        assert any(h.startswith(name) for h in holidays), name
    assert MeetingSeries.objects.filter(follow_terms=True).exclude(skipped_dates=[]).exists()


def test_demo_people_see_their_meetings(seeded, client):
    logins = demo.demo_logins()
    for login in logins:
        user = User.objects.get(email=login.email)
        if login.who == "Member":
            assert selectors.pd_summary(user).minutes > 0, login.name
        if login.who.startswith("Facilitator"):
            assert selectors.actions_of(user).open().exists(), login.name
            led = LearningGroup.objects.filter(
                memberships__user=user, memberships__role=GroupRole.FACILITATOR
            )
            assert (
                Meeting.objects.filter(group__in=led, ends_at__lt=timezone.now())
                .exclude(minutes="")
                .exists()
            ), login.name

    # Nothing the facilitator opens fails.
    facilitator = User.objects.get(email=next(x.email for x in logins if x.who == "Facilitator"))
    client.force_login(facilitator)
    group = LearningGroup.objects.filter(memberships__user=facilitator).first()
    past = group.meetings.past().held().first()
    upcoming = group.meetings.upcoming().first()
    pages = [
        reverse("meetings:list", args=[group.public_id]),
        reverse("meetings:detail", args=[group.public_id, past.public_id]),
        reverse("meetings:detail", args=[group.public_id, upcoming.public_id]),
        reverse("meetings:minutes_history", args=[group.public_id, past.public_id]),
        reverse("meetings:templates", args=[group.public_id]),
        reverse("meetings:my_actions"),
        reverse("meetings:pd_hours"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    detail = client.get(pages[1]).content.decode()
    assert past.minutes.splitlines()[0].removeprefix("## ") in detail
    # The next meeting shows the shared timer, ready for its facilitator to start.
    coming = client.get(pages[2]).content.decode()
    assert 'id="clock"' in coming
    assert 'name="move" value="start"' in coming


def test_demo_dashboards_say_what_is_next(seeded, client):
    from kahui.dashboard.selectors import next_up

    logins = [x for x in demo.demo_logins() if x.who.startswith(("Member", "Facilitator"))]
    waiting = {}
    for login in logins:
        user = User.objects.get(email=login.email)
        waiting[login.who, login.email] = found = next_up(user)
        assert found.meetings, login.name
        if login.who == "Member":
            assert found.mentions, login.name
        if login.who.startswith("Facilitator"):
            assert found.actions, login.name
        client.force_login(user)
        page = client.get(reverse("dashboard:home")).content.decode()
        with translation.override(user.profile.language):
            heading = translation.gettext("What's next")
        assert heading in page or escape(heading) in page, login.name
    assert any(found.polls for found in waiting.values())
    assert any(any(m.duties for m in found.meetings) for found in waiting.values())


def test_demo_has_conversations_a_library_and_times_to_find(seeded):
    from kahui.search.selectors import search_for

    assert Thread.objects.filter(accepted__isnull=False).exists()
    assert Thread.objects.filter(pinned=True).exists()
    assert Resource.objects.filter(visibility="public").exists()
    assert Resource.objects.filter(visibility="organisation").exists()
    # some people show a picture, the others their initials
    assert 10 <= Profile.objects.exclude(avatar="").count() < Profile.objects.count()
    # posts that several people reacted to, and replies that mention someone
    several = Reaction.objects.values("post").annotate(n=Count("user", distinct=True))
    assert several.filter(n__gte=4).exists()
    assert Notification.objects.filter(title__contains="mentioned you").count() >= 5
    assert AvailabilityPoll.objects.get().responses.exists()
    assert WeeklyAvailability.objects.count() >= 6
    thread = Thread.objects.filter(group__memberships__isnull=False).first()
    member = thread.group.memberships.first().user
    found = search_for(user=member, query=thread.title.split()[0])
    assert any(hit.kind == "post" for hit in found)
    outsider = User.objects.get(email="ben.gallagher@kereruridge.example")
    private = Resource.objects.filter(visibility="group").first()
    assert private.group.memberships.filter(user=outsider).exists() is False
    assert all(
        hit.object_id != private.pk or hit.kind != "resource"
        for hit in search_for(user=outsider, query=private.title)
    )
    # Searching the demo finds several types: meetings, minutes, decisions, the group
    # and people.
    from kahui.search.selectors import search_results

    reader = GroupMembership.objects.filter(group__name__icontains="literacy").first().user
    kinds = set(search_results(user=reader, query="literacy").counts)
    assert {"meeting", "decision", "group", "person"} <= kinds


def test_demo_groups_hear_learners_and_whanau_and_write_shared_products(seeded, client):
    answered = Survey.objects.filter(audience="learners", responses__isnull=False).distinct()
    assert answered.count() >= 4
    assert Survey.objects.filter(audience="whanau", closed_at__isnull=True).exists()
    assert Survey.objects.filter(closed_at__isnull=False).exists()
    assert SurveyResponse.objects.filter(language="nl").exists()
    for survey in answered:
        assert survey.cycle == survey.group.cycle
        assert survey.stage
    products = Resource.objects.filter(kind="product")
    assert products.count() == answered.count()
    assert all(p.versions.count() == p.version >= 2 for p in products)
    assert products.filter(visibility="organisation").exists()
    survey = answered.first()
    member = survey.group.memberships.first().user
    client.force_login(member)
    page = client.get(reverse("voice:detail", args=[survey.group.public_id, survey.public_id]))
    assert page.status_code == 200
    assert 'role="img"' in page.text
    assert client.get(reverse("voice:answer", args=[survey.token])).status_code in (200, 404)


def test_every_group_runs_its_inquiry_in_step_with_its_stage(seeded):
    now = timezone.now()
    for group in story_groups():
        cycle = InquiryCycle.objects.open().get(group=group)
        assert (cycle.number, cycle.stage, cycle.stage_key) == (
            group.cycle,
            group.stage,
            group.stage,
        ), group.name
        assert cycle.goals.exists(), group.name
        # Every stage reached is written up, led by someone, by more than one member.
        reached = HE_PIKORUA.stage_keys[: HE_PIKORUA.index(group.stage) + 1]
        records = StageRecord.objects.filter(cycle=cycle)
        assert set(records.values_list("stage", flat=True)) == set(reached), group.name
        assert not records.filter(led_by=None).exists(), group.name
        authors = StageRecordRevision.objects.filter(record__cycle__group=group)
        assert authors.values("saved_by").distinct().count() >= 2, group.name
        # Its history runs forward in time: moves in order, nothing in the future.
        moves = list(StageMove.objects.filter(cycle__group=group).order_by("id"))
        assert [m.moved_at for m in moves] == sorted(m.moved_at for m in moves), group.name
        assert moves[-1].moved_at < now
        assert not StageRecordRevision.objects.filter(saved_at__gt=now).exists()
        for revision in authors.select_related("record__cycle"):
            entered = StageMove.objects.get(
                cycle=revision.record.cycle, to_stage=revision.record.stage
            ).moved_at
            assert revision.saved_at > entered, group.name
        # Meetings held are filed under a round and stage the group had reached by then.
        page = cycle_page(cycle)
        assert sum(len(part.meetings) for part in page.parts) >= 1, group.name
        for meeting in Meeting.objects.filter(group=group):
            assert (meeting.cycle, HE_PIKORUA.index(meeting.stage)) <= (
                group.cycle,
                HE_PIKORUA.index(group.stage),
            ), group.name

    # Goals with measures and dated readings, trials, a plan at three levels.
    assert Trial.objects.exists()
    assert GoalMeasure.objects.exclude(baseline=None).count() >= 5
    assert GoalReading.objects.values("measure").distinct().count() >= 4
    levels = set(ActionItem.objects.exclude(level="").values_list("level", flat=True))
    assert levels == {"universal", "targeted", "individual"}

    # The group in its second round finished the first and carried its review forward.
    second = LearningGroup.objects.get(cycle=2)
    first, current = InquiryCycle.objects.filter(group=second).order_by("number")
    assert first.ended_at is not None
    assert current.previous == first
    assert "co-plan" in current.carried_forward or "plan learning" in current.carried_forward
    assert GoalRevisit.objects.filter(cycle=first).exists()
    held = Meeting.objects.filter(group=second, starts_at__lt=now)
    assert len(set(held.values_list("cycle", "stage"))) >= 6

    # Rounds that reached reflecting together held a retrospective, with changes.
    first_retro = Retrospective.objects.get(cycle=first)
    assert first_retro.created_at < first.ended_at
    assert first_retro.choices.filter(choice="change").count() == 2
    reflecting = LearningGroup.objects.get(stage="reflect")
    open_retro = Retrospective.objects.get(cycle__group=reflecting, cycle__ended_at=None)
    assert open_retro.created_at < now


def test_demo_groups_gather_evidence_and_data_that_their_analysis_shows(seeded, client):
    for name, language, zone in (
        ("Structured literacy in the junior school", "en", "Pacific/Auckland"),
        ("PLG Rekentaal: van groep 8 naar de brugklas", "nl", "Europe/Amsterdam"),
    ):
        group = LearningGroup.objects.get(name=name)
        cycle = InquiryCycle.objects.open().get(group=group)
        assert EvidenceItem.objects.filter(cycle=cycle).exists(), name
        data_sets = AssessmentDataSet.objects.filter(cycle=cycle)
        assert data_sets.count() >= 2, name
        # Dated in the group's own time zone: never after today there.
        today = timezone.localdate(timezone=ZoneInfo(zone))
        assert not data_sets.filter(taken_on__gt=today).exists(), name
        member = group.memberships.first().user
        client.force_login(member)
        page = client.get(
            reverse("inquiry:analysis", args=[group.public_id, cycle.public_id]),
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert page.status_code == 200, name
        assert page.text.count('role="img"') >= 3, name  # before/after, trend, spread
    # The Dutch benchmark moved its goal: the share at or above the expected level.
    reading = GoalReading.objects.get(data_set__title="Rubric uitleggen, eindmeting")
    assert 30 <= reading.value <= 100


def test_demo_groups_decide_together(seeded, client):
    now = timezone.now()
    # A member's proposal sharpened a goal: agreed by consent, closed at its deadline
    # and applied, with the change in the group's history under the proposer's name.
    agreed = Proposal.objects.get(closed_at__isnull=False)
    assert (agreed.kind, agreed.rule, agreed.agreed, agreed.applied) == (
        "goal",
        "consent",
        True,
        "applied",
    )
    assert agreed.created_at < agreed.deadline < agreed.closed_at < now
    assert all(agreed.created_at < r.created_at < agreed.deadline for r in agreed.responses.all())
    assert agreed.goal.text == agreed.text
    change = ActivityEntry.objects.get(group=agreed.group, action="group.goal_changed")
    assert change.actor == agreed.created_by
    assert not agreed.group.memberships.get(user=agreed.created_by).is_facilitator
    assert change.created_at == agreed.closed_at
    # Another group decides by majority; its proposal to change the agreements is open,
    # with some responses, and waits for a member who logs in to the demo.
    open_one = Proposal.objects.get(closed_at__isnull=True)
    assert open_one.group != agreed.group
    assert (open_one.kind, open_one.rule, open_one.min_share) == ("agreements", "majority", 50)
    assert open_one.created_at < now < open_one.deadline
    assert open_one.responses.count() == 4
    wei = User.objects.get(profile__display_name="Wei Chen")
    assert not open_one.responses.filter(user=wei).exists()
    client.force_login(wei)
    page = client.get(
        reverse("proposals:detail", args=[open_one.group.public_id, open_one.public_id])
    )
    assert "fewer than 50% of the members responded" in page.content.decode()
    assert not ActivityEntry.objects.filter(created_at__gt=now).exists()


def test_every_group_has_a_health_check_history_with_a_trend_and_one_open(seeded, client):
    now = timezone.now()
    personas = set(
        User.objects.filter(email__in=[x.email for x in demo.demo_logins()]).values_list(
            "pk", flat=True
        )
    )
    for group in story_groups():
        checks = list(group.health_checks.order_by("opened_at"))
        published = [c for c in checks if c.published]
        assert len(published) >= 3, group.name
        [current] = [c for c in checks if c.is_open]
        assert current.opened_at < now < current.closes_at, group.name
        assert all(c.closed_at <= current.opened_at for c in checks if c != current)
        assert all(c.answers >= c.threshold for c in published)
        # A trend: the means move from one check to the next.
        means = [health_selectors.result_of(c).means for c in published]
        assert len({tuple(round(m[key], 1) for key in CONDITIONS) for m in means}) > 1
        # Closed checks keep counts and comments only; the open one has some answers,
        # and none from the people the log-in table suggests trying.
        assert not HealthAnswer.objects.filter(health_check__in=published).exists()
        answered = HealthAnswer.objects.filter(health_check=current).count()
        assert 0 < answered < group.memberships.count(), group.name
        members = [m.user for m in group.memberships.all()]
        assert (
            not {u.pk for u in members if health_selectors.has_answered(current, u)} & personas
        ), group.name
        assert group.health_settings.cadence_weeks in (4, 6)
    assert HealthComment.objects.exists()

    member = User.objects.get(email=next(x.email for x in demo.demo_logins() if x.who == "Member"))
    group = LearningGroup.objects.filter(memberships__user=member).first()
    client.force_login(member)
    status = client.get(reverse("health:status", args=[group.public_id])).content.decode()
    assert "Waiting for your answer" in status
    overview = client.get(reverse("health:overview", args=[group.public_id])).content.decode()
    assert "Latest results" in overview
    assert "Weakest:" in overview
    assert 'class="trend-chart"' in overview
    coordinator = User.objects.get(
        email=next(x.email for x in demo.demo_logins() if x.who == "Coordinator")
    )
    client.force_login(coordinator)
    seen = client.get(reverse("health:overview", args=[group.public_id])).content.decode()
    assert "Latest results" in seen
    comments = HealthComment.objects.filter(health_check__group=group)
    assert comments.exists()
    assert not [c.text for c in comments if escape(c.text) in seen or c.text in seen]
    client.force_login(member)
    overview = client.get(reverse("health:overview", args=[group.public_id])).content.decode()
    latest = health_selectors.overview(group, user=member, with_comments=True)
    assert latest.comments
    assert all(escape(text) in overview for text in latest.comments)


def demo_roster_email(key: str) -> str:
    from kahui.demo.builder.roster import demo_roster

    return next(person.email for person in demo_roster() if person.key == key)


def test_demo_recognises_its_members(seeded):
    from kahui.demo.data.recognition import RECORD_PERSON
    from kahui.recognition import selectors as recognition
    from kahui.recognition.models import (
        Celebration,
        Certificate,
        CertificateStatus,
        Kudos,
        LearningActivity,
        Milestone,
    )

    now = timezone.now()
    for group in story_groups():
        kudos = Kudos.objects.filter(group=group)
        assert kudos.count() >= 2, group.name
        assert not kudos.filter(created_at__gt=now).exists()
        assert all(group.memberships.filter(user=k.receiver).exists() for k in kudos)
    # The te reo group is in its second round: its first was celebrated, back then.
    celebration = Celebration.objects.get(milestone=Milestone.FIRST_ROUND)
    assert celebration.group.name == "Te reo and tikanga in every classroom"
    assert celebration.created_at < now - timedelta(days=7)
    assert (
        Notification.objects.filter(
            group=celebration.group, title__contains="first inquiry round"
        ).count()
        == celebration.group.memberships.count()
    )

    # One member's record: learning she logged, and a certificate her facilitator
    # confirmed, with a code the public page checks.
    person = User.objects.get(email=demo_roster_email(RECORD_PERSON))
    assert LearningActivity.objects.filter(user=person).count() == 3
    assert not LearningActivity.objects.filter(done_on__gt=now.date() + timedelta(days=1))
    certificate = Certificate.objects.get(user=person)
    assert certificate.status == CertificateStatus.CONFIRMED
    assert certificate.group.memberships.filter(
        user=certificate.decided_by, role=GroupRole.FACILITATOR
    ).exists()
    hours = recognition.learning_hours(person, year=certificate.year, group=certificate.group)
    assert certificate.total_minutes == hours.minutes > 0
    assert certificate.activity_minutes == hours.activity_minutes > 0
    assert recognition.certificate_by_code(certificate.code) == certificate


def test_demo_members_reflect(seeded):
    from kahui.demo.data.recognition import RECORD_PERSON
    from kahui.reflection.models import (
        AnswerStatus,
        FeedbackAnswer,
        JournalEntry,
        PersonalGoal,
        PortfolioItem,
        ReflectionAsk,
        Sharing,
    )

    now = timezone.now()
    countries = set()
    for group in story_groups().select_related("organisation"):
        entries = JournalEntry.objects.filter(group=group)
        assert entries.filter(sharing=Sharing.PRIVATE).exists(), group.name
        assert entries.filter(sharing=Sharing.GROUP).exists(), group.name
        assert not entries.filter(created_at__gt=now).exists()
        assert all(group.memberships.filter(user=e.author).exists() for e in entries)
        assert PersonalGoal.objects.filter(group=group, notes__isnull=False).exists()
        answered = FeedbackAnswer.objects.filter(request__group=group, status=AnswerStatus.ANSWERED)
        assert answered.exists(), group.name
        assert ReflectionAsk.objects.filter(meeting__group=group).exists()
        countries.add(group.organisation.country if group.organisation else "")
    assert {"NZ", "NL"} <= countries
    person = User.objects.get(email=demo_roster_email(RECORD_PERSON))
    chosen = PortfolioItem.objects.filter(user=person)
    assert chosen.filter(kind="entry").exists()
    assert chosen.filter(kind="goal").exists()


def test_demo_groups_say_who_they_are_for_and_one_person_hides_from_search(seeded, client):
    for group in story_groups():
        assert group.year_levels, group.name
        assert group.learning_areas, group.name
    assert story_groups().exclude(shared_learners="").exists()
    hidden = Profile.objects.get(findable=False)
    member = next(login for login in demo.demo_logins() if login.who == "Member")
    viewer = User.objects.get(email=member.email)
    assert viewer.profile.organisation == hidden.organisation
    client.force_login(viewer)
    page = client.get(reverse("people:search")).content.decode()
    assert reverse("people:person", args=[hidden.user.public_id]) not in page
    assert escape(viewer.profile.organisation.name) in page  # colleagues are found
    # Explore filters the demo's groups by year level and says when they meet.
    page = client.get(reverse("groups:explore"), {"year_level": "y0-3"}).content.decode()
    assert "Structured literacy in the junior school" in page
    assert "Restorative practice at Kererū Ridge" not in page
    assert 'data-testid="meets"' in page


def test_demo_has_a_cohort_formed_into_groups(seeded, client):
    from kahui.formation.models import FormationRun, RunStatus

    run = FormationRun.objects.get()
    assert run.status == RunStatus.DONE
    assert len(run.cohort["people"]) >= 30
    assert sum(len(group) for group in run.result["groups"]) == len(run.cohort["people"])
    client.force_login(run.created_by)
    page = client.get(reverse("formation:run", args=[run.organisation.slug, run.public_id]))
    assert page.status_code == 200
    assert "Publish the groups" in page.content.decode()


def test_demo_has_a_finished_roster_import(seeded, client):
    from kahui.core.activity import ActivityEntry
    from kahui.roster.models import ImportStatus, RosterImport

    roster_import = RosterImport.objects.get()
    assert roster_import.status == ImportStatus.DONE
    assert roster_import.planned["create"] == roster_import.result["create"] == 3
    assert ActivityEntry.objects.filter(
        action="roster.imported", organisation=roster_import.organisation
    ).exists()
    client.force_login(roster_import.created_by)
    slug = roster_import.organisation.slug
    page = client.get(reverse("roster:import", args=[slug, roster_import.public_id]))
    assert "Import result" in page.content.decode()
    assert roster_import.file_name in client.get(reverse("roster:home", args=[slug])).text


def test_the_dutch_organisations_people_and_groups_work_in_dutch(seeded, client):
    dutch = Organisation.objects.filter(country="NL")
    assert dutch.exists()
    assert set(dutch.values_list("default_language", flat=True)) == {"nl"}
    assert set(
        Organisation.objects.filter(country="NZ").values_list("default_language", flat=True)
    ) == {"en"}
    groups = LearningGroup.objects.filter(organisation__in=dutch)
    assert groups.exists()
    assert set(groups.values_list("language", flat=True)) == {"nl"}
    staff = Profile.objects.filter(user__org_memberships__organisation__in=dutch).distinct()
    assert staff.filter(language="nl").exists()

    # Signing in as a Dutch demo user shows Kāhui in Dutch.
    login = next(
        x for x in demo.demo_logins() if Profile.objects.get(user__email=x.email).language == "nl"
    )
    client.force_login(User.objects.get(email=login.email))
    group = groups.filter(memberships__user__email=login.email).first()
    page = client.get(reverse("groups:home", args=[group.public_id])).content.decode()
    assert '<html lang="nl">' in page
    assert "Bijeenkomsten" in page


def test_demo_school_has_a_webhook_with_deliveries_recorded_and_none_sent(seeded, client):
    from kahui.webhooks.models import Attempt, Delivery, DeliveryStatus, Endpoint

    endpoint = Endpoint.objects.get()
    assert endpoint.url == "https://hooks.example.org/kahui"
    deliveries = Delivery.objects.filter(endpoint=endpoint)
    assert deliveries.count() == 4
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.HELD}
    assert not Attempt.objects.exists()
    client.force_login(endpoint.created_by)
    url = reverse("webhooks:endpoint", args=[endpoint.organisation.slug, endpoint.public_id])
    page = client.get(url).content.decode()
    assert page.count('data-testid="delivery"') == 4


def test_demo_has_an_export_waiting_and_a_retention_setting(seeded, client):
    from kahui.rights.models import DataExport, ExportStatus, RetentionPolicy

    export = DataExport.objects.get()
    assert export.status == ExportStatus.READY
    client.force_login(export.owner)
    page = client.get(reverse("rights:my_data")).content.decode()
    assert reverse("rights:export_download", args=[export.public_id]) in page
    policy = RetentionPolicy.objects.get()
    assert policy.months == 24
    admin = policy.organisation.memberships.filter(role="admin").first().user
    client.force_login(admin)
    audit = client.get(reverse("rights:audit", args=[policy.organisation.slug]))
    assert "changed how long closed groups are kept" in audit.content.decode()


def test_a_demo_member_has_an_api_token_whose_secret_nobody_knows(seeded):
    token = ApiToken.objects.select_related("user__profile").get()
    assert token.name == "Term report spreadsheet"
    assert token.scope == TokenScope.READ
    assert token.user.profile.display_name
    assert len(token.secret_hash) == 64
    assert token.revoked_at is None
