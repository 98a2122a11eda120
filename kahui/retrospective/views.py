"""The retrospective of an inquiry round: one page to read and write it."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry.models import InquiryCycle
from kahui.retrospective import selectors, services
from kahui.retrospective.forms import RetrospectiveForm


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def retrospective(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    cycle = InquiryCycle.objects.filter(group=group, public_id=cycle_id).first()
    if cycle is None:
        raise Http404(_("No such round of inquiry in this group."))
    page = selectors.retrospective_page(group, access, cycle, request.user)
    status = 200
    if request.method == "POST":
        if not page.may_write:
            messages.error(request, _("This retrospective cannot be changed now."))
            return redirect("retrospective:page", group.public_id, cycle.public_id)
        form = RetrospectiveForm(request.POST)
        if form.is_valid():
            try:
                services.retrospective_save(
                    cycle=cycle,
                    by=request.user,
                    worked=form.cleaned_data["worked"],
                    hindered=form.cleaned_data["hindered"],
                    choices=form.choices(),
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The retrospective is saved."))
                return redirect("retrospective:page", group.public_id, cycle.public_id)
        status = 400
    else:
        form = RetrospectiveForm.for_retrospective(page.retrospective)
    return render(
        request,
        "retrospective/page.html",
        {
            "group": group,
            "access": access,
            "cycle": cycle,
            "page": page,
            "form": form,
            "rows": form.rows(page.areas),
        },
        status=status,
    )
