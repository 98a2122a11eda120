"""Deciding together: proposals, responses, closing with an outcome, and applying an
agreed change to the vision, a goal or the agreements through the groups' services,
so the change keeps its history like any other edit.

Every function runs in one transaction, records what changed in the activity log and
tells people through notifications (email only after the transaction commits). Each
checks who may act itself: views, the demo and the scheduler all reach them."""

from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.accounts.models import User
from kahui.core import activity, search
from kahui.core.errors import Conflict, KahuiError, NotAllowed
from kahui.groups import services as group_services
from kahui.groups.access import group_access
from kahui.groups.models import Goal, LearningGroup
from kahui.groups.services import ItemEdit
from kahui.notifications.models import Category
from kahui.notifications.services import notify
from kahui.proposals import access as rules_access
from kahui.proposals import outcome
from kahui.proposals.activity import ProposalActivity
from kahui.proposals.diff import Change, line_diff
from kahui.proposals.models import (
    Application,
    DecisionRules,
    Kind,
    Position,
    Proposal,
    Reason,
    Response,
    Rule,
    WhoProposes,
)
from kahui.proposals.selectors import Wording, agreement_lines, current_wording, rules_of

# A proposal stays open at least this long, and at most this long.
SHORTEST = timedelta(hours=1)
LONGEST = timedelta(days=60)
# Members who have not responded are reminded this long before the deadline.
REMINDER_BEFORE = timedelta(hours=24)
# What a goal and an agreement may hold (as the goals and agreements editors allow).
GOAL_LENGTH, EVIDENCE_LENGTH, AGREEMENT_LENGTH = 300, 500, 300
TEXT_LENGTH, TITLE_LENGTH, REASON_LENGTH = 3000, 160, 2000
MOST_GOALS, MOST_AGREEMENTS = 12, 20

RULE_LABELS = {
    "who_proposes": gettext_lazy("Who may propose"),
    "rule": gettext_lazy("What counts as agreed"),
    "min_share": gettext_lazy("Minimum share responding"),
}


class StaleWording(Conflict):
    """The text the proposal changes was edited while the proposal was being written."""

    def __init__(self, current: Wording) -> None:
        super().__init__(
            _(
                "The current text changed while you were writing. It is shown again "
                "below: check your proposal against it, then send it."
            )
        )
        self.current = current


def _url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.group.public_id, proposal.public_id])


def _members(group: LearningGroup, skip=None) -> list[User]:
    return [
        m.user
        for m in group.memberships.select_related("user__profile")
        if skip is None or m.user_id != skip.pk
    ]


# -- how the group decides ----------------------------------------------------------


@transaction.atomic
def rules_save(
    *, group: LearningGroup, by, who_proposes: str, rule: str, min_share: int = 0
) -> DecisionRules:
    """Choose who may propose and what counts as agreed (facilitators). Open proposals
    keep the rule they opened with."""
    if not rules_access.may_set_rules(group_access(by, group)):
        raise NotAllowed(_("Only a facilitator can change how the group decides."))
    if rule != Rule.MAJORITY:
        min_share = 0  # consent has no minimum: a block from anyone who responds stops it
    rules = DecisionRules.objects.select_for_update().filter(group=group).first()
    rules = rules or DecisionRules(group=group)
    before = _rules_text(rules)
    rules.who_proposes = WhoProposes(who_proposes)
    rules.rule = Rule(rule)
    rules.min_share = min_share
    rules.full_clean(exclude=["group"])
    changes = activity.field_changes(before, _rules_text(rules), RULE_LABELS)
    if changes or rules.pk is None:
        rules.save()
    if changes:
        activity.record(
            actor=by,
            action=ProposalActivity.RULES_CHANGED,
            group=group,
            target=group.name,
            changes=changes,
        )
    return rules


def _rules_text(rules: DecisionRules) -> dict[str, str]:
    return {
        "who_proposes": str(rules.get_who_proposes_display()),
        "rule": str(rules.get_rule_display()),
        "min_share": f"{rules.min_share}%" if rules.min_share else "—",
    }


# -- opening ------------------------------------------------------------------------


