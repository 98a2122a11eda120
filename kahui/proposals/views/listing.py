"""The group's Decisions tab (open proposals first, then the outcomes, beside the
decisions recorded at meetings), the open proposals for the group home's card, and how
the group decides."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.proposals import selectors, services
from kahui.proposals.access import may_propose
from kahui.proposals.forms import RulesForm
from kahui.proposals.models import rule_summary

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
