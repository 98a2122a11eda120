"""A group's members, for members and overseers, and their management by its
facilitators: roles, removal, invitations and requests to join."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.groups import selectors, services
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.forms import DecisionForm, InviteForm, RoleForm
from kahui.groups.models import GroupInvite, GroupMembership, GroupRole, JoinRequest, LearningGroup


def size_warning(request: HttpRequest, group: LearningGroup) -> None:
    size = group.size()
    if size.state == "small":
        messages.warning(
            request,
            _(
                "%(name)s has %(n)d members. Groups of 6 to 12 work best: invite a few more "
                "colleagues when you can."
            )
            % {"name": group.name, "n": size.members},
        )
    elif size.state == "large":
        messages.warning(
            request,
            _(
                "%(name)s now has %(n)d members. Above 12 not everyone gets a voice; "
                "consider splitting into two groups."
            )
            % {"name": group.name, "n": size.members},
        )


@group_view(Need.OVERSEE)
@require_GET
def members(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    return _members_page(request, group, access)


def _members_page(
    request: HttpRequest,
    group: LearningGroup,
    access,
    refused: tuple[JoinRequest, DecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The member list; for facilitators also the requests to join and invitations.
    ``refused`` is a (join request, bound DecisionForm) pair whose answer was refused:
    drawn again with its errors and the reply as typed."""
    memberships = list(selectors.members_of(group))
    context = {
        "group": group,
        "access": access,
        "members": memberships,
        "size": group.size(len(memberships)),
        "role_choices": GroupRole.choices,
        "supporters": list(selectors.supporters_of(group)),
    }
    if access.is_facilitator:
        context["requests"] = group.join_requests.pending().select_related("user__profile")
        context["invites"] = group.invites.pending()
        context["decision_form"] = refused[1] if refused else DecisionForm()
        context["refused_request"] = refused[0].public_id if refused else None
    return render(request, "groups/members.html", context, status=status)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def invite_members(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess
) -> HttpResponse:
    form = InviteForm(request.POST or None, require_emails=True)
    if request.method == "POST" and form.is_valid():
        sent = services.group_invite(
            group=group,
            by=request.user,
            emails=form.cleaned_data["emails"],
            role=form.cleaned_data["role"],
            message=form.cleaned_data["message"],
        )
        skipped = len(set(form.cleaned_data["emails"])) - len(sent)
        messages.success(request, _("%(n)d invitation(s) sent.") % {"n": len(sent)})
        if skipped:
            messages.info(
                request,
                _("%(n)d address(es) skipped: already members or already invited.")
                % {"n": skipped},
            )
        return redirect("groups:members", group.public_id)
    return render(request, "groups/invite_members.html", {"group": group, "form": form})


def group_crumbs(group: LearningGroup) -> list[tuple[str, str]]:
    return [
        (_("My groups"), reverse("groups:mine")),
        (group.name, reverse("groups:home", args=[group.public_id])),
    ]


def _membership(group: LearningGroup, user_id: UUID) -> GroupMembership:
    return get_object_or_404(
        GroupMembership.objects.select_related("user__profile", "group"),
        group=group,
        user__public_id=user_id,
    )


@group_view(Need.FACILITATE)
@require_POST
def member_role(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, user_id: UUID
) -> HttpResponse:
    """Change a member's role. The row's select sends itself on change with htmx and
    gets its row's form back with a note; without JavaScript its button sends the
    form and the page comes back with a message."""
    membership = _membership(group, user_id)
    form = RoleForm(request.POST)
    refused = True
    if not form.is_valid():
        note = _("Choose a valid role.")
    else:
        try:
            services.membership_set_role(
                membership=membership, by=request.user, role=form.cleaned_data["role"]
            )
            note = _("%(name)s is now %(role)s.") % {
                "name": membership.user.display_name,
                "role": membership.get_role_display(),
            }
            refused = False
        except KahuiError as error:
            membership.refresh_from_db(fields=["role"])
            note = error.message
    if request.htmx:
        return render(
            request,
            "groups/members.html#role-form",
            {
                "group": group,
                "m": membership,
                "role_choices": GroupRole.choices,
                "role_note": note,
                "role_refused": refused,
            },
        )
    (messages.error if refused else messages.success)(request, note)
    return redirect("groups:members", group.public_id)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def member_remove(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, user_id: UUID
) -> HttpResponse:
    """Ask first, then remove: the POST of the confirmation page does it."""
    membership = _membership(group, user_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove %(name)s?") % {"name": membership.user.display_name},
            question=_(
                "%(name)s will no longer see %(group)s, its meetings or discussions. "
                "You can invite them again later."
            )
            % {"name": membership.user.display_name, "group": group.name},
            confirm_label=_("Remove from the group"),
            cancel_url=reverse("groups:members", args=[group.public_id]),
            breadcrumbs=group_crumbs(group),
            place=group.name,
        )
    try:
        services.membership_remove(membership=membership, by=request.user)
        messages.success(
            request, _("%(name)s left the group.") % {"name": membership.user.display_name}
        )
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:members", group.public_id)


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def invite_revoke(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, invite_id: UUID
) -> HttpResponse:
    invite = get_object_or_404(GroupInvite, group=group, public_id=invite_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw the invitation to %(email)s?") % {"email": invite.email},
            question=_("The link in the email will no longer work. You can invite them again."),
            confirm_label=_("Withdraw the invitation"),
            cancel_url=reverse("groups:members", args=[group.public_id]),
            breadcrumbs=group_crumbs(group),
            place=group.name,
        )
    try:
        services.invite_revoke(invite=invite, by=request.user)
        messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invite.email})
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("groups:members", group.public_id)


@group_view(Need.FACILITATE)
@require_POST
def request_decide(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, request_id: UUID
) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user__profile"), group=group, public_id=request_id
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _members_page(request, group, access, refused=(join_request, form), status=400)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.join_request_decide(
            request=join_request, by=request.user, approve=approve, reply=form.cleaned_data["reply"]
        )
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        name = join_request.user.display_name
        if approve:
            messages.success(request, _("%(name)s joined the group.") % {"name": name})
            size_warning(request, group)
        else:
            messages.info(request, _("You declined %(name)s's request.") % {"name": name})
    back = "groups:home" if request.POST.get("next") == "home" else "groups:members"
    return redirect(back, group.public_id)
