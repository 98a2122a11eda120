"""Deciding together: the group's proposals (open first, then the outcomes), one
proposal with its change, the response form and the responses, making a proposal,
closing one early, and how the group decides."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.proposals import selectors, services
from kahui.proposals.access import may_close, may_propose, may_respond
from kahui.proposals.forms import (
    ChooseForm,
    CloseForm,
    ProposalForm,
    ResponseForm,
    RulesForm,
    proposal_initial,
)
from kahui.proposals.models import Kind, Proposal, outcome_sentence, rule_summary

PER_PAGE = 20


@group_view(Need.MEMBER)
@require_GET
def proposal_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    rules = selectors.rules_of(group)
    page = Paginator(selectors.proposals_of(group, request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    proposals = list(page.object_list)
    return render(
        request,
        "proposals/list.html",
        {
            "group": group,
            "access": access,
            "page": page,
            "open": [p for p in proposals if p.closed_at is None],
            "closed": [p for p in proposals if p.closed_at is not None],
            "rules": rules,
            "rule_text": rule_summary(rules.rule, rules.min_share),
            "can_propose": may_propose(access, rules, group),
            "meeting_decisions": selectors.meeting_decisions(group),
        },
    )


@group_view(Need.MEMBER)
@require_GET
def awaiting(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """The open proposals with those waiting for the viewer's response marked, for the
    group home's card (a copy shared by every member, so it asks for this with htmx)."""
    if not request.htmx:
        return redirect("proposals:list", group.public_id)
    return render(
        request,
        "proposals/_open_list.html",
        {
            "group": group,
            "open_proposals": selectors.open_proposals(group),
            "awaiting_ids": {p.pk for p in selectors.awaiting(group, request.user)},
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def proposal_new(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    rules = selectors.rules_of(group)
    if not may_propose(access, rules, group):
        raise PermissionDenied("In this group only facilitators make proposals.")
    goals = list(group.goals.all())
    choose = ChooseForm(request.GET if "kind" in request.GET else None, goals=goals)
    status = 200
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        kind = kind if kind in Kind.values else Kind.DECISION
        goal = _posted_goal(request, goals)
        form = ProposalForm(request.POST, kind=kind)
        current = selectors.current_wording(group, kind, goal)
        if kind == Kind.GOAL and request.POST.get("goal") and goal is None:
            form.add_error(None, _("That goal was removed meanwhile. Choose again what to change."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                proposal = services.proposal_open(
                    group=group,
                    by=request.user,
                    kind=kind,
                    title=data["title"],
                    reason=data["reason"],
                    text=data["text"],
                    evidence=data.get("evidence", ""),
                    goal=goal,
                    deadline=form.deadline(),
                    seen=selectors.Wording(data["seen_text"], data["seen_evidence"]),
                )
            except services.StaleWording as stale:
                form.add_error(None, stale.message)
                # Sent again, it is compared with the text now shown.
                form.data = form.data.copy()
                form.data["seen_text"] = stale.current.text
                form.data["seen_evidence"] = stale.current.evidence
                current = stale.current
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your proposal is open; the group has been told."))
                return redirect("proposals:detail", group.public_id, proposal.public_id)
        status = 400
        choose = ChooseForm(initial={"kind": kind, "goal": _goal_number(goal, goals)}, goals=goals)
    else:
        kind, goal = choose.chosen()
        current = selectors.current_wording(group, kind, goal)
        form = ProposalForm(
            kind=kind,
            initial=proposal_initial(
                kind, goal.pk if goal else None, current.text, current.evidence
            ),
        )
    context = {
        "group": group,
        "access": access,
        "choose": choose,
        "form": form,
        "kind": kind,
        "goal": goal,
        "current": current,
        "rule_text": rule_summary(rules.rule, rules.min_share),
    }
    if request.htmx and request.method == "GET":
        return render(request, "proposals/new.html#proposal-form", context)
    return render(request, "proposals/new.html", context, status=status)


def _posted_goal(request: HttpRequest, goals):
    try:
        pk = int(request.POST.get("goal") or 0)
    except ValueError:
        return None
    return next((goal for goal in goals if goal.pk == pk), None)


def _goal_number(goal, goals) -> str:
    return str(goals.index(goal) + 1) if goal in goals else "new"


def _proposal(group: LearningGroup, proposal_id: UUID) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("created_by__profile", "closed_by__profile", "goal"),
        group=group,
        public_id=proposal_id,
    )
    proposal.group = group
    return proposal


def _detail_context(request, group, access, proposal, **extra) -> dict:
    page = selectors.proposal_page(proposal, request.user)
    mine = page.mine
    context = {
        "group": group,
        "access": access,
        "proposal": proposal,
        "page": page,
        "response_form": ResponseForm(
            initial={"position": mine.position, "reason": mine.reason} if mine else None
        ),
        "close_form": CloseForm(),
        "can_respond": may_respond(access, proposal),
        "can_close": may_close(access, proposal),
        "rule_text": rule_summary(proposal.rule, proposal.min_share),
        "standing_text": outcome_sentence(page.standing.reason, proposal.min_share),
        "outcome_text": outcome_sentence(proposal.outcome, proposal.min_share)
        if proposal.outcome
        else "",
        "counts_text": services.describe_counts(page.tally),
        "renew_query": _renew_query(group, proposal) if proposal.applied else "",
    }
    context.update(extra)
    return context


def _renew_query(group: LearningGroup, proposal: Proposal) -> str:
    """How the new-proposal form starts from the current text of what ``proposal``
    changed (for a goal, by its place in the list)."""
    query = {"kind": proposal.kind}
    if proposal.kind == Kind.GOAL:
        goals = list(group.goals.values_list("pk", flat=True))
        query["goal"] = (
            str(goals.index(proposal.goal_id) + 1) if proposal.goal_id in goals else "new"
        )
    return urlencode(query)


@group_view(Need.MEMBER)
@require_GET
def proposal_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, proposal_id: UUID
) -> HttpResponse:
    proposal = _proposal(group, proposal_id)
    return render(
        request, "proposals/detail.html", _detail_context(request, group, access, proposal)
    )


@group_view(Need.MEMBER)
@require_POST
def respond(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, proposal_id: UUID
) -> HttpResponse:
    proposal = _proposal(group, proposal_id)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.response_save(
                proposal=proposal,
                by=request.user,
                position=form.cleaned_data["position"],
                reason=form.cleaned_data["reason"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            if request.htmx:
                context = _detail_context(request, group, access, proposal, response_saved=True)
                return render(request, "proposals/detail.html#responding", context)
            messages.success(
                request, _("Your response is saved. You can change it until the deadline.")
            )
            return redirect("proposals:detail", group.public_id, proposal.public_id)
    context = _detail_context(request, group, access, proposal, response_form=form)
    if request.htmx:
        # htmx swaps only what succeeds: the refused form comes back as a 200 fragment.
        return render(request, "proposals/detail.html#responding", context)
    return render(request, "proposals/detail.html", context, status=400)


@group_view(Need.FACILITATE)
@require_POST
def close(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, proposal_id: UUID
) -> HttpResponse:
    proposal = _proposal(group, proposal_id)
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        proposal = services.proposal_close(proposal=proposal, by=request.user, note=note)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The proposal is closed: agreed.")
            if proposal.agreed
            else _("The proposal is closed: not agreed."),
        )
    return redirect("proposals:detail", group.public_id, proposal.public_id)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    current = selectors.rules_of(group)
    form = RulesForm(
        request.POST or None,
        initial={
            "who_proposes": current.who_proposes,
            "rule": current.rule,
            "min_share": current.min_share,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_save(group=group, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Saved. Proposals already open keep the rule they opened with.")
            )
            return redirect("proposals:list", group.public_id)
    return render(
        request,
        "proposals/rules.html",
        {"group": group, "access": access, "form": form},
        status=400 if form.is_bound else 200,
    )
