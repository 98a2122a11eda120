"""Deciding together: proposals, responses, closing at the deadline or early, the
outcome by the group's rule, and agreed changes applied with their history."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.groups.models import GroupRole
from kahui.groups.services import ItemEdit
from kahui.notifications.models import Dispatch, Notification
from kahui.notifications.scheduler import tick
from kahui.proposals import services
from kahui.proposals.models import Application, Kind, Proposal, Reason, Response
from kahui.proposals.selectors import Wording
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def third_member(world):
    hemi = make_user("hemi@kowhai.example", "Hemi Walker", organisation=world.school)
    world.group.memberships.create(user=hemi, role=GroupRole.MEMBER)
    return hemi


def propose(world, *, by=None, kind=Kind.GOAL, days=3, **fields):
    goal = world.group.goals.first() if kind == Kind.GOAL else None
    values = {
        "title": "Act on the decoding checks within a week",
        "reason": "The checks mean little if help waits for weeks.",
        "text": "Check decoding every five weeks and start help within a week",
        "evidence": "Running records",
        "goal": goal,
    }
    values.update(fields)
    return services.proposal_open(
        group=world.group,
        by=by or world.member,
        kind=kind,
        deadline=timezone.now() + timedelta(days=days),
        **values,
    )


def respond(proposal, user, position, reason=""):
    return services.response_save(proposal=proposal, by=user, position=position, reason=reason)


def actions(group):
    return list(ActivityEntry.objects.filter(group=group).values_list("action", flat=True))


# -- opening ------------------------------------------------------------------------


def test_a_member_proposes_and_the_others_are_told_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(world)
    assert proposal.base_text == "Daily phonics"
    assert proposal.rule == "consent"
    assert "proposal.opened" in actions(world.group)
    # The facilitator hears of it (bell and email); the proposer is not told their own news.
    note = Notification.objects.get(category="proposals")
    assert note.user == world.facilitator
    assert note.url == reverse("proposals:detail", args=[world.group.public_id, proposal.public_id])
    [sent] = [m for m in mail.outbox if "A proposal in" in m.subject]
    assert sent.to == [world.facilitator.email]
    assert "Act on the decoding checks" in sent.body
    assert Dispatch.objects.filter(key__startswith=f"proposal-opened:{proposal.pk}:").count() == 1


def test_only_facilitators_propose_when_the_group_says_so(world):
    services.rules_save(
        group=world.group, by=world.facilitator, who_proposes="facilitators", rule="consent"
    )
    with pytest.raises(NotAllowed):
        propose(world)
    assert propose(world, by=world.facilitator).pk


def test_only_facilitators_change_how_the_group_decides(world):
    with pytest.raises(NotAllowed):
        services.rules_save(
            group=world.group, by=world.member, who_proposes="members", rule="majority"
        )
    services.rules_save(
        group=world.group,
        by=world.facilitator,
        who_proposes="members",
        rule="majority",
        min_share=50,
    )
    entry = ActivityEntry.objects.get(action="proposal.rules_changed")
    assert entry.changes["rule"]["from"].startswith("Consent")
    assert entry.changes["rule"]["to"].startswith("Majority")
    assert entry.changes["min_share"]["to"] == "50%"


@pytest.mark.parametrize(
    ("deadline", "message"),
    [(timedelta(minutes=30), "at least an hour"), (timedelta(days=61), "within the next 60 days")],
)
def test_a_deadline_gives_time_but_not_forever(world, deadline, message):
    with pytest.raises(KahuiError, match=message):
        services.proposal_open(
            group=world.group,
            by=world.member,
            kind=Kind.DECISION,
            title="Trial the reading app",
            reason="Why not",
            text="We trial the reading app for a term.",
            deadline=timezone.now() + deadline,
        )


def test_a_change_must_change_something_and_start_from_the_current_text(world):
    with pytest.raises(KahuiError, match="same as the current"):
        propose(world, text="Daily phonics", evidence="Running records")
    group_services.goals_save(
        group=world.group,
        by=world.facilitator,
        rows=[
            ItemEdit(
                id=world.group.goals.get().pk,
                values={"text": "Phonics daily", "evidence": "Running records"},
            )
        ],
    )
    with pytest.raises(services.StaleWording) as stale:
        propose(world, seen=Wording("Daily phonics", "Running records"))
    assert stale.value.current == Wording("Phonics daily", "Running records")


def test_a_proposal_needs_a_title_and_a_reason(world):
    with pytest.raises(KahuiError, match="title"):
        propose(world, title="  ")
    with pytest.raises(KahuiError, match="Say why"):
        propose(world, reason="x" * 2001)
    assert not Proposal.objects.exists()


def test_agreements_are_written_one_a_line_and_tidied(world):
    proposal = propose(
        world, kind=Kind.AGREEMENTS, text="- Be on time\n\n2. We listen first\n", title="Listening"
    )
    assert proposal.text == "Be on time\nWe listen first"
    with pytest.raises(KahuiError, match="under 300"):
        propose(world, kind=Kind.AGREEMENTS, text="x" * 301)


# -- responding ---------------------------------------------------------------------


def test_a_block_needs_a_reason_and_responses_may_change_while_open(world):
    proposal = propose(world)
    with pytest.raises(KahuiError, match="Say why you block"):
        respond(proposal, world.facilitator, "block", "  ")
    respond(proposal, world.facilitator, "agree")
    respond(proposal, world.facilitator, "agree")  # the same again records nothing
    respond(proposal, world.facilitator, "block", "We have no time for weekly checks")
    assert Response.objects.get().position == "block"
    entries = ActivityEntry.objects.filter(action__startswith="proposal.respon").order_by("id")
    assert [e.action for e in entries] == ["proposal.responded", "proposal.response_changed"]
    assert entries[1].changes["position"] == {"label": "Response", "from": "Agree", "to": "Block"}


def test_only_members_respond_and_only_while_it_is_open(world, time_machine):
    proposal = propose(world)
    with pytest.raises(NotAllowed):
        respond(proposal, world.colleague, "agree")
    time_machine.move_to(proposal.deadline + timedelta(seconds=1))
    with pytest.raises(KahuiError, match="closed"):
        respond(proposal, world.member, "agree")


# -- closing ------------------------------------------------------------------------


def test_at_the_deadline_an_agreed_goal_change_is_made_with_its_history(
    world, time_machine, django_capture_on_commit_callbacks
):
    hemi = third_member(world)
    proposal = propose(world)
    respond(proposal, world.facilitator, "agree")
    respond(proposal, hemi, "abstain")
    tick()  # not yet: nothing closes before the deadline
    assert Proposal.objects.get().closed_at is None

    time_machine.move_to(proposal.deadline + timedelta(seconds=30))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = tick()
        tick()  # a second round changes nothing
    assert report.done["proposals closed"] == 1
    proposal.refresh_from_db()
    assert (proposal.agreed, proposal.outcome, proposal.applied) == (True, "agreed", "applied")
    assert proposal.tally == {"agree": 1, "abstain": 1, "disagree": 0, "block": 0, "members": 3}
    goal = world.group.goals.get()
    assert goal.text == "Check decoding every five weeks and start help within a week"
    change = ActivityEntry.objects.get(action="group.goal_changed")
    assert change.actor == world.member  # the proposer, whom the group agreed with
    assert change.changes["text"]["from"] == "Daily phonics"
    assert {"proposal.agreed", "proposal.applied"} <= set(actions(world.group))
    # Everyone hears the outcome, once.
    assert sorted(
        m.to[0] for m in mail.outbox if m.subject.endswith("Agreed: " + proposal.title)
    ) == sorted([world.facilitator.email, world.member.email, hemi.email])
    assert Dispatch.objects.filter(key__startswith=f"proposal-closed:{proposal.pk}:").count() == 3


def test_a_block_stops_it_under_consent_and_nothing_changes(world, time_machine):
    proposal = propose(world)
    respond(proposal, world.facilitator, "block", "Not this term")
    respond(proposal, world.member, "agree")
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    proposal.refresh_from_db()
    assert (proposal.agreed, proposal.outcome, proposal.applied) == (False, "blocked", "")
    assert world.group.goals.get().text == "Daily phonics"
    assert "proposal.not_agreed" in actions(world.group)


def test_nobody_responding_is_no_agreement(world, time_machine):
    proposal = propose(world)
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    proposal.refresh_from_db()
    assert (proposal.agreed, proposal.outcome) == (False, Reason.NO_RESPONSES)


def test_a_stale_change_is_not_applied_blindly(client, world, time_machine):
    proposal = propose(world)
    respond(proposal, world.facilitator, "agree")
    goal = world.group.goals.get()
    group_services.goals_save(
        group=world.group,
        by=world.facilitator,
        rows=[ItemEdit(id=goal.pk, values={"text": "Phonics every day", "evidence": "Checks"})],
    )
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    proposal.refresh_from_db()
    assert (proposal.agreed, proposal.applied) == (True, Application.STALE)
    assert world.group.goals.get().text == "Phonics every day"
    assert "proposal.not_applied" in actions(world.group)
    # The page says so, and offers a new proposal from the goal as it reads now.
    client.force_login(world.member)
    page = client.get(url("detail", world, proposal.public_id)).content.decode()
    assert "Nothing was changed" in page
    assert f'{url("new", world)}?kind=goal&amp;goal=1"' in page


def test_a_removed_goal_is_not_brought_back(world, time_machine):
    group_services.goals_save(
        group=world.group,
        by=world.facilitator,
        rows=[ItemEdit(id=None, values={"text": "Second goal", "evidence": "Notes"})]
        + [
            ItemEdit(id=g.pk, values={"text": g.text, "evidence": g.evidence})
            for g in world.group.goals.all()
        ],
    )
    target = world.group.goals.get(text="Second goal")
    proposal = propose(world, goal=target, text="Second goal, sharper")
    respond(proposal, world.facilitator, "agree")
    target.delete()
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    proposal.refresh_from_db()
    assert proposal.applied == Application.STALE
    assert not world.group.goals.filter(text__startswith="Second goal").exists()


def test_a_change_the_groups_refuse_leaves_the_outcome_and_the_next_closing_alone(
    world, time_machine, monkeypatch
):
    vision = propose(world, kind=Kind.VISION, text="Every child reads with joy.", days=2)
    decision = propose(world, kind=Kind.DECISION, text="We trial the reading app.", days=3)
    for proposal in (vision, decision):
        respond(proposal, world.facilitator, "agree")

    def refuse(**kwargs):
        raise KahuiError("No")

    monkeypatch.setattr(group_services, "group_update", refuse)
    time_machine.move_to(decision.deadline + timedelta(minutes=1))
    assert tick().done["proposals closed"] == 2
    vision.refresh_from_db()
    assert (vision.agreed, vision.applied) == (True, Application.STALE)
    assert Proposal.objects.get(pk=decision.pk).agreed


def test_agreed_new_goal_vision_and_agreements_are_applied(world, time_machine):
    new_goal = propose(
        world, goal=None, text="Hear learners read aloud weekly", evidence="Reading logs"
    )
    vision = propose(world, kind=Kind.VISION, text="Every child reads with joy and confidence.")
    norms = propose(world, kind=Kind.AGREEMENTS, text="Be on time, every time\nWe listen first")
    for proposal in (new_goal, vision, norms):
        respond(proposal, world.facilitator, "agree")
    version = world.group.version
    time_machine.move_to(norms.deadline + timedelta(minutes=1))
    tick()
    world.group.refresh_from_db()
    assert list(world.group.goals.values_list("text", flat=True)) == [
        "Daily phonics",
        "Hear learners read aloud weekly",
    ]
    assert world.group.vision == "Every child reads with joy and confidence."
    assert world.group.version == version + 1
    assert list(world.group.norms.values_list("text", flat=True)) == [
        "Be on time, every time",
        "We listen first",
    ]
    changed = ActivityEntry.objects.get(action="group.norm_changed")
    assert changed.changes["text"] == {
        "label": "Agreement",
        "from": "Be on time",
        "to": "Be on time, every time",
    }
    assert ActivityEntry.objects.filter(action="group.norm_added").exists()


def test_a_facilitator_may_close_early_and_only_current_members_count(world):
    hemi = third_member(world)
    services.rules_save(
        group=world.group, by=world.facilitator, who_proposes="members", rule="majority"
    )
    proposal = propose(world, kind=Kind.DECISION, text="We trial the reading app for a term.")
    respond(proposal, world.member, "agree")
    respond(proposal, hemi, "disagree")
    respond(proposal, world.facilitator, "agree")
    group_services.membership_remove(
        membership=world.group.memberships.get(user=hemi), by=world.facilitator
    )
    with pytest.raises(NotAllowed):
        services.proposal_close(proposal=proposal, by=world.member)
    closed = services.proposal_close(proposal=proposal, by=world.facilitator, note="All in")
    assert (closed.agreed, closed.closed_by, closed.close_note) == (
        True,
        world.facilitator,
        "All in",
    )
    assert closed.tally["disagree"] == 0
    assert closed.tally["members"] == 2
    assert "proposal.closed" in actions(world.group)
    # Closing again, or the scheduler at the deadline, changes nothing.
    assert (
        services.proposal_close(proposal=proposal, by=world.facilitator).closed_at
        == closed.closed_at
    )


def test_an_open_proposal_keeps_the_rule_it_opened_with(world, time_machine):
    proposal = propose(world)  # consent
    services.rules_save(
        group=world.group, by=world.facilitator, who_proposes="members", rule="majority"
    )
    respond(proposal, world.facilitator, "agree")
    respond(proposal, world.member, "block", "Too soon")
    time_machine.move_to(proposal.deadline + timedelta(minutes=1))
    tick()
    proposal.refresh_from_db()
    assert (proposal.rule, proposal.outcome) == ("consent", "blocked")


# -- reminders ----------------------------------------------------------------------


def test_a_day_before_the_deadline_those_who_have_not_responded_are_reminded_once(
    world, time_machine
):
    hemi = third_member(world)
    proposal = propose(world, days=3)
    respond(proposal, world.facilitator, "agree")
    time_machine.move_to(proposal.deadline - timedelta(hours=25))
    tick()
    assert not Dispatch.objects.filter(key__startswith="proposal-reminder:").exists()
    time_machine.move_to(proposal.deadline - timedelta(hours=23))
    tick()
    tick()
    reminded = Dispatch.objects.filter(key__startswith=f"proposal-reminder:{proposal.pk}:")
    assert {d.user for d in reminded} == {world.member, hemi}
    assert Notification.objects.filter(title__startswith="A day left", user=hemi).count() == 1


def test_a_proposal_open_for_less_than_a_day_needs_no_reminder(world, time_machine):
    proposal = services.proposal_open(
        group=world.group,
        by=world.member,
        kind=Kind.DECISION,
        title="Meet at the marae",
        reason="They invited us",
        text="We meet at the marae next time.",
        deadline=timezone.now() + timedelta(hours=20),
    )
    time_machine.move_to(proposal.deadline - timedelta(hours=2))
    tick()
    assert not Dispatch.objects.filter(key__startswith="proposal-reminder:").exists()


# -- pages --------------------------------------------------------------------------


def url(name, world, *args):
    return reverse(f"proposals:{name}", args=[world.group.public_id, *args])


def test_the_new_proposal_form_starts_from_the_current_goal(client, world):
    client.force_login(world.member)
    page = client.get(url("new", world), {"kind": "goal", "goal": "1"})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["text"] == "Daily phonics"
    assert form.initial["seen_evidence"] == "Running records"
    assert form.fields["text"].label == "The goal"
    html = page.content.decode()
    assert "The goal now" in html
    assert 'name="respond_by_day"' in html
    # The agreements, one a line; htmx asks for the form alone.
    part = client.get(url("new", world), {"kind": "agreements"}, headers={"HX-Request": "true"})
    assert part.content.decode().lstrip().startswith('<div id="proposal-form"')
    assert part.context["form"].initial["text"] == "Be on time"


def post_proposal(client, world, **changes):
    goal = world.group.goals.get()
    day = (timezone.localtime() + timedelta(days=4)).date()
    data = {
        "kind": "goal",
        "goal": goal.pk,
        "seen_text": goal.text,
        "seen_evidence": goal.evidence,
        "title": "Phonics every morning",
        "reason": "Mornings work best for the juniors.",
        "text": "Phonics every morning",
        "evidence": goal.evidence,
        "respond_by_day": day.isoformat(),
        "respond_by_time": "17:00",
    }
    data.update(changes)
    return client.post(url("new", world), data)


def test_a_member_opens_a_proposal_from_the_form(client, world):
    world.member.profile.time_zone = "Europe/Amsterdam"
    world.member.profile.save()
    client.force_login(world.member)
    response = post_proposal(client, world)
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", world, proposal.public_id)
    # 17:00 on that day where the proposer lives.
    local = timezone.localtime(proposal.deadline, timezone=ZoneInfo("Europe/Amsterdam"))
    assert (local.hour, local.minute) == (17, 0)
    page = client.get(response["Location"]).content.decode()
    assert "Phonics every morning" in page
    assert "<del>" in page
    assert "<ins>" in page


def test_a_refused_proposal_keeps_what_was_typed(client, world):
    client.force_login(world.member)
    response = post_proposal(client, world, respond_by_time="", title="Keep me")
    assert response.status_code == 400
    assert 'value="Keep me"' in response.content.decode()
    # Someone edited the goal meanwhile: the new text is shown and the form kept.
    response = post_proposal(client, world, seen_text="An older goal")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The current text changed while you were writing" in html
    assert response.context["form"].data["seen_text"] == "Daily phonics"
    assert not Proposal.objects.exists()


def test_responding_with_and_without_htmx(client, world):
    proposal = propose(world, by=world.facilitator)
    client.force_login(world.member)
    refused = client.post(url("respond", world, proposal.public_id), {"position": "block"})
    assert refused.status_code == 400
    assert "Say why you block" in refused.content.decode()
    saved = client.post(
        url("respond", world, proposal.public_id),
        {"position": "agree", "reason": "Yes please"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    html = saved.content.decode()
    assert html.lstrip().startswith('<div class="layout-sidebar section" id="responding">')
    assert "Your response is saved" in html
    assert "Yes please" in html
    assert Response.objects.get().position == "agree"


def test_facilitators_close_early_and_set_the_rules(client, world):
    proposal = propose(world)
    client.force_login(world.member)
    assert client.post(url("close", world, proposal.public_id)).status_code == 403
    assert client.get(url("rules", world)).status_code == 403
    client.force_login(world.facilitator)
    client.post(url("close", world, proposal.public_id), {"note": "Everyone spoke"})
    proposal.refresh_from_db()
    assert proposal.closed_by == world.facilitator
    assert proposal.close_note == "Everyone spoke"
    page = client.get(url("detail", world, proposal.public_id)).content.decode()
    assert "Not agreed" in page
    assert "Everyone spoke" in page
    saved = client.post(
        url("rules", world), {"who_proposes": "facilitators", "rule": "majority", "min_share": "60"}
    )
    assert saved.status_code == 302
    client.force_login(world.member)
    listing = client.get(url("list", world))
    assert not listing.context["can_propose"]
    assert "at least 60% of the members respond" in listing.content.decode()
    assert client.get(url("new", world)).status_code == 403


def test_the_list_puts_open_proposals_first_in_few_queries(
    client, world, time_machine, django_assert_max_num_queries
):
    for n in range(4):
        closed = propose(world, kind=Kind.DECISION, title=f"Old {n}", text="Done.", days=1)
        respond(closed, world.facilitator, "agree")
        services.proposal_close(proposal=closed, by=world.facilitator)
    for n in range(3):
        propose(world, kind=Kind.DECISION, title=f"Open {n}", text="We do it.", days=n + 2)
    client.force_login(world.member)
    with django_assert_max_num_queries(11):
        page = client.get(url("list", world))
    assert [p.title for p in page.context["open"]] == ["Open 0", "Open 1", "Open 2"]
    assert [p.title for p in page.context["closed"]] == ["Old 3", "Old 2", "Old 1", "Old 0"]
    proposal = Proposal.objects.get(title="Open 0")
    for user in (world.facilitator, world.member):
        respond(proposal, user, "agree", "Good idea")
    with django_assert_max_num_queries(14):
        assert client.get(url("detail", world, proposal.public_id)).status_code == 200


def test_the_group_home_shows_open_proposals_and_asks_which_wait_for_the_viewer(client, world):
    proposal = propose(world, by=world.facilitator, kind=Kind.DECISION, text="We do it.")
    client.force_login(world.member)
    home = client.get(reverse("groups:home", args=[world.group.public_id])).content.decode()
    assert proposal.title in home
    assert url("awaiting", world) in home
    # The home is shared by the members, so it marks nobody's; the viewer's copy does.
    assert "Needs your response" not in home
    mine = client.get(url("awaiting", world), headers={"HX-Request": "true"}).content.decode()
    assert "Needs your response" in mine
    assert url("awaiting", world) not in mine  # it asks once
    respond(proposal, world.member, "agree")
    mine = client.get(url("awaiting", world), headers={"HX-Request": "true"}).content.decode()
    assert proposal.title in mine
    assert "Needs your response" not in mine
    # Without htmx, the page of proposals.
    assert client.get(url("awaiting", world))["Location"] == url("list", world)


def test_overseers_learn_that_proposals_were_made_but_not_what_they_say(client, world):
    proposal = propose(world)
    respond(proposal, world.facilitator, "block", "Private reasons")
    client.force_login(world.coordinator)
    assert client.get(url("list", world)).status_code == 403
    assert client.get(url("detail", world, proposal.public_id)).status_code == 403
    history = client.get(reverse("groups:history", args=[world.group.public_id])).content.decode()
    assert "put a proposal to the group" in history
    assert proposal.title not in history
    assert "Private reasons" not in history
    client.force_login(world.outsider)
    assert client.get(url("detail", world, proposal.public_id)).status_code == 404


def test_members_find_proposals_in_search(client, world):
    propose(world, title="Decodable readers for every class")
    client.force_login(world.facilitator)
    page = client.get(reverse("search:search"), {"q": "decodable"}).content.decode()
    assert "Decodable readers for every class" in page
    assert "Proposal" in page
    client.force_login(world.outsider)
    page = client.get(reverse("search:search"), {"q": "decodable"}).content.decode()
    assert "Decodable readers" not in page
    # Closed, it is found with its outcome.
    services.proposal_close(proposal=Proposal.objects.get(), by=world.facilitator)
    client.force_login(world.member)
    page = client.get(reverse("search:search"), {"q": "decodable"}).content.decode()
    assert "Not agreed: Decodable readers for every class" in page
