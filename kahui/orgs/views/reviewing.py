"""The review of the focus areas an organisation's groups and people typed, for its
coordinators and administrators."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import Conflict, KahuiError
from kahui.core.models import FocusArea, FocusAreaStatus
from kahui.orgs import focus_areas as focus_review
from kahui.orgs.access import org_for
from kahui.orgs.forms import FocusAreaReviewForm
from kahui.orgs.models import OrgRole


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
