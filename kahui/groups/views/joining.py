"""Coming into a group and leaving it: joining an open group, asking to join, an
invitation link from an email, leaving."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.groups import services
from kahui.groups.access import GroupAccess, Need, group_view, is_invitee
from kahui.groups.forms import JoinRequestForm
from kahui.groups.models import GroupInvite, JoinRequest, LearningGroup, Status
from kahui.groups.views.home import about_page
from kahui.groups.views.members import group_crumbs, size_warning


@group_view(Need.DISCOVER)
@require_POST
def join(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    try:
        services.group_join(group=group, user=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Welcome to %(name)s!") % {"name": group.name})
        size_warning(request, group)
    return redirect("groups:home", group.public_id)


@group_view(Need.DISCOVER)
@require_POST
def request_join(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                group=group, user=request.user, message=form.cleaned_data["message"]
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your request is with the facilitators. You will see their answer here."),
            )
    else:
        return about_page(request, group, form, status=400)
    return redirect("groups:home", group.public_id)


@group_view(Need.DISCOVER)
@require_http_methods(["GET", "POST"])
def request_withdraw(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, request_id: UUID
) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest, group=group, public_id=request_id, user=request.user
    )
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw your request to join %(group)s?") % {"group": group.name},
            question=_("The facilitators will no longer see it. You can ask again later."),
            confirm_label=_("Withdraw the request"),
            cancel_url=reverse("groups:home", args=[group.public_id]),
            breadcrumbs=group_crumbs(group),
            place=group.name,
        )
    try:
        services.join_request_withdraw(request=join_request, user=request.user)
        messages.info(request, _("You withdrew your request."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:home", group.public_id)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    """Ask first, then leave: the POST of the confirmation page does it."""
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Leave %(group)s?") % {"group": group.name},
            question=_(
                "You will no longer see the group's meetings, discussions or library. "
                "To come back you will need to join or be invited again."
            ),
            confirm_label=_("Leave the group"),
            cancel_url=reverse("groups:home", args=[group.public_id]),
            breadcrumbs=group_crumbs(group),
            place=group.name,
        )
    try:
        services.group_leave(group=group, user=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("groups:home", group.public_id)
    messages.info(request, _("You left %(name)s.") % {"name": group.name})
    return redirect("dashboard:home")


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link from an email: accept or decline it."""
    invitation = get_object_or_404(
        GroupInvite.objects.select_related("group__organisation", "invited_by__profile"),
        token=token,
    )
    group = invitation.group
    if not is_invitee(request.user, invitation):
        # A forwarded or leaked link shows nothing about the group or who sent it.
        return render(request, "accounts/invite_elsewhere.html", {"invite_url": request.path})
    already = group.memberships.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.invite_decline(invite=invitation, user=request.user)
                messages.info(request, _("You declined the invitation."))
                return redirect("dashboard:home")
            services.invite_accept(invite=invitation, user=request.user)
        except KahuiError as error:
            messages.error(request, error.message)
            return redirect("dashboard:home")
        messages.success(request, _("Welcome to %(name)s!") % {"name": group.name})
        return redirect("groups:home", group.public_id)
    return render(
        request,
        "groups/invite.html",
        {
            "invite": invitation,
            "group": group,
            "already_member": already,
            "waiting_for_launch": group.status == Status.DRAFT,
        },
    )
