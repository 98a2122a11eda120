"""Organisation pages: my organisations, join by code or invitation, members (admins),
and the overview of all the organisation's groups for coordinators."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.activity import describe_all
from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import Conflict, KahuiError
from kahui.core.models import ActivityEntry, FocusArea, FocusAreaStatus
from kahui.core.submissions import submitted_once
from kahui.orgs import focus_areas as focus_review
from kahui.orgs import services
from kahui.orgs.access import is_invitee, org_for
from kahui.orgs.forms import (
    FocusAreaReviewForm,
    JoinByCodeForm,
    OrganisationForm,
    OrgInviteForm,
    OrgRoleForm,
    PeriodForm,
)
from kahui.orgs.models import OrgInvite, OrgMembership, OrgRole
from kahui.orgs.pages import detail_parts


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


@login_required
@require_GET
def org_detail(request: HttpRequest, slug: str) -> HttpResponse:
    org, membership = org_for(request, slug)
    oversees = membership.has_role(OrgRole.COORDINATOR)
    children = org.children.annotate(member_total=Count("memberships")).order_by("name")
    context = {
        "org": org,
        "membership": membership,
        "oversees": oversees,
        "is_admin": membership.has_role(OrgRole.ADMIN),
        "children": children,
        "member_total": org.memberships.count(),
        "proposal_count": focus_review.proposals_for(org).count() if oversees else 0,
    }
    # The cards other apps add (the organisation's groups): their contexts join the page's.
    parts = []
    for part in detail_parts:
        extra = part.context(org, membership)
        if extra is not None:
            context.update(extra)
            parts.append(part.template)
    context["parts"] = parts
    return render(request, "orgs/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def org_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    form = OrganisationForm(request.POST or None, instance=org, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_update(org=org, by=request.user, **form.cleaned_data)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("orgs:detail", org.slug)
    return render(request, "orgs/form.html", {"form": form, "org": org, "creating": False})


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
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    target = _org_membership(org, user_id)
    form = OrgRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("orgs:members", org.slug)
    try:
        services.org_member_set_role(
            membership=target, by=request.user, role=form.cleaned_data["role"]
        )
        messages.success(
            request, _("Role changed for %(name)s.") % {"name": target.user.display_name}
        )
    except KahuiError as error:
        messages.error(request, error.message)
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
@require_POST
def invite_revoke(request: HttpRequest, slug: str, invite_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    invitation = get_object_or_404(OrgInvite, organisation=org, public_id=invite_id)
    try:
        services.org_invite_revoke(invite=invitation, by=request.user)
        messages.success(request, _("Invitation withdrawn."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("orgs:members", org.slug)


@login_required
@require_POST
def reset_code(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    services.org_reset_code(org=org, by=request.user)
    messages.success(request, _("A new invite code was made; the old one no longer works."))
    return redirect("orgs:members", org.slug)


@login_required
@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    entries = ActivityEntry.objects.filter(organisation=org, group__isnull=True).select_related(
        "actor__profile"
    )
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/history.html",
        {"org": org, "page": page, "entries": describe_all(page.object_list)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def focus_areas(request: HttpRequest, slug: str) -> HttpResponse:
    """The focus areas the organisation's groups and people typed, waiting for its
    coordinators and administrators to accept, rename, merge or decline them."""
    org, _membership = org_for(request, slug, OrgRole.COORDINATOR)
    shared = list(FocusArea.objects.accepted().values_list("slug", "name"))
    bound = None
    if request.method == "POST":
        outcome = _focus_area_decide(request, org, shared)
        if isinstance(outcome, HttpResponse):
            return outcome
        bound = outcome
    page = Paginator(focus_review.proposals_for(org), 20).get_page(request.GET.get("page"))
    rows = [
        (area, bound if bound and bound.area.pk == area.pk else None) for area in page.object_list
    ]
    if bound and not any(form for _area, form in rows):
        rows.insert(0, (bound.area, bound))
    rows = [(area, form or FocusAreaReviewForm(area=area, shared=shared)) for area, form in rows]
    return render(
        request,
        "orgs/focus_areas.html",
        {"org": org, "page": page, "rows": rows},
        status=400 if bound else 200,
    )


def _focus_area_decide(
    request: HttpRequest, org, shared: list[tuple[str, str]]
) -> HttpResponse | FocusAreaReviewForm:
    """Carry out one decision and redirect, or return the form that needs fixing."""
    listing = reverse("orgs:focus_areas", args=[org.slug])
    if page_number := request.GET.get("page"):
        listing += "?" + urlencode({"page": page_number})
    area = FocusArea.objects.filter(slug=request.POST.get("area", "")).first()
    if area is None or area.status != FocusAreaStatus.PROPOSED:
        messages.info(request, _("That focus area was already reviewed."))
        return redirect(listing)
    if not focus_review.proposals_for(org).filter(pk=area.pk).exists():
        raise Http404("No such proposal here")
    form = FocusAreaReviewForm(request.POST, area=area, shared=shared)
    if not form.is_valid():
        return form
    data, name = form.cleaned_data, {"name": area.name}
    decision = data["decision"]
    try:
        if decision == "accept":
            focus_review.focus_area_accept(area=area, organisation=org, by=request.user)
            done = _("“%(name)s” is in the shared list now.") % name
        elif decision == "rename":
            renamed = focus_review.focus_area_rename(
                area=area, organisation=org, by=request.user, name=data["name"]
            )
            done = _("“%(name)s” is in the shared list now, as “%(new)s”.") % {
                **name,
                "new": renamed.name,
            }
        elif decision == "merge":
            into = FocusArea.objects.accepted().filter(slug=data["into"]).first()
            if into is None:
                raise KahuiError(_("Choose a focus area from the shared list to merge into."))
            focus_review.focus_area_merge(area=area, organisation=org, by=request.user, into=into)
            done = _("“%(name)s” was merged into “%(into)s”.") % {**name, "into": into.name}
        else:
            focus_review.focus_area_decline(area=area, organisation=org, by=request.user)
            done = (
                _(
                    "“%(name)s” stays out of the shared list; the groups and people who use it "
                    "keep it."
                )
                % name
            )
    except Conflict as error:
        messages.info(request, error.message)
        return redirect(listing)
    except KahuiError as error:
        form.add_error("name" if decision == "rename" else None, error.message)
        return form
    messages.success(request, done)
    return redirect(listing)


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def terms(request: HttpRequest, slug: str) -> HttpResponse:
    """Term dates and holidays; meeting series can follow the terms."""
    # Members read the dates; only administrators change them.
    org, membership = org_for(
        request, slug, OrgRole.ADMIN if request.method == "POST" else OrgRole.MEMBER
    )
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.period_add(org=org, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("orgs:terms", org.slug)
    return render(
        request,
        "orgs/terms.html",
        {
            "org": org,
            "periods": org.periods.all(),
            "form": form,
            "is_admin": membership.has_role(OrgRole.ADMIN),
        },
    )


@login_required
@require_POST
def term_delete(request: HttpRequest, slug: str, period_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    period = get_object_or_404(org.periods, public_id=period_id)
    services.period_remove(period=period, by=request.user)
    messages.info(request, _("Removed."))
    return redirect("orgs:terms", org.slug)
