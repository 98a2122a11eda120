"""A signed-in person's own pages across all their groups and organisations: the
dashboard and the activity feed."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kahui.core.activity import describe_all
from kahui.groups import selectors as group_selectors
from kahui.groups.models import GroupRole
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    groups = list(group_selectors.groups_of_member(user))
    overseen = list(
        OrgMembership.objects.filter(
            user=user, role__in=[OrgRole.COORDINATOR, OrgRole.ADMIN]
        ).select_related("organisation")
    )
    org_invites = list(
        OrgInvite.objects.pending()
        .filter(email__iexact=user.email)
        .exclude(organisation__memberships__user=user)
        .select_related("organisation")
    )
    context = {
        "groups": groups,
        "invites": list(group_selectors.invites_for(user)),
        "org_invites": org_invites,
        "my_requests": list(group_selectors.requests_of(user)),
        "to_decide": list(group_selectors.requests_to_decide(user)),
        "overseen": overseen,
        "supported": list(group_selectors.groups_supported(user)),
        "support_invitations": list(group_selectors.support_invitations(user)),
        "activity": describe_all(group_selectors.recent_activity(user)),
        "has_org": OrgMembership.objects.filter(user=user).exists(),
        "facilitates": any(group.my_role == GroupRole.FACILITATOR for group in groups),
    }
    return render(request, "dashboard/home.html", context)


@login_required
@require_GET
def activity(request: HttpRequest) -> HttpResponse:
    """The activity feed of all the person's groups, page by page."""
    page = Paginator(group_selectors.activity_of(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "dashboard/activity.html",
        {"page": page, "entries": describe_all(page.object_list)},
    )
