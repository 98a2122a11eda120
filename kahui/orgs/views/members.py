"""An organisation's members, for its administrators: roles, removal, email
invitations and the invite code."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.orgs import services
from kahui.orgs.access import org_for
from kahui.orgs.forms import OrgInviteForm, OrgRoleForm
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    form = OrgInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.org_invite(
            org=org,
            by=request.user,
            emails=form.cleaned_data["emails"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("%(n)d invitation(s) sent.") % {"n": len(sent)})
        return redirect("orgs:members", org.slug)
    page = Paginator(
        org.memberships.select_related("user__profile").order_by("user__profile__display_name"),
        50,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/members.html",
        {
            "org": org,
            "page": page,
            "form": form,
            "invites": org.invites.pending(),
            "role_choices": OrgRole.choices,
        },
    )


def _org_membership(org, user_id: UUID) -> OrgMembership:
    return get_object_or_404(
        OrgMembership.objects.select_related("user__profile", "organisation"),
        organisation=org,
        user__public_id=user_id,
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, user_id: UUID) -> HttpResponse:
    """Change a member's role. The row's select sends itself on change with htmx and
    gets its row's form back with a note; without JavaScript its button sends the
    form and the page comes back with a message."""
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    target = _org_membership(org, user_id)
    form = OrgRoleForm(request.POST)
    refused = True
    if not form.is_valid():
        note = _("Choose a valid role.")
    else:
        try:
            services.org_member_set_role(
                membership=target, by=request.user, role=form.cleaned_data["role"]
            )
            note = _("Role changed for %(name)s.") % {"name": target.user.display_name}
            refused = False
        except KahuiError as error:
            target.refresh_from_db(fields=["role"])
            note = error.message
    if request.htmx:
        return render(
            request,
            "orgs/members.html#role-form",
            {
                "org": org,
                "m": target,
                "role_choices": OrgRole.choices,
                "role_note": note,
                "role_refused": refused,
            },
        )
    (messages.error if refused else messages.success)(request, note)
    return redirect("orgs:members", org.slug)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, slug: str, user_id: UUID) -> HttpResponse:
    """Ask first, then remove: the POST of the confirmation page does it."""
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    target = _org_membership(org, user_id)
    if not is_confirmed(request):
        members_url = reverse("orgs:members", args=[org.slug])
        return ask_to_confirm(
            request,
            title=_("Remove %(name)s from %(org)s?")
            % {"name": target.user.display_name, "org": org.name},
            question=_(
                "%(name)s will no longer be a member of %(org)s. The learning groups "
                "they belong to do not change. You can invite them again later."
            )
            % {"name": target.user.display_name, "org": org.name},
            confirm_label=_("Remove from the organisation"),
            cancel_url=members_url,
            breadcrumbs=[
                (_("Organisations"), reverse("orgs:list")),
                (org.name, reverse("orgs:detail", args=[org.slug])),
                (_("Members"), members_url),
            ],
            place=org.name,
        )
    try:
        services.org_member_remove(membership=target, by=request.user)
        messages.success(request, _("%(name)s was removed.") % {"name": target.user.display_name})
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("orgs:members", org.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invite_revoke(request: HttpRequest, slug: str, invite_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    invitation = get_object_or_404(OrgInvite, organisation=org, public_id=invite_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
            question=_("The link in the email will no longer work. You can invite them again."),
            confirm_label=_("Withdraw the invitation"),
            cancel_url=reverse("orgs:members", args=[org.slug]),
            place=org.name,
        )
    try:
        services.org_invite_revoke(invite=invitation, by=request.user)
        messages.success(request, _("Invitation withdrawn."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("orgs:members", org.slug)


@login_required
@require_http_methods(["GET", "POST"])
def reset_code(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Make a new invite code for %(org)s?") % {"org": org.name},
            question=_(
                "The code %(code)s will stop working: colleagues who have it cannot join "
                "with it any more. Give them the new code."
            )
            % {"code": org.invite_code},
            confirm_label=_("Make a new code"),
            cancel_url=reverse("orgs:members", args=[org.slug]),
            place=org.name,
        )
    services.org_reset_code(org=org, by=request.user)
    messages.success(request, _("A new invite code was made; the old one no longer works."))
    return redirect("orgs:members", org.slug)
