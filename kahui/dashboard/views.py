"""A signed-in person's own pages across all their groups and organisations: the
dashboard and the activity feed."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.activity import feed
from kahui.core.errors import KahuiError
from kahui.dashboard import selectors
from kahui.groups import selectors as group_selectors
from kahui.groups.models import GroupRole
from kahui.meetings import services as meeting_services
from kahui.meetings.access import can_set_action_status
from kahui.meetings.models import ActionItem, ActionStatus
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    groups = list(group_selectors.groups_of_member(user))
    org_memberships = list(OrgMembership.objects.filter(user=user).select_related("organisation"))
    overseen = [m for m in org_memberships if m.role in {OrgRole.COORDINATOR, OrgRole.ADMIN}]
    org_invites = list(
        OrgInvite.objects.pending()
        .filter(email__iexact=user.email)
        .exclude(organisation__memberships__user=user)
        .select_related("organisation")
    )
    context = {
        "groups": groups,
        "next": selectors.next_up(user),
        "invites": list(group_selectors.invites_for(user)),
        "org_invites": org_invites,
        "my_requests": list(group_selectors.requests_of(user)),
        "to_decide": list(group_selectors.requests_to_decide(user)),
        "overseen": overseen,
        "supported": list(group_selectors.groups_supported(user)),
        "support_invitations": list(group_selectors.support_invitations(user)),
        "activity": selectors.recent_feed(user),
        "has_org": bool(org_memberships),
        "facilitates": any(group.my_role == GroupRole.FACILITATOR for group in groups),
    }
    return render(request, "dashboard/home.html", context)


@login_required
@require_POST
def action_done(request: HttpRequest, action_id: UUID) -> HttpResponse:
    """Mark one of the person's actions done from the dashboard: htmx removes its row
    and says so; without JavaScript, back to the dashboard with a message."""
    action = get_object_or_404(
        ActionItem.objects.select_related("group", "meeting"), public_id=action_id
    )
    if not can_set_action_status(request.user, action):
        raise Http404("No such action")
    refused = ""
    try:
        meeting_services.action_set_status(action=action, by=request.user, status=ActionStatus.DONE)
    except KahuiError as error:
        refused = error.message
    done = not refused
    if request.htmx:
        return render(
            request,
            "dashboard/_action_done.html",
            {"action": action, "done": done, "error": refused},
        )
    if done:
        messages.success(request, _("Done: %(text)s") % {"text": action.text})
    else:
        messages.error(request, refused)
    return redirect("dashboard:home")


@login_required
@require_GET
def activity(request: HttpRequest) -> HttpResponse:
    """The activity feed of all the person's groups, page by page: each line says
    what happened in words and links to where it happened."""
    page = Paginator(group_selectors.activity_of(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "dashboard/activity.html",
        {"page": page, "items": feed(page.object_list, viewer=request.user)},
    )
