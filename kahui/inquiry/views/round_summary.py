"""A round in brief: the summary page, and its PDF for the school's leaders."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kahui.core.pdf import pdf_response
from kahui.groups.access import GroupAccess, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry.access import READ
from kahui.inquiry.summary import cycle_summary
from kahui.inquiry.views.lookup import cycle_in


@group_view(READ)
@require_GET
def summary(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The round in brief, a page a facilitator could show the school's leaders."""
    cycle = cycle_in(group, cycle_id)
    result = cycle_summary(cycle, nonce=str(get_nonce(request) or "") or None)
    return render(
        request,
        "inquiry/summary.html",
        {"group": group, "access": access, "cycle": cycle, "summary": result},
    )


@group_view(READ)
@require_POST
def summary_pdf(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The summary as a PDF (made by the worker when it is long)."""
    cycle = cycle_in(group, cycle_id)
    return pdf_response(
        request,
        template="inquiry/summary_pdf.html",
        context={"group": group, "cycle": cycle, "summary": cycle_summary(cycle)},
        filename=f"inquiry-round-{cycle.number}.pdf",
        title=_("Summary of round %(n)s of %(group)s") % {"n": cycle.number, "group": group.name},
        back_url=reverse("inquiry:summary", args=[group.public_id, cycle.public_id]),
    )
