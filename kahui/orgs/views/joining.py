"""Finding and joining organisations: a person's organisations, making one, joining by
code or by an emailed invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.orgs import services
from kahui.orgs.access import is_invitee
from kahui.orgs.forms import JoinByCodeForm, OrganisationForm
from kahui.orgs.models import OrgInvite, OrgMembership


@login_required
@require_GET
def org_list(request: HttpRequest) -> HttpResponse:
    memberships = (
        OrgMembership.objects.filter(user=request.user)
        .select_related("organisation__parent")
        .annotate(
            member_total=Count("organisation__memberships", distinct=True),
        )
    )
    return render(
        request,
        "orgs/list.html",
        {"memberships": memberships, "join_form": JoinByCodeForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def org_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.org_create(by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is ready. Share its invite code with colleagues.") % {"name": org.name},
            )
            return redirect("orgs:members", org.slug)
    return render(request, "orgs/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def org_join(request: HttpRequest) -> HttpResponse:
    form = JoinByCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.org_join_by_code(
                user=request.user, code=form.cleaned_data["code"]
            )
        except KahuiError as error:
            form.add_error("code", error.message)
        else:
            messages.success(
                request, _("You joined %(name)s.") % {"name": membership.organisation.name}
            )
            return redirect("orgs:detail", membership.organisation.slug)
    return render(request, "orgs/join.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        OrgInvite.objects.select_related("organisation", "invited_by__profile"), token=token
    )
    if not is_invitee(request.user, invitation):
        # A forwarded or leaked link shows nothing about the organisation.
        return render(request, "accounts/invite_elsewhere.html", {"invite_url": request.path})
    if request.method == "POST":
        try:
            services.org_invite_accept(invite=invitation, user=request.user)
        except KahuiError as error:
            messages.error(request, error.message)
            return redirect("orgs:list")
        messages.success(
            request, _("You joined %(name)s.") % {"name": invitation.organisation.name}
        )
        return redirect("orgs:detail", invitation.organisation.slug)
    return render(request, "orgs/invite.html", {"invite": invitation})