def _checked_text(kind: str, text: str, evidence: str, group: LearningGroup, goal) -> Wording:
    """The proposed wording, tidied, or a clear refusal."""
    text = text.strip()
    evidence = evidence.strip()
    if not text:
        raise KahuiError(_("Write what you propose."))
    if len(text) > TEXT_LENGTH:
        raise KahuiError(_("Keep what you propose under 3,000 characters."))
    match kind:
        case Kind.GOAL:
            if len(text) > GOAL_LENGTH:
                raise KahuiError(_("Keep a goal under 300 characters."))
            if not evidence:
                raise KahuiError(_("Say how the group will see progress towards the goal."))
            if len(evidence) > EVIDENCE_LENGTH:
                raise KahuiError(_("Keep how you will see progress under 500 characters."))
            if goal is None and group.goals.count() >= MOST_GOALS:
                raise KahuiError(_("A group has at most 12 goals: propose changing one instead."))
            return Wording(text=text, evidence=evidence)
        case Kind.AGREEMENTS:
            lines = agreement_lines(text)
            if not lines:
                raise KahuiError(_("Keep at least one agreement."))
            if len(lines) > MOST_AGREEMENTS:
                raise KahuiError(_("A group has at most 20 agreements."))
            if any(len(line) > AGREEMENT_LENGTH for line in lines):
                raise KahuiError(_("Keep each agreement under 300 characters."))
            return Wording(text="\n".join(lines))
    return Wording(text=text)


@transaction.atomic
def proposal_open(
    *,
    group: LearningGroup,
    by,
    kind: str,
    title: str,
    reason: str,
    text: str,
    deadline: datetime,
    evidence: str = "",
    goal: Goal | None = None,
    seen: Wording | None = None,
) -> Proposal:
    """Put a proposal to the group until ``deadline``; every other member is told.

    A change is shown against the wording it replaces, kept as it is now; ``seen`` is
    the wording the proposer saw when they started writing, and :class:`StaleWording`
    refuses the proposal if it has changed since."""
    rules = rules_of(group)
    if not rules_access.may_propose(group_access(by, group), rules, group):
        raise NotAllowed(_("In this group only facilitators make proposals."))
    kind = Kind(kind)
    title, reason = title.strip(), reason.strip()
    if not title or len(title) > TITLE_LENGTH:
        raise KahuiError(_("Give the proposal a title of at most 160 characters."))
    if not reason or len(reason) > REASON_LENGTH:
        raise KahuiError(_("Say why, in at most 2,000 characters."))
    now = timezone.now()
    if deadline < now + SHORTEST:
        raise KahuiError(_("Give the group at least an hour to respond."))
    if deadline > now + LONGEST:
        raise KahuiError(_("Choose a deadline within the next 60 days."))
    if kind != Kind.GOAL:
        goal = None
    elif goal is not None and goal.group_id != group.pk:
        raise KahuiError(_("That goal is not one of this group's goals."))
    base = current_wording(group, kind, goal)
    if seen is not None and seen != base:
        raise StaleWording(base)
    proposed = _checked_text(kind, text, evidence, group, goal)
    if kind != Kind.DECISION and proposed == base:
        raise KahuiError(_("The proposed text is the same as the current one."))
    proposal = Proposal.objects.create(
        group=group,
        kind=kind,
        title=title,
        reason=reason,
        text=proposed.text,
        evidence=proposed.evidence,
        goal=goal,
        base_text=base.text,
        base_evidence=base.evidence,
        rule=rules.rule,
        min_share=rules.min_share,
        deadline=deadline,
        created_by=by,
    )
    activity.record(
        actor=by,
        action=ProposalActivity.OPENED,
        group=group,
        target=proposal.title,
        ref={"proposal": str(proposal.public_id)},
    )
    _index(proposal)
    notify(
        users=_members(group, skip=by),
        category=Category.PROPOSALS,
        title=_("New proposal in %(group)s: %(title)s")
        % {"group": group.name, "title": proposal.title},
        url=_url(proposal),
        group=group,
        email_template="proposal_opened",
        context={
            "proposal": proposal,
            "group": group,
            "by": by.display_name,
            "url": _url(proposal),
            "default_zone": settings.TIME_ZONE,
        },
        key=f"proposal-opened:{proposal.pk}",
    )
    return proposal


def _index(proposal: Proposal) -> None:
    search.index_many([_search_document(proposal)])


def proposals_reindex() -> int:
    """Every proposal in the search index again (``kahui reindex-search``)."""
    proposals = Proposal.objects.select_related("group").order_by("pk")
    return search.index_many(_search_document(p) for p in proposals.iterator(chunk_size=2000))


def _search_document(proposal: Proposal) -> search.Document:
    title = proposal.title
    if proposal.closed_at is not None:
        title = (_("Agreed: %(title)s") if proposal.agreed else _("Not agreed: %(title)s")) % {
            "title": title
        }
    return search.Document(
        kind="proposal",
        object_id=proposal.pk,
        group_id=proposal.group_id,
        title=title,
        body="\n\n".join([proposal.reason, proposal.text, proposal.evidence]),
        url=_url(proposal),
        dated=proposal.closed_at or proposal.created_at,
    )


