"""Supporters of a group (an RTLB, a coach): a facilitator invites them and lets them
go; the person invited answers, and leaves when they like, from their own page of the
groups they support (``/supporting/``, not a group's page: until they accept they may
not see the group at all)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.groups import selectors, services
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.forms import SupporterInviteForm
from kahui.groups.models import GroupSupporter, LearningGroup
from kahui.groups.views.members import group_crumbs


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def supporter_invite(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess
) -> HttpResponse:
    form = SupporterInviteForm(request.POST or None)
    if request.method == "POST":
        saved = form_saved(
            request,
            form,
            lambda: services.supporter_invite(
                group=group,
                by=request.user,
                email=form.cleaned_data["email"],
                role_note=form.cleaned_data["role_note"],
            ),
            _("Invitation sent. Every member sees it on the members page."),
        )
        if saved:
            return redirect("groups:members", group.public_id)
    return render(
        request,
        "groups/supporter_invite.html",
        {"group": group, "form": form},
        status=400 if form.is_bound else 200,
    )


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def supporter_revoke(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, supporter_id: UUID
) -> HttpResponse:
    supporter = get_object_or_404(
        GroupSupporter.objects.select_related("user__profile"), group=group, public_id=supporter_id
    )
    if not is_confirmed(request):
        name = supporter.user.display_name
        return ask_to_confirm(
            request,
            title=(
                _("Let %(name)s go?") if supporter.accepted_at else _("Withdraw the invitation?")
            )
            % {"name": name},
            question=_(
                "%(name)s will no longer see %(group)s's charter, meetings, inquiry or shared "
                "work. You can invite them again."
            )
            % {"name": name, "group": group.name},
            confirm_label=_("Let go") if supporter.accepted_at else _("Withdraw"),
            cancel_url=reverse("groups:members", args=[group.public_id]) + "#supporters",
            breadcrumbs=group_crumbs(group),
            place=group.name,
        )
    try:
        services.supporter_revoke(supporter=supporter, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s no longer supports the group.") % {"name": supporter.user.display_name},
        )
    return redirect("groups:members", group.public_id)


@login_required
@require_GET
def supporting(request: HttpRequest) -> HttpResponse:
    """The groups this person supports, and the invitations waiting for their answer."""
    return render(
        request,
        "groups/supporting.html",
        {
            "invitations": selectors.support_invitations(request.user),
            "supported": selectors.groups_supported(request.user),
        },
    )


_ANSWERS = {
    "accept": (services.supporter_accept, gettext_lazy("You now support %(group)s.")),
    "decline": (services.supporter_decline, gettext_lazy("You declined to support %(group)s.")),
    "leave": (services.supporter_leave, gettext_lazy("You no longer support %(group)s.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def supporter_answer(request: HttpRequest, supporter_id: UUID, answer: str) -> HttpResponse:
    """Accept, decline or leave: only the person invited (anyone else gets a 404)."""
    supporter = get_object_or_404(
        GroupSupporter.objects.select_related("group"),
        public_id=supporter_id,
        user=request.user,
        revoked_at__isnull=True,
    )
    if answer == "leave" and not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Stop supporting %(group)s?") % {"group": supporter.group.name},
            question=_(
                "You will no longer see the group's charter, meetings, inquiry or shared "
                "work. To come back the facilitators need to invite you again."
            ),
            confirm_label=_("Stop supporting"),
            cancel_url=reverse("groups:supporting"),
            place=supporter.group.name,
        )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service, message = _ANSWERS[answer]
    try:
        service(supporter=supporter, user=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
        return redirect("groups:supporting")
    messages.success(request, str(message) % {"group": supporter.group.name})
    if answer == "accept":
        return redirect("groups:home", supporter.group.public_id)
    return redirect("groups:supporting")
