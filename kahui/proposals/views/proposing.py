"""Making a proposal: a decision, or a new wording of the vision, a goal or the
agreements, starting from the current text."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.proposals import selectors, services
from kahui.proposals.access import may_propose
from kahui.proposals.forms import ChooseForm, ProposalForm, goal_choice, proposal_initial
from kahui.proposals.models import Kind, rule_summary


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
        number = goal_choice(goal.pk if goal else None, [g.pk for g in goals])
        choose = ChooseForm(initial={"kind": kind, "goal": number}, goals=goals)
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
