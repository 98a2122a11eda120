"""Health check services: settings, opening, answering without a link to the person,
closing (results only above the threshold, answers deleted), what is logged and what
is told, and the coordinators' selector."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kahui.core.activity import describe_all
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups.models import LearningGroup, Status
from kahui.health import selectors, services
from kahui.health.activity import HealthActivity
from kahui.health.models import HealthAnswer, HealthCheck, HealthComment, HealthSettings
from kahui.notifications.models import Delivery, Dispatch, Notification, Preference
from tests.conftest import make_group, make_user
from tests.health.conftest import scores

pytestmark = pytest.mark.django_db


def open_check(world, **kwargs):
    return services.check_open(group=world.group, by=world.facilitator, **kwargs)


# -- Settings -------------------------------------------------------------------------------


def test_settings_are_the_facilitators_and_the_threshold_never_goes_below_three(world):
    with pytest.raises(NotAllowed):
        services.health_settings_save(
            group=world.group, by=world.member, cadence_weeks=6, open_days=7, threshold=4
        )
    with pytest.raises(KahuiError, match="at least 3"):
        services.health_settings_save(
            group=world.group, by=world.facilitator, cadence_weeks=6, open_days=7, threshold=2
        )
    with pytest.raises(KahuiError):
        services.health_settings_save(
            group=world.group, by=world.facilitator, cadence_weeks=5, open_days=7, threshold=4
        )
    assert not HealthSettings.objects.exists()
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthSettings.objects.create(group=world.group, threshold=2)


def test_saving_the_settings_is_logged_with_what_changed(world):
    assert services.settings_for(world.group).pk is None  # the defaults, not saved
    saved = services.health_settings_save(
        group=world.group, by=world.facilitator, cadence_weeks=6, open_days=7, threshold=5
    )
    assert (saved.cadence_weeks, saved.open_days, saved.threshold) == (6, 7, 5)
    assert saved.cadence_from is not None
    entry = ActivityEntry.objects.get(action=HealthActivity.SETTINGS_CHANGED)
    assert entry.actor == world.facilitator
    assert entry.changes["cadence_weeks"]["to"] == "Every 6 weeks"
    assert entry.changes["threshold"] == {
        "label": "Answers needed for results",
        "from": "4",
        "to": "5",
    }
    first_from = saved.cadence_from
    # The same again changes nothing and logs nothing; a new threshold keeps the cadence's start.
    services.health_settings_save(
        group=world.group, by=world.facilitator, cadence_weeks=6, open_days=7, threshold=5
    )
    services.health_settings_save(
        group=world.group, by=world.facilitator, cadence_weeks=6, open_days=7, threshold=6
    )
    assert ActivityEntry.objects.filter(action=HealthActivity.SETTINGS_CHANGED).count() == 2
    assert HealthSettings.objects.get().cadence_from == first_from


# -- Opening --------------------------------------------------------------------------------


def test_opening_tells_every_member_as_they_prefer(world, team, django_capture_on_commit_callbacks):
    Preference.objects.create(user=team[2], category="health", delivery=Delivery.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        check = open_check(world)
    assert check.number == 1
    assert check.threshold == 4
    assert check.opened_by == world.facilitator
    assert check.closes_at - check.opened_at == timedelta(days=7)
    bells = Notification.objects.filter(category="health")
    assert set(bells.values_list("user", flat=True)) == {u.pk for u in team}
    assert all(n.url == f"/groups/{world.group.public_id}/health/answer/" for n in bells)
    # Straight away for everyone but the one who turned these emails off.
    assert sorted(Dispatch.objects.values_list("key", flat=True)) == sorted(
        f"health-opened:{check.pk}:{u.pk}" for u in team if u != team[2]
    )
    opened = [m for m in mail.outbox if "A health check is open" in m.subject]
    assert len(opened) == 5
    assert "No one sees your answer" in opened[0].body
    assert f"/groups/{world.group.public_id}/health/answer/" in opened[0].body
    entry = ActivityEntry.objects.get(action=HealthActivity.OPENED)
    assert entry.actor == world.facilitator


def test_opening_is_refused_when_it_could_not_work(world, team):
    with pytest.raises(NotAllowed):
        services.check_open(group=world.group, by=world.member)
    now = timezone.now()
    with pytest.raises(KahuiError, match="until tomorrow"):
        open_check(world, closes_at=now + timedelta(hours=2))
    with pytest.raises(KahuiError, match="four weeks"):
        open_check(world, closes_at=now + timedelta(days=30))
    open_check(world)
    with pytest.raises(KahuiError, match="open already"):
        open_check(world)
    assert HealthCheck.objects.count() == 1
    # Only one open check per group, even if two requests race past the first test.
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthCheck.objects.create(
            group=world.group, number=9, opened_at=now, closes_at=now, threshold=4
        )


def test_a_group_too_small_for_its_threshold_opens_no_check(world):
    # Two members, and results need four answers: no check could ever show any.
    with pytest.raises(KahuiError, match="could never show any"):
        open_check(world)
    group = make_group(world.facilitator, name="Draft")
    LearningGroup.objects.filter(pk=group.pk).update(status=Status.ARCHIVED)
    group.refresh_from_db()
    with pytest.raises(KahuiError, match="open group"):
        services.check_open(group=group, by=world.facilitator)


# -- Answering ------------------------------------------------------------------------------


def test_an_answer_is_kept_under_a_keyed_hash_not_with_the_person(world, team):
    check = open_check(world)
    assert services.answer_save(check=check, by=world.member, scores=scores(2)) is False
    [answer] = HealthAnswer.objects.all()
    # No field of an answer points at a person, and its key is none of their ids.
    assert not [
        f for f in HealthAnswer._meta.get_fields() if f.is_relation and f.name != "health_check"
    ]
    assert answer.respondent == services.respondent_token(check, world.member)
    assert str(world.member.public_id).replace("-", "") not in answer.respondent
    assert len(answer.respondent) == 64
    # Another check gives the same person another key.
    other = HealthCheck(group=world.group, public_id=check.public_id.__class__(int=1))
    assert services.respondent_token(other, world.member) != answer.respondent
    # Without the site's secret key, the key cannot be made from the person's id.
    assert (
        services.respondent_token(check, world.member, secret="not the secret") != answer.respondent
    )


def test_answering_again_replaces_the_earlier_answer(world, team):
    check = open_check(world)
    services.answer_save(check=check, by=world.member, scores=scores(2), comment="First")
    assert services.answer_save(check=check, by=world.member, scores=scores(5)) is True
    [answer] = HealthAnswer.objects.all()
    assert answer.trust == 5
    assert answer.comment == ""
    assert selectors.has_answered(check, world.member)
    assert not selectors.has_answered(check, team[2])
    assert selectors.answers_so_far(check) == 1


def test_an_answer_given_before_the_secret_key_was_rotated_can_still_be_replaced(
    world, team, settings
):
    check = open_check(world)
    services.answer_save(check=check, by=world.member, scores=scores(2))
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a brand new secret key for the site, long enough"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert selectors.has_answered(check, world.member)
    assert services.answer_save(check=check, by=world.member, scores=scores(4)) is True
    assert HealthAnswer.objects.get().respondent == services.respondent_token(check, world.member)


def test_only_members_answer_an_open_check_with_a_level_for_each_condition(world, team):
    check = open_check(world)
    with pytest.raises(NotAllowed):
        services.answer_save(check=check, by=world.coordinator, scores=scores(3))
    with pytest.raises(KahuiError, match="every condition"):
        services.answer_save(check=check, by=world.member, scores={**scores(3), "trust": 6})
    with pytest.raises(KahuiError, match="every condition"):
        services.answer_save(check=check, by=world.member, scores={"trust": 3})
    later = check.closes_at + timedelta(minutes=1)
    with pytest.raises(KahuiError, match="closed"):
        services.answer_save(check=check, by=world.member, scores=scores(3), now=later)
    assert not HealthAnswer.objects.exists()


def test_answering_is_not_logged(world, team):
    check = open_check(world)
    before = ActivityEntry.objects.count()
    services.answer_save(check=check, by=world.member, scores=scores(1), comment="Private")
    assert ActivityEntry.objects.count() == before


# -- Closing --------------------------------------------------------------------------------


def answer_all(check, people, levels=(2, 3, 4, 4, 5, 5), comments=()):
    for index, person in enumerate(people):
        comment = comments[index] if index < len(comments) else ""
        services.answer_save(
            check=check, by=person, scores=scores(levels[index], trust=5), comment=comment
        )


def test_closing_publishes_counts_and_comments_and_deletes_every_answer(world, team):
    check = open_check(world)
    answer_all(check, team[:5], comments=("zebra crossing", "", "Apples", "mango"))
    assert selectors.open_check(world.group) == check
    closed = services.check_close(check=check)
    assert closed.closed_at is not None
    assert closed.published
    assert (closed.answers, closed.members) == (5, 6)
    assert closed.tallies["depth"] == [0, 1, 1, 2, 1]
    assert closed.tallies["trust"] == [0, 0, 0, 0, 5]
    assert not HealthAnswer.objects.exists()
    assert list(HealthComment.objects.values_list("text", flat=True)) == [
        "Apples",
        "mango",
        "zebra crossing",
    ]
    result = selectors.result_of(closed)
    assert result.weakest == "time_access"  # the first of the five equal lowest
    assert result.means["trust"] == 5
    # Closing again changes nothing; the check takes no more answers.
    again = services.check_close(check=check)
    assert again.closed_at == closed.closed_at
    with pytest.raises(KahuiError, match="closed"):
        services.answer_save(check=check, by=team[5], scores=scores(1))
    entry = ActivityEntry.objects.get(action=HealthActivity.CLOSED)
    assert entry.actor is None
    [(described, sentence)] = describe_all([entry])
    assert described.unattributed
    assert sentence == "A health check closed"
    ready = Notification.objects.filter(title__contains="has closed")
    assert ready.count() == 6
    # The results are told in the bell only: the emails are the ones that opened it.
    assert not Dispatch.objects.exclude(key__startswith="health-opened:").exists()


def test_a_check_with_too_few_answers_shows_nothing_and_keeps_nothing(world, team):
    check = open_check(world)
    answer_all(check, team[:3], comments=("Only three of us",))
    closed = services.check_close(check=check)
    assert not closed.published
    assert closed.answers == 3
    assert closed.tallies == {}
    assert closed.results() is None
    assert not HealthAnswer.objects.exists()
    assert not HealthComment.objects.exists()
    assert Notification.objects.filter(title__contains="too few answers").count() == 6
    # The database refuses results below the threshold, whoever writes them.
    with pytest.raises(IntegrityError), transaction.atomic():
        HealthCheck.objects.filter(pk=check.pk).update(published=True)


def test_the_threshold_is_the_one_the_check_opened_with(world, team):
    check = open_check(world)
    services.health_settings_save(
        group=world.group, by=world.facilitator, cadence_weeks=0, open_days=7, threshold=6
    )
    answer_all(check, team[:4])
    assert services.check_close(check=check).published  # four were needed when it opened


def test_the_check_closes_as_soon_as_every_member_has_answered(world, team):
    check = open_check(world)
    answer_all(check, team[:5])
    assert selectors.open_check(world.group) == check
    answer_all(check, team[5:])
    check.refresh_from_db()
    assert check.closed_at is not None
    assert check.published
    assert check.answers == 6


def test_nothing_logged_or_told_holds_an_answer(world, team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        check = open_check(world)
        answer_all(check, team, comments=[f"Secret comment {i}" for i in range(6)])
    texts = [
        str(value)
        for entry in ActivityEntry.objects.all()
        for value in (entry.target, entry.changes)
    ]
    texts += [n.title for n in Notification.objects.all()]
    texts += [d.body + d.html + d.subject for d in Dispatch.objects.all()]
    texts += [m.body for m in mail.outbox]
    assert not [t for t in texts if "Secret comment" in t]


# -- Across groups ---------------------------------------------------------------------------


def test_the_latest_result_of_many_groups_in_one_query(world, django_assert_num_queries):
    people = [make_user(f"p{i}@kowhai.example") for i in range(4)]
    groups = []
    for number in range(5):
        group = make_group(world.facilitator, name=f"Group {number}", members=people)
        for round_ in range(2):
            check = services.check_open(group=group, by=world.facilitator)
            for index, person in enumerate([world.facilitator, *people][:4]):
                services.answer_save(
                    check=check,
                    by=person,
                    scores=scores(3, safety=1 + round_ + (index % 2)),
                )
            services.check_close(check=check)
        groups.append(group)
    quiet = make_group(world.facilitator, name="No checks yet")
    with django_assert_num_queries(1):
        found = selectors.latest_results([*groups, quiet.pk])
    assert set(found) == {g.pk for g in groups}
    for group in groups:
        latest = found[group.pk]
        assert latest.check.number == 2
        assert latest.weakest == "safety"
        assert latest.means["safety"] == 2.5
        assert latest.results.answers == 4