# -- responding ---------------------------------------------------------------------


@transaction.atomic
def response_save(*, proposal: Proposal, by, position: str, reason: str = "") -> Response:
    """Record ``by``'s response, or change it, while the proposal is open. A block
    needs a reason: it stops a proposal under consent, so the group must know why."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    locked.group = proposal.group
    if not group_access(by, locked.group).is_member:
        raise NotAllowed(_("Only the group's members respond to its proposals."))
    if not locked.is_open:
        raise KahuiError(_("This proposal is closed: responses can no longer change."))
    try:
        position = Position(position)
    except ValueError:
        raise KahuiError(_("Choose agree, abstain, disagree or block.")) from None
    reason = reason.strip()
    if position == Position.BLOCK and not reason:
        raise KahuiError(_("Say why you block: the group needs your reason to work on it."))
    if len(reason) > 1000:
        raise KahuiError(_("Keep your reason under 1,000 characters."))
    response = Response.objects.filter(proposal=locked, user=by).first()
    before = _response_text(response)
    if response is None:
        response = Response(proposal=locked, user=by)
    elif (response.position, response.reason) == (position, reason):
        return response
    response.position = position
    response.reason = reason
    response.save()
    activity.record(
        actor=by,
        action=ProposalActivity.RESPONDED
        if not before["position"]
        else ProposalActivity.RESPONSE_CHANGED,
        group=locked.group,
        target=locked.title,
        ref={"proposal": str(locked.public_id), "to": locked.created_by_id},
        changes=activity.field_changes(
            before,
            _response_text(response),
            {"position": gettext_lazy("Response"), "reason": gettext_lazy("Reason")},
        ),
    )
    return response


def _response_text(response: Response | None) -> dict[str, str]:
    if response is None:
        return {"position": "", "reason": ""}
    return {"position": str(response.get_position_display()), "reason": response.reason}


# -- closing ------------------------------------------------------------------------


@transaction.atomic
def proposal_close(
    *, proposal: Proposal, by=None, note: str = "", now: datetime | None = None
) -> Proposal:
    """Close the proposal and settle its outcome by the rule it opened with.

    ``by`` is a facilitator closing it before its deadline; without ``by`` it closes at
    its deadline (the scheduler). Closing twice changes nothing. Only the responses of
    people still in the group count. An agreed change is applied through the groups'
    services; if its text changed since the proposal opened, nothing is applied and
    the outcome asks for a new proposal. Every member is told the outcome."""
    now = now or timezone.now()
    locked = (
        # Only the proposal's row: its proposer, goal or organisation may be missing.
        Proposal.objects.select_for_update(of=("self",))
        .select_related("group__organisation", "created_by__profile", "goal")
        .get(pk=proposal.pk)
    )
    if locked.closed_at is not None:
        return locked
    group = locked.group
    if by is None:
        if locked.deadline > now:
            raise KahuiError(_("This proposal is open until its deadline."))
    elif not rules_access.may_close(group_access(by, group), locked):
        raise NotAllowed(_("Only a facilitator can close a proposal early."))
    member_ids = set(group.memberships.values_list("user_id", flat=True))
    tally = outcome.Tally.of(
        locked.responses.filter(user_id__in=member_ids).values_list("position", flat=True),
        members=len(member_ids),
    )
    verdict = outcome.decide(tally, locked.rule, locked.min_share)
    locked.closed_at = now
    locked.closed_by = by
    locked.close_note = note.strip()[:500]
    locked.agreed = verdict.agreed
    locked.outcome = verdict.reason
    locked.tally = asdict(tally)
    if by is not None:
        activity.record(actor=by, action=ProposalActivity.CLOSED, group=group, target=locked.title)
    activity.record(
        actor=locked.created_by,
        action=ProposalActivity.AGREED if verdict.agreed else ProposalActivity.NOT_AGREED,
        group=group,
        target=locked.title,
        changes={"outcome": activity.change(_("Outcome"), "", describe_tally(locked))},
        ref={"proposal": str(locked.public_id)},
    )
    if verdict.agreed and locked.changes_text:
        locked.applied = _apply(locked)
    locked.save()
    _index(locked)
    notify(
        users=_members(group),
        category=Category.PROPOSALS,
        title=(_("Agreed: %(title)s") if verdict.agreed else _("Not agreed: %(title)s"))
        % {"title": locked.title},
        url=_url(locked),
        group=group,
        email_template="proposal_closed",
        context={
            "proposal": locked,
            "group": group,
            "url": _url(locked),
            "tally_text": describe_tally(locked),
        },
        key=f"proposal-closed:{locked.pk}",
    )
    return locked


def describe_tally(proposal: Proposal) -> str:
    """The outcome in a line: "Agreed — 4 agree, 1 abstain, 0 disagree, 0 block (5 of
    6 members responded)"."""
    return _("%(outcome)s — %(counts)s") % {
        "outcome": Reason(proposal.outcome).label if proposal.outcome else "",
        "counts": describe_counts(proposal.final_tally or outcome.Tally()),
    }


