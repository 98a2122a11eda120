"""One proposal: its change, the responses and the count, responding to it and closing
it early."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.proposals import selectors, services
from kahui.proposals.access import may_close, may_respond
from kahui.proposals.forms import CloseForm, ResponseForm, goal_choice
from kahui.proposals.models import Kind, Proposal, outcome_sentence, rule_summary


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
        query["goal"] = goal_choice(
            proposal.goal_id, list(group.goals.values_list("pk", flat=True))
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
