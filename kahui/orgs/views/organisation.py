"""An organisation's own pages: its page with the cards other apps add, editing it, its
history and its term dates."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.activity import describe_all
from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.models import ActivityEntry
from kahui.core.submissions import submitted_once
from kahui.orgs import focus_areas as focus_review
from kahui.orgs import services
from kahui.orgs.access import org_for
from kahui.orgs.forms import OrganisationForm, PeriodForm
from kahui.orgs.models import OrgRole
from kahui.orgs.pages import detail_parts


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
@require_http_methods(["GET", "POST"])
def term_delete(request: HttpRequest, slug: str, period_id: UUID) -> HttpResponse:
    org, _membership = org_for(request, slug, OrgRole.ADMIN)
    period = get_object_or_404(org.periods, public_id=period_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove %(period)s?") % {"period": period},
            question=_(
                "Meetings series that end with this term or skip its holidays will no "
                "longer know of it."
            ),
            confirm_label=_("Remove"),
            cancel_url=reverse("orgs:terms", args=[org.slug]),
            place=org.name,
        )
    services.period_remove(period=period, by=request.user)
    messages.info(request, _("Removed."))
    return redirect("orgs:terms", org.slug)