def describe_counts(tally: outcome.Tally) -> str:
    """ "4 agree, 1 abstain, 0 disagree, 0 block (5 of 6 members responded)"."""
    return _(
        "%(agree)d agree, %(abstain)d abstain, %(disagree)d disagree, %(block)d block "
        "(%(responded)d of %(members)d members responded)"
    ) % {
        "agree": tally.agree,
        "abstain": tally.abstain,
        "disagree": tally.disagree,
        "block": tally.block,
        "responded": tally.responded,
        "members": tally.members,
    }


def _apply(proposal: Proposal) -> str:
    """Make the agreed change, as its proposer, with the groups' services (so it is
    recorded in the history like any edit); or, if the text has changed since the
    proposal opened, change nothing."""
    group, author = proposal.group, proposal.created_by
    goal_removed = proposal.kind == Kind.GOAL and proposal.base_text and proposal.goal is None
    base = Wording(text=proposal.base_text, evidence=proposal.base_evidence)
    if goal_removed or current_wording(group, proposal.kind, proposal.goal) != base:
        activity.record(
            actor=author, action=ProposalActivity.NOT_APPLIED, group=group, target=proposal.title
        )
        return Application.STALE
    try:
        with transaction.atomic():
            _change(proposal)
    except (KahuiError, ValidationError):
        # The groups' services refused it (the group changed in some other way): the
        # outcome stands, the change waits for a new proposal, and closing goes on.
        activity.record(
            actor=author, action=ProposalActivity.NOT_APPLIED, group=group, target=proposal.title
        )
        return Application.STALE
    activity.record(
        actor=author, action=ProposalActivity.APPLIED, group=group, target=proposal.title
    )
    return Application.APPLIED


def _change(proposal: Proposal) -> None:
    group, author = proposal.group, proposal.created_by
    match proposal.kind:
        case Kind.VISION:
            group_services.group_update(group=group, by=author, version=None, vision=proposal.text)
        case Kind.GOAL:
            values = {"text": proposal.text, "evidence": proposal.evidence}
            rows = [
                ItemEdit(
                    id=goal.pk,
                    values=values
                    if goal.pk == proposal.goal_id
                    else {"text": goal.text, "evidence": goal.evidence},
                )
                for goal in group.goals.all()
            ]
            if proposal.goal_id is None:
                rows.append(ItemEdit(id=None, values=values))
            group_services.goals_save(group=group, by=author, rows=rows)
        case Kind.AGREEMENTS:
            norms = list(group.norms.all())
            rows = []
            for line in line_diff([n.text for n in norms], agreement_lines(proposal.text)):
                if line.change == Change.ADDED:
                    rows.append(ItemEdit(id=None, values={"text": line.new}))
                    continue
                assert line.old_index is not None  # a kept, changed or removed line
                norm = norms[line.old_index]
                if line.change == Change.REMOVED:
                    rows.append(ItemEdit(id=norm.pk, values={}, delete=True))
                else:
                    rows.append(ItemEdit(id=norm.pk, values={"text": line.new}))
            group_services.norms_save(group=group, by=author, rows=rows)


# -- reminding ----------------------------------------------------------------------


@transaction.atomic
def proposal_remind(*, proposal: Proposal, now: datetime | None = None) -> int:
    """Remind the members who have not responded, once, a day before the deadline.
    Returns how many were reminded."""
    now = now or timezone.now()
    locked = Proposal.objects.select_for_update().select_related("group").get(pk=proposal.pk)
    if locked.reminded_at is not None or locked.closed_at is not None or locked.deadline <= now:
        return 0
    locked.reminded_at = now
    locked.save(update_fields=["reminded_at", "updated_at"])
    responded = set(locked.responses.values_list("user_id", flat=True))
    waiting = [user for user in _members(locked.group) if user.pk not in responded]
    notify(
        users=waiting,
        category=Category.PROPOSALS,
        title=_("A day left to respond: %(title)s") % {"title": locked.title},
        url=_url(locked),
        group=locked.group,
        email_template="proposal_reminder",
        context={
            "proposal": locked,
            "group": locked.group,
            "url": _url(locked),
            "default_zone": settings.TIME_ZONE,
        },
        key=f"proposal-reminder:{locked.pk}",
    )
    return len(waiting)
